import AmoCRM
import Testing
@testable import WidgetManager

/// Bracketed pastes (`TerminalEvent.paste`) in every context: text for the focused box only.
@Suite struct PasteUpdateTests {
    private func asteriskForm() -> Harness { Harness.asteriskInstallForm() }

    private func text(_ h: Harness, field: Int) -> String? {
        guard case .line(let e)? = h.state.form?.fields[field].editor else { return nil }
        return e.text
    }

    @discardableResult
    private func paste(_ h: inout Harness, _ text: String) -> [AppEffect] { h.send(.event(.paste(text))) }

    @Test func aMultiLinePasteStaysInTheFocusedFieldAndTheCursorEndsAfterIt() {
        var h = asteriskForm()
        h.type("ab")
        h.key(.left)
        paste(&h, "X1\nsecret-in-line-2\n\tmore\n")
        #expect(text(h, field: 0) == "aX1b")
        #expect(text(h, field: 1) == "")                       // the password box got nothing
        #expect(h.state.form?.focusedSlot == Slot(field: 0, row: 0, cell: 0))
        guard case .line(let e)? = h.state.form?.fields[0].editor else { Issue.record("no editor"); return }
        #expect(e.cursor == 3)                                 // after "aX1", before "b"
        #expect(h.state.status?.text == "Only its first line was pasted (2 more lines left out)")
        #expect(!(h.state.status?.text.contains("secret") ?? true))
        h.type("!")
        #expect(text(h, field: 0) == "aX1!b")
    }

    @Test func aPasteIntoThePasswordStaysMaskedAndControlsAreRemoved() {
        var h = asteriskForm()
        h.key(.tab)
        paste(&h, "pa\u{1B}[31mss\tw\u{7F}\u{9B}d\r\n")
        #expect(text(h, field: 1) == "pa[31mss wd")
        let screen = h.screen(120, 40)
        #expect(!screen.contains("pa[31m") && !screen.contains("ss wd"))
        #expect(screen.contains("[" + String(repeating: "•", count: Glyphs.secretWidth) + " "))
        #expect(h.state.status == nil || h.state.status?.text.contains("ss") == false)
    }

    @Test func aPasteIntoAUsersCellAndACustomJSONField() {
        var h = asteriskForm()
        h.key(.tab); h.key(.tab)  // phones: Иван Петров's extension
        let before = h.state.status
        paste(&h, "1039\n")
        guard case .users(let rows, _)? = h.state.form?.fields[2].editor else { Issue.record("no users"); return }
        #expect(rows[0].cells[0].text == "1039")
        #expect(h.state.status == before)  // one line (the trailing break is no line of its own): nothing to say

        var d = Harness()
        d.loadCatalog()
        d.select("amo_dropbox")
        d.answerDetail(Fixtures.dropbox)
        d.key(.char("i"))
        paste(&d, "{\r\n  \"a\": 1,\n\t\"b\": [2]\n}\n")
        #expect(text(d, field: 0) == "{   \"a\": 1,  \"b\": [2] }")
        #expect(d.state.form?.validatedBody()?["conf"] == .object(["a": .integer(1), "b": .array([.integer(2)])]))
    }

    @Test func aPasteNeverAnswersAQuestion() {
        var h = Harness.mailchimpUninstallQuestion()
        #expect(h.state.dialog?.uninstallCode == "amo_mailchimp")
        for text in ["y", "Y\n", "yes\r", "\u{1B}[200~y"] {
            #expect(paste(&h, text).isEmpty)
            #expect(h.state.dialog?.uninstallCode == "amo_mailchimp")
        }
        #expect(h.state.status?.text == Update.pasteIgnored)
        // Over a changed form too: the discard question stays, the typed text stays.
        var f = asteriskForm()
        f.type("kept")
        f.key(.escape)
        #expect(f.state.dialog == .discardForm)
        paste(&f, "y\n")
        #expect(f.state.dialog == .discardForm && text(f, field: 0) == "kept")
    }

    @Test func theListAndHelpIgnoreAPasteAndSaySo() {
        var h = Harness()
        h.loadCatalog()
        let selected = h.state.selectedCode
        #expect(paste(&h, "dq\n").isEmpty)  // d would uninstall, q quit: neither happens
        #expect(h.state.dialog == nil && !h.state.isFinished && h.state.selectedCode == selected)
        #expect(h.state.status?.text == Update.pasteIgnored)
        h.key(.char("?"))
        paste(&h, "q")
        #expect(h.state.context == .help)
    }

    @Test func aPasteIntoTheFilterFiltersByItsFirstLine() {
        var h = Harness()
        h.loadCatalog()
        h.key(.char("/"))
        paste(&h, "mail\nchimp")
        #expect(h.state.filterEditor?.text == "mail")
        #expect(h.state.catalog.visible.count == 1 && h.state.catalog.shown(0)?.widget.code == "amo_mailchimp")
        #expect(h.state.context == .filter)  // the newline did not accept the filter
    }

    @Test func pastedTextPolicies() {
        let first = PastedText("a\r\nb\rc\n\nd\n\n", policy: .firstLine)
        #expect(first.text == "a" && first.droppedLines == 4)
        let joined = PastedText("a\r\nb\rc\n", policy: .joinLines)
        #expect(joined.text == "a b c" && joined.droppedLines == 0)
        let controls = PastedText("x\u{0}\u{7}\u{1B}\u{202E}y\u{FFFD}", policy: .firstLine)
        #expect(controls.text == "xy\u{FFFD}" && controls.removedControls == 4)
        #expect(PastedText("\n\n", policy: .firstLine).text == "")
    }

    @Test func aCutPasteIsReported() {
        var h = asteriskForm()
        paste(&h, String(repeating: "z", count: TerminalEvent.pasteLimit))
        #expect(text(h, field: 0)?.count == TerminalEvent.pasteLimit)
        #expect(h.state.status?.text == "The paste was cut at \(TerminalEvent.pasteLimit) characters")
    }
}
