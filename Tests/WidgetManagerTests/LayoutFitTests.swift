import AmoCRM
import Testing
@testable import WidgetManager

/// What a tester found on the real binary: the selected list row hid under the message band, and a
/// users_lp password box started past the right edge at 40 columns (typed blind).
@Suite struct LayoutFitTests {
    /// At 100×16 a failed uninstall's two-line message band would cover the bottom list rows, the
    /// selected one included: the list pane ends above the band and the cursor's row is scrolled into it.
    @Test func theSelectedRowStaysAboveTheMessageBand() throws {
        var h = Harness(width: 100, height: 16)
        let widgets = (0..<20).map { Fixtures.widget(String(format: "widget_%02d", $0), id: 100 + $0, installed: true) }
        h.page(1, widgets, next: false)
        for _ in 0..<8 { h.key(.down) }
        #expect(h.state.selectedCode == "widget_08")
        h.open(.char("d"))
        h.answerLocal()
        guard case .uninstall(let id, "widget_08", _, _)? = h.key(.char("y")).first else { Issue.record("no uninstall"); return }
        let reason = "the disk /data/backups/example.amocrm.ru is full (ENOSPC); free some space or move the backups folder elsewhere"
        h.send(.message(.uninstalled(id: id, code: "widget_08", .backupFailed(reason))))
        let layout = Layout(width: 100, height: 16)
        #expect(StatusOverflowView.lines(h.state, layout, .unicode).count == 2)
        let canvas = AppView.render(h.state, width: 100, height: 16)
        let lines = canvas.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let band = try #require(lines.firstIndex { $0.contains("─ message ─") }, "\(canvas.text)")
        #expect(band == 9, "\(canvas.text)")
        // The selected row: the selection mark at the list's first column, naming the selected widget.
        let selected = try #require(lines.firstIndex { $0.dropFirst().hasPrefix("▶") }, "no visible selection:\n\(canvas.text)")
        #expect(selected < band, "\(canvas.text)")
        #expect(lines[selected].prefix(layout.list.width + 1).contains("widget_08"))
        #expect(canvas.rows[selected][1].style.attributes.contains(.reverse))
        // Moving on keeps it above the band; the band going (Esc) gives the rows back.
        for _ in 0..<3 { h.key(.down) }
        let after = AppView.render(h.state, width: 100, height: 16).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let moved = try #require(after.firstIndex { $0.dropFirst().hasPrefix("▶") }, "\(after.joined(separator: "\n"))")
        #expect(moved < band && after[moved].contains("widget_11"), "\(after.joined(separator: "\n"))")
        #expect(Update.listRows(h.state) == AppView.listPane(h.state, layout, .unicode).height - 1)
    }

    /// At 40×12 Tab from a user's login box moves to the password box: it is drawn inside the
    /// canvas (on its own line) and the caret is on it.
    @Test func theUsersLPPasswordBoxFitsAt40Columns() throws {
        var h = Harness(width: 40, height: 12)
        h.loadCatalog()
        h.select("sip_users")
        h.answerDetail(Fixtures.telephony)
        h.key(.char("i"))
        h.answerUsers()
        #expect(h.state.form?.code == "sip_users")
        h.type("ivan")
        h.key(.tab)
        h.type("s3cret")
        let canvas = AppView.render(h.state, width: 40, height: 12)
        let lines = canvas.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let cursor = try #require(AppView.cursor(h.state, width: 40, height: 12), "the password box is out of view:\n\(canvas.text)")
        #expect((1..<39).contains(cursor.x) && (1..<8).contains(cursor.y), "\(cursor)\n\(canvas.text)")
        let line = lines[cursor.y]
        #expect(line.contains("password ["), "\(canvas.text)")
        #expect(!line.contains("s3cret"), "the password is masked")
        // The focused box: its cells, from "[" to "]", lie inside the frame and are drawn focused.
        let open = try #require(canvas.rows[cursor.y].firstIndex { $0.text == "[" })
        let close = try #require(canvas.rows[cursor.y].lastIndex { $0.text == "]" })
        #expect(open < cursor.x && cursor.x <= close && close < 39, "\(canvas.text)")
        #expect(canvas.rows[cursor.y][open + 1].style.attributes.contains(.reverse))
        // The login stays visible on the line above.
        #expect(lines[cursor.y - 1].contains("login [ivan"), "\(canvas.text)")
    }
}
