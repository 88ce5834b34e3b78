import AmoCRM
import Testing
@testable import WidgetManager

/// What a user found driving the real binary: the long-message band hid the focused form box, and
/// status messages about an earlier paste or form were read as about the current one.
@Suite struct StaleStatusTests {
    private func asteriskForm(width: Int = 120, height: Int = 40) -> Harness {
        Harness.asteriskInstallForm(width: width, height: height)
    }

    /// At 40×12 a refused Ctrl-S puts a two-line message band over the bottom of the form: the
    /// form pane ends above it, so the focused box (a user's extension) and "↓ N more" stay visible.
    @Test func theMessageBandNeverCoversTheFocusedBoxOrTheMoreMark() throws {
        var h = asteriskForm(width: 40, height: 12)
        h.key(.ctrl("s"))
        #expect(h.state.status?.isError == true)
        h.key(.tab); h.key(.tab)  // phones: the first user's extension
        h.type("1039")
        let lines = h.screen(40, 12).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let band = try #require(lines.firstIndex { $0.contains("─ message ─") }, "\(lines.joined(separator: "\n"))")
        let cursor = try #require(AppView.cursor(h.state, width: 40, height: 12), "the focused box is out of view")
        #expect(cursor.y < band, "\(lines.joined(separator: "\n"))")
        #expect(lines[cursor.y].contains("1039"))
        #expect(lines[..<band].contains { $0.contains("↓ ") && $0.contains(" more") }, "\(lines.joined(separator: "\n"))")
        // Tab on to the last field: it shows above the band too.
        h.key(.tab); h.key(.tab); h.key(.tab)
        h.type("https://pbx")
        let last = h.screen(40, 12).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let lastCursor = try #require(AppView.cursor(h.state, width: 40, height: 12))
        #expect(lastCursor.y < band && last[lastCursor.y].contains("pbx"), "\(last.joined(separator: "\n"))")
    }

    @Test func aWholePasteClearsTheNoteOfAnEarlierPasteThatLostLines() {
        var h = asteriskForm()
        h.send(.event(.paste("admin\nline 2\nline 3")))
        #expect(h.state.status?.text == "Only its first line was pasted (2 more lines left out)")
        h.key(.tab)
        h.send(.event(.paste("one-line-secret")))
        #expect(h.state.status == nil, "\(h.state.status?.text ?? "")")
        // While the form is being sent it is read-only: a paste is refused with a note, not typed.
        h.key(.ctrl("s"))
        let before = h.state.form?.fields
        h.send(.event(.paste("x")))
        #expect(h.state.status?.text.contains("the form is read-only until then") == true)
        #expect(h.state.form?.fields == before)
    }

    @Test func aNewFormDoesNotShowThePreviousFormsFarewell() {
        var h = asteriskForm()
        h.type("abc")
        h.key(.escape)
        h.key(.char("y"))
        #expect(h.state.form == nil && h.state.status?.text == "Form closed; nothing was changed")
        h.key(.char("i"))
        h.answerLocal()
        #expect(h.state.form != nil)
        #expect(h.state.status == nil, "\(h.state.status?.text ?? "")")
        // An error is kept: it may say why the last attempt failed.
        h.key(.escape)
        h.send(.command(.reconfigure))
        #expect(h.state.status?.isError == true)
        h.key(.char("i"))
        h.answerLocal()
        #expect(h.state.form != nil && h.state.status?.isError == true)
    }
}

/// An error beside a box that does not fit there is drawn whole on lines of its own below the box.
@Suite struct FormErrorPlacementTests {
    /// The install form of `widget`, the only widget of the catalogue, at 80×24.
    private func installForm(_ widget: Widget) -> Harness {
        var h = Harness(width: 80, height: 24)
        h.page(1, [widget], next: false)
        h.answerDetail(widget)
        h.answerUsers()
        h.key(.char("i"))
        h.answerLocal()
        return h
    }

    @Test func aUsersLPRowErrorIsReadableAt80Columns() throws {
        var h = installForm(Fixtures.telephony)
        h.type("ivan")          // the first user's login, no password
        h.key(.ctrl("s"))
        let screen = h.screen(80, 24)
        #expect(screen.contains("password missing: a user with a login needs a"), "\(screen)")
        let lines = screen.split(separator: "\n").map(String.init)
        let row = try #require(lines.firstIndex { $0.contains("[ivan") }, "\(screen)")
        #expect(lines[row + 1].contains("password missing"), "the error sits under its row")
        // A short error still sits beside its box.
        var short = installForm(Fixtures.asterisk)
        short.key(.ctrl("s"))
        #expect(short.screen(80, 24).split(separator: "\n").contains { $0.contains("Логин *") && $0.contains("] required") })
    }
}
