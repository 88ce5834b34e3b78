import AmoCRM
import Foundation
import Testing
@testable import WidgetManager

/// Issue 11: what the admin sees before a change is what the change does, and what the program says
/// afterwards is what happened. Pure update logic; the tmux and CLI tests drive the real binary.
@Suite struct ChangeSafetyTests {
    /// An installed widget whose settings the server does not show, with one `text` field.
    static let mailer = Fixtures.widget("wix_mailer", id: 77, fields: [("api_key", "API key", "text", true)], installed: true)

    static func browsingMailer(local: LocalRecords = LocalRecords()) -> Harness {
        var h = Harness()
        h.page(1, Fixtures.firstPage + [mailer], next: false)
        h.select("wix_mailer")
        h.answerDetail(mailer, local: local)
        h.answerUsers()
        return h
    }

    static func sentRecord(_ settings: [String: JSONValue], daysAgo: Double) -> SettingsRecord {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return SettingsRecord(code: "wix_mailer", host: "example.amocrm.ru", kind: .sent,
                              savedAt: f.string(from: Date().addingTimeInterval(-daysAgo * 86_400)), settings: settings)
    }

    @Test func reconfigureWithNothingKnownWarnsAndAsksBeforeReplacingAll() throws {
        var h = Self.browsingMailer()
        h.open(.char("e"))
        let form = try #require(h.state.form)
        #expect(form.base == nil && form.noticeIsWarning)
        let screen = h.screen(120, 40)
        #expect(screen.contains("^S replaces ALL of them with this"), "\(screen)")
        // The title band is drawn in the error style.
        let canvas = AppView.render(h.state, width: 120, height: 40)
        let row = try #require(canvas.text.split(separator: "\n").firstIndex { $0.contains("replaces ALL") })
        #expect(canvas.rows[row].contains { $0.style.role == .error })

        // ^S at once (the empty form is refused: api_key is required); with a value it asks first.
        h.type("k-1")
        #expect(h.key(.ctrl("s")).isEmpty)
        #expect(h.state.dialog == .confirmReplaceAll(code: "wix_mailer", filled: 1, total: 1))
        #expect(h.screen(120, 40).contains("Sending replaces ALL of them"))
        h.key(.char("n"))
        #expect(h.state.dialog == nil && h.state.installRequests.isEmpty && h.state.form != nil)
        h.key(.ctrl("s"))
        let effects = h.key(.char("y"))
        guard case .install(_, "wix_mailer", _, let settings, true)? = effects.first else { Issue.record("no install: \(effects)"); return }
        #expect(settings == ["api_key": .string("k-1")])
    }

    @Test func reconfigureMergesTheEditsOntoTheSettingsLastSentFromHere() throws {
        // Sent from here 3 days ago, with a key the template does not show (it must survive the POST).
        let sent = Self.sentRecord(["api_key": .string("old"), "hidden_flag": .integer(1)], daysAgo: 3)
        var h = Self.browsingMailer(local: LocalRecords(sent: sent, sentPath: "/x/sent.json"))
        h.open(.char("e"))
        let form = try #require(h.state.form)
        #expect(form.base?.source == .sent(savedAt: sent.savedAt))
        #expect(form.notice?.contains("as sent from here 3 days ago") == true, "\(form.notice ?? "")")
        #expect(!form.noticeIsWarning)
        for _ in 0..<3 { h.key(.backspace) }
        h.type("new")
        let effects = h.key(.ctrl("s"))
        #expect(h.state.dialog == nil)
        guard case .install(_, "wix_mailer", _, let settings, true)? = effects.first else { Issue.record("no install: \(effects)"); return }
        #expect(settings == ["api_key": .string("new"), "hidden_flag": .integer(1)])
    }

    @Test func enterOnTheListShowsTheDetailsWholeAndNeverOpensAForm() {
        var h = Self.browsingMailer()
        h.key(.enter)
        #expect(h.state.form == nil && h.state.pendingOpen == nil && h.state.detailZoom)
        #expect(h.screen(80, 24).contains("Settings template (1 field):"))
        h.key(.escape)
        #expect(!h.state.detailZoom && h.state.form == nil)
    }

    @Test func quitWhileAnUninstallIsInFlightWaitsForItsAnswerAndSaysIt() throws {
        var h = Harness.mailchimpUninstallQuestion()
        guard case .uninstall(let id, _, _, _)? = h.key(.char("y")).first else { Issue.record("no uninstall"); return }
        h.key(.char("q"))
        #expect(!h.state.isFinished && h.state.quitWhenIdle)
        #expect(h.state.status?.text.contains("Waiting for the answer to the uninstall of amo_mailchimp before quitting") == true)
        h.send(.message(.uninstalled(id: id, code: "amo_mailchimp", .done(backupPath: nil))))
        #expect(h.state.isFinished)
        #expect(h.state.farewell == ["amo_mailchimp uninstalled; no settings were known, so no backup was written"])
    }

    @Test func aSecondCtrlCLeavesAtOnceAndASignalWaitsToo() {
        var h = Harness.mailchimpUninstallQuestion()
        h.key(.char("y"))
        var app = WidgetApp(state: h.state)
        let endsNow = app.exitRequested()
        #expect(endsNow == false)  // SIGTERM / SIGHUP: wait for the answer
        #expect(app.state.quitWhenIdle)
        _ = app.handle(.key(.ctrl("c")))
        #expect(app.isFinished)
        // With nothing in flight a signal ends at once.
        var idle = WidgetApp(state: Harness().state)
        let idleEnds = idle.exitRequested()
        #expect(idleEnds)
    }

    @Test func theUninstallQuestionSaysWhetherAnythingCanBeBackedUp() {
        var h = Harness.mailchimpUninstallQuestion()
        let unknown = h.screen(120, 40)
        #expect(unknown.contains("No settings are known for amo_mailchimp here: nothing can be"), "\(unknown)")
        #expect(!unknown.contains("backed up here first"))
        guard case .uninstall(_, _, _, nil)? = h.key(.char("y")).first else { Issue.record("a backup was promised"); return }

        var k = Harness()
        k.loadCatalog()
        k.select("amo_mailchimp")
        k.answerDetail(Fixtures.widget("amo_mailchimp", id: 796, fields: [("api", "custom", "custom", false)], installed: true,
                                       settings: ["api": ["k": 1]]))
        k.open(.char("d"))
        let known = k.screen(120, 40)
        #expect(known.contains("Its 1 known setting (from the server) is"), "\(known)")
        guard case .uninstall(_, _, _, let backup)? = k.key(.char("y")).first else { Issue.record("no uninstall"); return }
        #expect(backup == ["api": .object(["k": .integer(1)])])
    }

    @Test func whileAnInstallIsInFlightTheFormIsReadOnlyAndNoQuestionOutlivesIt() throws {
        var h = Harness.asteriskInstallForm()
        h.type("admin"); h.key(.tab); h.type("pw")
        guard case .install(let id, _, _, let sent, _)? = h.key(.ctrl("s")).first else { Issue.record("not sent"); return }
        let before = h.state.form?.fields
        h.type("zzz")
        #expect(h.state.form?.fields == before)
        #expect(h.state.status?.text == "Waiting for the answer to the install of amo_asterisk: the form is read-only until then")
        h.key(.escape)
        #expect(h.state.dialog == nil)
        h.send(.message(.installed(id: id, code: "amo_asterisk", .success(Fixtures.asterisk), record: nil, recordPath: nil, recordError: nil)))
        #expect(h.state.form == nil && h.state.dialog == nil)
        #expect(sent["login"] == .string("admin"))
    }

    @Test func cutValuesAreMarked() {
        var h = Harness()
        h.page(1, [Fixtures.widget("amo_long", id: 5, version: "2024.11.15", fields: [("k", "Ксения Зайцева-Оболенская-Длинная", "text", false)])],
               next: false)
        let screen = h.screen(200, 40)
        #expect(screen.contains("2024.11.…"), "\(screen)")
        #expect(!screen.contains("2024.11.1 "))
        h.answerDetail(Fixtures.widget("amo_long", id: 5, version: "2024.11.15", fields: [("k", "Ксения Зайцева-Оболенская-Длинная", "text", false)]))
        h.answerUsers()
        h.key(.char("i"))
        h.answerLocal()
        let form = h.screen(80, 24)
        #expect(form.contains("…"), "\(form)")
        #expect(!form.contains("Ксения Зайцева-Оболенская-Длинная"))
        var ascii = Harness(options: AppOptions(asciiOnly: true, accountHost: "example.amocrm.ru"))
        ascii.page(1, [Fixtures.widget("amo_long", id: 5, version: "2.10.35.7119")], next: false)
        #expect(ascii.screen(200, 40).contains("2.10.35.~"))
    }
}

extension ChangeSafetyTests {
    /// `e` pressed before the selection's detail arrived: the form waits for the server's own view
    /// (it may show settings the list did not), then opens prefilled from it; a failed read opens nothing.
    @Test func aReconfigureWaitsForTheServersViewOfTheWidget() throws {
        var h = Harness()
        h.page(1, Fixtures.firstPage + [Self.mailer], next: false)
        h.select("wix_mailer")
        h.answerUsers()
        let effects = h.key(.char("e"))
        guard case .loadDetail(let id, "wix_mailer", _, .zero)? = effects.first else { Issue.record("no detail asked: \(effects)"); return }
        #expect(h.state.form == nil)
        let shown = Fixtures.widget("wix_mailer", id: 77, fields: [("api_key", "API key", "text", true)], installed: true,
                                    settings: ["api_key": "srv", "extra": 1])
        h.send(.message(.detail(id: id, code: "wix_mailer", .success(shown), local: LocalRecords())))
        let form = try #require(h.state.form)
        #expect(form.base?.source == .server)
        #expect(form.base?.settings["extra"] == .integer(1))

        var f = Harness()
        f.page(1, Fixtures.firstPage + [Self.mailer], next: false)
        f.select("wix_mailer")
        guard case .loadDetail(let failID, _, _, _)? = f.key(.char("d")).first else { Issue.record("no detail asked"); return }
        f.send(.message(.detail(id: failID, code: "wix_mailer", .failure(.server(ErrorContext(status: 500))), local: LocalRecords())))
        #expect(f.state.dialog == nil && f.state.pendingOpen == nil)
        #expect(f.state.status?.text.hasPrefix("Not opened: the current settings of wix_mailer could not be read") == true)
    }
}

/// Issue 14 (part): help scrolls where it does not fit; a form pages by the screen, names the required
/// fields still empty and jumps to the next one.
@Suite struct HelpAndFormNavigationTests {
    @Test func helpScrollsAt40x12AndItsNoteWrapsAt80Columns() throws {
        var h = Harness(width: 40, height: 12)
        h.loadCatalog()
        h.key(.char("?"))
        let first = h.screen(40, 12)
        let position = try #require(first.split(separator: "\n").first { $0.contains("lines 1-") })
        #expect(position.contains("j k PgDn PgUp"), "\(first)")
        h.key(.char("j"))
        #expect(h.state.helpTop == 1)
        #expect(h.screen(40, 12).contains("lines 2-"))
        for _ in 0..<20 { h.key(.pageDown) }
        let end = h.screen(40, 12)
        let total = Keymap.helpLines(readonly: false).count
        #expect(end.contains("of \(total)"), "\(end)")
        #expect(end.contains("-\(total) of \(total)"), "the last page ends at the last line: \(end)")
        h.key(.escape)
        #expect(!h.state.showHelp && h.state.helpTop == 0)
        var wide = Harness(width: 80, height: 24)
        wide.key(.char("?"))
        #expect(wide.screen(80, 24).contains("Esc closes"), "the whole note, wrapped")
    }

    @Test func aFormPagesNamesTheEmptyRequiredFieldsAndJumpsToThem() throws {
        var h = Harness.asteriskInstallForm(width: 80, height: 24)
        #expect(h.screen(80, 24).contains("Required, still empty: Логин, Пароль (^G goes to the next)"))
        h.key(.ctrl("g"))
        #expect(h.state.form?.focusedSlot.map { h.state.form!.fields[$0.field].key } == "password")
        h.type("pw")
        #expect(h.screen(80, 24).contains("Required, still empty: Логин ("))
        h.key(.ctrl("g"))
        #expect(h.state.form?.focusedSlot.map { h.state.form!.fields[$0.field].key } == "login")
        h.key(.pageDown)
        let last = try #require(h.state.form?.slots.count)
        #expect(h.state.form?.focus == min(last - 1, 24 - 9))
        h.key(.pageUp)
        #expect(h.state.form?.focus == 0)
    }
}

/// What a breaker found: stale "from the server" prefill, a second change on a widget whose change is
/// in flight, and new changes accepted while quitting.
extension ChangeSafetyTests {
    @Test func aReconfigureAfterAnInstallAsksTheServerAgainAndSaysWhereTheSettingsComeFrom() throws {
        var h = Harness.asteriskInstallForm()
        h.type("admin"); h.key(.tab); h.type("pw")
        guard case .install(let id, _, _, let sent, _)? = h.key(.ctrl("s")).first else { Issue.record("not sent"); return }
        // The install's reply carries the settings; a later GET (another token's view) does not.
        let reply = Fixtures.widget("amo_asterisk", id: 10, fields: Fixtures.asteriskFields, installed: true, settings: ["login": "admin", "password": "pw"])
        let record = SettingsRecord(code: "amo_asterisk", host: "example.amocrm.ru", kind: .sent, savedAt: "2026-12-04T10:00:00.000Z", settings: sent)
        h.send(.message(.installed(id: id, code: "amo_asterisk", .success(reply), record: record, recordPath: "/x", recordError: nil)))
        guard case .loadDetail(let detailID, "amo_asterisk", _, .zero)? = h.key(.char("e")).first else { Issue.record("not asked again"); return }
        let hidden = Fixtures.widget("amo_asterisk", id: 10, fields: Fixtures.asteriskFields, installed: true)
        h.send(.message(.detail(id: detailID, code: "amo_asterisk", .success(hidden), local: LocalRecords(sent: record, sentPath: "/x"))))
        let form = try #require(h.state.form)
        #expect(form.base?.source == .sent(savedAt: record.savedAt), "not 'from the server': the server does not show them")
        #expect(form.notice?.contains("as sent from here") == true)
        // Uninstalled elsewhere meanwhile: the fresh answer says so and no reconfigure opens.
        h.key(.escape)
        guard case .loadDetail(let againID, _, _, _)? = h.key(.char("e")).first else { Issue.record("not asked again"); return }
        let gone = Fixtures.widget("amo_asterisk", id: 10, fields: Fixtures.asteriskFields, installed: false)
        h.send(.message(.detail(id: againID, code: "amo_asterisk", .success(gone), local: LocalRecords())))
        #expect(h.state.form == nil)
        #expect(h.state.status?.text == "amo_asterisk is not installed (any more): i installs it")
    }

    @Test func noSecondChangeOnAWidgetWhoseChangeIsInFlightAndNothingNewWhileQuitting() {
        var h = Harness.mailchimpUninstallQuestion()
        guard case .uninstall? = h.key(.char("y")).first else { Issue.record("no uninstall"); return }
        #expect(h.key(.char("d")).allSatisfy { if case .tick = $0 { true } else { false } })
        #expect(h.state.dialog == nil && h.state.pendingOpen == nil)
        #expect(h.state.status?.text == "A change to amo_mailchimp is in flight: wait for its answer")
        h.key(.char("e"))
        #expect(h.state.pendingOpen == nil && h.state.form == nil)
        h.key(.char("q"))
        h.select("amo_asterisk")
        h.key(.char("i"))
        #expect(h.state.pendingOpen == nil && h.state.form == nil)
        #expect(h.state.status?.text.hasPrefix("Quitting: waiting for the answer to the uninstall of amo_mailchimp") == true)
    }
}

@Suite struct KnownSettingsMergeTests {
    @Test func aUsersFieldKeepsWhatTheFormDoesNotShowOfAKeptUser() {
        let known = KnownSettings(settings: [
            "credentials": ["504141": ["login": "ivan", "password": "p1", "extra": "E"], "504142": ["login": "anna", "password": "p2"]],
            "phones": ["504141": 5, "504143": 7],
            "conf": ["a": 1, "b": 2],
            "hidden": true,
        ], source: .server)
        let edits: [String: JSONValue] = [
            "credentials": ["504141": ["login": "ivan2", "password": "p1"]],  // 504142 cleared in the form
            "phones": ["504141": "5", "504143": "8"],
            "conf": ["a": 1],  // a custom JSON box holds the whole value: b was removed
        ]
        let merged = known.merged(with: edits, templateKeys: ["credentials", "phones", "conf"], usersKeys: ["credentials", "phones"])
        #expect(merged["credentials"] == ["504141": ["login": "ivan2", "password": "p1", "extra": "E"]])
        #expect(merged["phones"] == ["504141": 5, "504143": "8"])
        #expect(merged["conf"] == ["a": 1])
        #expect(merged["hidden"] == true)
    }
}
