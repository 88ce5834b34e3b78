import AmoCRM
import Testing
@testable import WidgetManager

/// Fixed-width secret masks, the users_lp password check, choosing users in one answer, and the
/// list columns the CLI shares with the TUI.
@Suite struct PapercutTests {
    /// The asterisk install form with `password` typed into the password box.
    func formWithPassword(_ password: String, ascii: Bool = false) -> String {
        var h = Harness.asteriskInstallForm(options: AppOptions(asciiOnly: ascii, accountHost: "example.amocrm.ru"))
        h.type("op"); h.key(.tab); h.type(password)
        return h.screen(120, 40)
    }

    @Test func aPasswordBoxShowsEightMaskCharactersWhateverItsLength() {
        for password in ["Ъ", "s3cret", String(repeating: "long-password-", count: 3)] {
            let screen = formWithPassword(password)
            #expect(!screen.contains(password))
            #expect(screen.contains("[••••••••"), "\(password.count) characters")
            #expect(!screen.contains("•••••••••"), "\(password.count) characters")
            let ascii = formWithPassword(password, ascii: true)
            #expect(ascii.contains("[********") && !ascii.contains("*********"), "\(password.count) characters")
        }
        #expect(!formWithPassword("").contains("•"))
    }

    @Test func maskedSettingsHaveOneWidthInTheDetailPaneAndInOutput() {
        let short = Fixtures.widget("amo_asterisk", id: 10, version: "1", fields: Fixtures.asteriskFields, installed: true,
                                    settings: ["login": "op", "password": "pw"])
        let long = Fixtures.widget("amo_asterisk", id: 10, version: "1", fields: Fixtures.asteriskFields, installed: true,
                                   settings: ["login": "op", "password": String(repeating: "p", count: 40)])
        #expect(short.maskingSecrets().settings?["password"] == .string("••••••••"))
        #expect(long.maskingSecrets().settings?["password"] == .string("••••••••"))
        #expect(long.maskingSecrets(mask: Widget.asciiSecretMask).settings?["password"] == .string("********"))
        #expect(Glyphs.unicode.secret == "••••••••" && Glyphs.ascii.secret == "********")
    }

    @Test func aUsersLPLoginWithoutItsPasswordIsRefusedBesideItsRow() {
        var form = SettingsForm(code: "sip_users", template: Fixtures.telephony.settingsTemplate,
                                settings: ["accounts": .object(["504141": .object(["login": .string("ivan"), "password": .string("")])])],
                                users: .loaded(Fixtures.users), isReconfigure: false)
        #expect(form.validatedBody() == nil)
        guard case .users(let rows, _) = form.fields[0].editor else { Issue.record("no rows"); return }
        #expect(rows.first { $0.userID == 504141 }?.error == "password missing: a user with a login needs a password")
        // A password without a login is the other half of the same check.
        var other = SettingsForm(code: "sip_users", template: Fixtures.telephony.settingsTemplate,
                                 settings: ["accounts": .object(["504142": .object(["login": .string(""), "password": .string("pw")])])],
                                 users: .loaded(Fixtures.users), isReconfigure: false)
        #expect(other.validatedBody() == nil)
        // Both halves: accepted.
        var whole = SettingsForm(code: "sip_users", template: Fixtures.telephony.settingsTemplate,
                                 settings: ["accounts": .object(["504141": .object(["login": .string("ivan"), "password": .string("pw")])])],
                                 users: .loaded(Fixtures.users), isReconfigure: false)
        #expect(whole.validatedBody()?["accounts"] == .object(["504141": .object(["login": .string("ivan"), "password": .string("pw")])]))
    }

    @Test func usersAreChosenInOneAnswer() {
        let users = Fixtures.users
        func ids(_ answer: String) -> [Int]? { try? UserSelection.parse(answer, users: users).get().map(\.id) }
        #expect(ids("") == [])
        #expect(ids("  ") == [])
        #expect(ids("all") == [504141, 504142, 504143])
        #expect(ids("ALL") == [504141, 504142, 504143])
        #expect(ids("504142, 504141") == [504141, 504142])
        #expect(ids("иван петров") == [504141])
        #expect(ids("Anna") == [504142])
        #expect(ids("anna, 504142, Anna Smith") == [504142])
        #expect(ids("gone") == [504143])
        guard case .failure(let unknown) = UserSelection.parse("999", users: users) else { Issue.record("999 accepted"); return }
        #expect(unknown.message == "no user with id 999")
        guard case .failure(let nobody) = UserSelection.parse("504141, Bob", users: users) else { Issue.record("Bob accepted"); return }
        #expect(nobody.message == "no user named \"Bob\"")
        // "n" is part of every name: refused with the candidates, not a guess.
        guard case .failure(let many) = UserSelection.parse("n", users: users) else { Issue.record("ambiguous accepted"); return }
        #expect(many.message.contains("504142") && many.message.contains("504143") && many.message.hasSuffix("use an id"))
    }

    @Test func theCLIListColumnsAreTheTUIListsInItsOrder() throws {
        var h = Harness()
        h.loadCatalog()
        let screen = h.screen(120, 40)
        let header = try #require(screen.split(separator: "\n").first { $0.contains("CODE") && $0.contains("VERSION") })
        let words = header.split(whereSeparator: { $0 == " " || $0 == "│" || $0 == "|" }).map(String.init)
        #expect(Array(words.prefix(ListColumns.titles.count)) == ListColumns.titles)
        // Same order as the TUI's default (by code, ignoring case), same filter.
        let widgets = Fixtures.firstPage + Fixtures.secondPage
        let tuiOrder = h.state.catalog.visible.map { h.state.catalog.entries[$0].widget.code }
        #expect(ListColumns.shown(widgets.reversed()).map(\.code) == tuiOrder)
        #expect(ListColumns.shown(widgets, filter: "AMO_").map(\.code) == ["amo_asterisk", "amo_dropbox", "amo_mailchimp"])
        #expect(ListColumns.shown(widgets, installedOnly: true).map(\.code) == ["amo_mailchimp"])
        #expect(ListColumns.cells(Fixtures.leadForm, installed: false) == ["lead_form", "2", "-", "-LD-", "1"])
        #expect(ListColumns.cells(Fixtures.asterisk, installed: true) == ["amo_asterisk", "1.1.6", "2.7", "I---", "4"])
    }
}

/// A settings form taller than its pane marks the rows out of view on the edge lines.
@Suite struct FormScrollMarkTests {
    /// A widget with 14 required text fields, its install form open at 80×16: 18 form rows (title,
    /// two lines naming the required fields still empty, blank, 14 fields) in an 11-line pane.
    func tallForm(ascii: Bool = false) -> Harness {
        let fields = (1...14).map { (key: "f\($0)", name: "Field \($0)", type: "text", required: true) }
        let tall = Fixtures.widget("tall_widget", id: 77, fields: fields)
        var h = Harness(options: AppOptions(asciiOnly: ascii, accountHost: "example.amocrm.ru"), width: 80, height: 16)
        h.page(1, [tall], next: false)
        h.answerDetail(tall)
        h.answerUsers()
        h.key(.char("i"))
        return h
    }

    @Test func theEdgeRowsSayHowMuchIsOutOfView() throws {
        var h = tallForm()
        var lines = h.screen(80, 16).split(separator: "\n").map(String.init)
        // The form pane: title, blank, then fields; the last pane line is the "more below" mark.
        let below = try #require(lines.firstIndex { $0.contains("↓") })
        #expect(lines[below].contains("↓ 8 more"), "\(lines.joined(separator: "\n"))")
        #expect(lines[below - 1].contains("Field 6 *") && !lines.joined().contains("Field 7 *"))
        #expect(!lines.joined().contains("↑"))
        // Tab to the last field: the top gives way to "more above", nothing is below.
        for _ in 0..<13 { h.key(.tab) }
        lines = h.screen(80, 16).split(separator: "\n").map(String.init)
        let above = try #require(lines.firstIndex { $0.contains("↑") })
        #expect(lines[above].contains("↑ 8 more"), "\(lines.joined(separator: "\n"))")
        #expect(lines[above + 1].contains("Field 5 *") && lines.joined().contains("Field 14 *"))
        #expect(!lines.joined().contains("↓"))
        #expect(!lines.joined().contains("Install tall_widget"))
        // The caret stays in the focused box, never on a mark.
        let cursor = try #require(AppView.cursor(h.state, width: 80, height: 16))
        #expect(lines[cursor.y].contains("Field 14 *"))
        // In the middle: both marks at once.
        for _ in 0..<4 { h.key(.backTab) }
        let middle = h.screen(80, 16)
        #expect(middle.contains("↑ ") && middle.contains("↓ ") && middle.contains("Field 10 *"))
        // ASCII terminals get ^ and v.
        let ascii = tallForm(ascii: true).screen(80, 16)
        #expect(ascii.contains("v 8 more") && !ascii.contains("↓"))
    }

    @Test func theWindowKeepsTheFocusedRowOffTheMarks() {
        for count in 1...12 {
            for height in 1...8 {
                for focused in 0..<count {
                    let w = FormView.Window.showing(focused, count: count, height: height)
                    #expect(w.shows(focused, height: height), "count \(count) height \(height) focused \(focused): \(w)")
                    #expect(w.top >= 0 && w.top <= max(0, count - height))
                    if count <= height { #expect(w == FormView.Window()) }
                    // The marks count exactly the rows not drawn.
                    let drawn = min(height, count - w.top) - (w.above > 0 ? 1 : 0) - (w.below > 0 ? 1 : 0)
                    if height >= 3 { #expect(drawn + w.above + w.below == count, "\(w) count \(count) height \(height)") }
                }
            }
        }
    }
}
