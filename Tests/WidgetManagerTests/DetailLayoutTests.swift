import AmoCRM
import Testing
@testable import WidgetManager

/// The detail pane keeps its rows in place (issue 6: bytes per ↓ over a slow link): a quick detail
/// answer changes nothing, a slow one says so in one fixed row, and moving between widgets leaves
/// the rows that do not depend on the widget untouched.
@Suite struct DetailLayoutTests {
    /// The catalogue loaded at 200×60, the first widget's detail answered, no spinner running.
    func loaded() -> Harness {
        var h = Harness(width: 200, height: 60)
        h.answerUsers()
        h.loadCatalog()
        h.answerDetail(Fixtures.asterisk)
        h.send(.message(.tick(id: h.state.tickID, .init())))
        return h
    }

    /// Rows of the detail pane (right of the divider) whose text differs between two screens.
    func changedPaneRows(_ a: String, _ b: String) -> [Int] {
        let x = Layout(width: 200, height: 60).detail.x
        let rowsA = a.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.dropFirst(x)) }
        let rowsB = b.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.dropFirst(x)) }
        return (0..<min(rowsA.count, rowsB.count)).filter { rowsA[$0] != rowsB[$0] }
    }

    @Test func aQuickDetailAnswerChangesNothingOnScreen() {
        var h = loaded()
        h.key(.down)  // amo_dropbox: its detail is requested
        #expect(h.state.detailRequest?.code == "amo_dropbox")
        let waiting = h.screen(200, 60)
        #expect(!waiting.contains("Loading details"))
        #expect(!waiting.contains("loading details"))
        h.answerDetail(Fixtures.dropbox)
        #expect(h.state.detailRequest == nil)
        #expect(changedPaneRows(waiting, h.screen(200, 60)) == [])
    }

    @Test func aSlowDetailSaysSoInItsOwnRowWithoutMovingTheTemplate() throws {
        var h = loaded()
        h.key(.down)
        let before = h.screen(200, 60)
        #expect(h.state.tickRunning)
        for n in 0..<AppState.detailLoadingAfterTicks {
            #expect(!h.screen(200, 60).contains("Loading details"), "after \(n) ticks")
            h.send(.message(.tick(id: h.state.tickID, .init())))
        }
        let slow = h.screen(200, 60)
        #expect(slow.contains("Loading details…"))
        #expect(slow.contains("loading details"))  // the spinner in the status line too
        let lines = slow.split(separator: "\n", omittingEmptySubsequences: false)
        let loadingRow = try #require(lines.firstIndex { $0.contains("Loading details…") })
        // The status row sits between the link and the template; nothing else in the pane moved.
        #expect(lines[loadingRow - 1].contains("Link: "))
        #expect(lines[loadingRow + 1].contains("Settings template"))
        let paneRows = changedPaneRows(before, slow).filter { $0 < Layout(width: 200, height: 60).separatorY }
        #expect(paneRows == [loadingRow])
        h.answerDetail(Fixtures.dropbox)
        #expect(changedPaneRows(slow, h.screen(200, 60)).filter { $0 < Layout(width: 200, height: 60).separatorY } == [loadingRow])
    }

    @Test func aFailedDetailIsSaidInTheSameRow() throws {
        var h = loaded()
        h.key(.down)
        let pending = try #require(h.state.detailRequest)
        h.send(.message(.detail(id: pending.id, code: pending.code,
                                .failure(.transport(.timeout, ErrorContext())), local: LocalRecords())))
        let lines = h.screen(200, 60).split(separator: "\n", omittingEmptySubsequences: false)
        let row = try #require(lines.firstIndex { $0.contains("Details failed:") })
        #expect(lines[row - 1].contains("Link: "))
        #expect(lines[row + 1].contains("Settings template"))
    }

    @Test func rowsThatDoNotDependOnTheWidgetStayPut() throws {
        var h = loaded()
        let first = h.screen(200, 60)
        h.key(.down)
        h.answerDetail(Fixtures.dropbox)
        let second = h.screen(200, 60)
        // amo_asterisk (4 fields, not a lead source) and amo_dropbox (1 field, not a lead source):
        // the pipeline row, the blank status row and the template's column header are identical.
        let a = first.split(separator: "\n", omittingEmptySubsequences: false)
        let b = second.split(separator: "\n", omittingEmptySubsequences: false)
        let header = try #require(a.firstIndex { $0.contains("KEY") && $0.contains("REQUIRED") })
        #expect(a[header] == b[header])
        let pipeline = try #require(a.firstIndex { $0.contains("Pipeline: none (not a lead source)") })
        #expect(a[pipeline] == b[pipeline])
        #expect(a[pipeline + 3] == b[pipeline + 3])  // the status row (blank in both)
    }
}

/// Past the bottom (or top) the list jumps half a page instead of creeping a row per key: a half-width
/// list cannot use terminal scrolling, so every scroll rewrites all its rows (issue 6, bytes per ↓).
@Suite struct ListJumpScrollTests {
    @Test func leavingTheViewPutsTheCursorMidView() {
        var h = Harness(width: 120, height: 14)
        h.page(1, (0..<60).map { Fixtures.widget(String(format: "w%02d", $0), id: $0) }, next: false)
        let rows = Layout(width: 120, height: 14).listRows
        for _ in 0..<(rows - 1) { h.key(.down) }
        #expect(h.state.cursor == rows - 1 && h.state.listTop == 0)  // last row: no scroll yet
        h.key(.down)
        #expect(h.state.cursor == rows && h.state.listTop == rows - rows / 2)
        let top = h.state.listTop
        for _ in 0..<(rows / 2 - 1) { h.key(.down) }
        #expect(h.state.listTop == top, "no scroll while the cursor is in view")
        for _ in 0..<(h.state.cursor - top) { h.key(.up) }
        #expect(h.state.cursor == top && h.state.listTop == top)
        h.key(.up)
        #expect(h.state.listTop == max(0, top - 1 - rows / 2))
    }
}
