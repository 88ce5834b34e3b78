import AmoCRM
import Testing
@testable import WidgetManager

@Suite struct BrowserUpdateTests {
    @Test func startAsksForAccountPipelinesAndPageOne() {
        let h = Harness()
        #expect(h.effects.contains { if case .loadAccount = $0 { true } else { false } })
        #expect(h.effects.contains { if case .loadPipelines = $0 { true } else { false } })
        #expect(h.effects.contains(.loadPage(id: h.loadID ?? -1, page: 1, limit: 250)))
        #expect(h.effects.contains { if case .tick = $0 { true } else { false } })
    }

    @Test func firstPageShowsAtOnceAndTheRestLoadsInTheBackground() {
        var h = Harness()
        let id = h.loadID
        let effects = h.page(1, Fixtures.firstPage, next: true)
        #expect(h.state.catalog.visible.count == 3)
        #expect(h.state.selectedCode == "amo_asterisk")
        #expect(effects.contains(.loadPage(id: id ?? -1, page: 2, limit: 250)))
        #expect(effects.contains { if case .loadDetail(_, "amo_asterisk", _, _) = $0 { true } else { false } })
        #expect(h.screen(120, 40).contains("3 shown / 3 loaded / total ?"))
        h.page(2, Fixtures.secondPage, next: false)
        #expect(h.state.load.complete)
        #expect(h.state.status?.text == "All 5 widgets loaded")
        #expect(h.screen(120, 40).contains("5 shown / 5 loaded / total 5"))
    }

    @Test func aStalePageIsDropped() {
        var h = Harness()
        let oldID = h.loadID ?? -1
        h.key(.char("r"))  // reload: a new load id
        h.send(.message(.page(id: oldID, page: 1, .success(WidgetPage(page: 1, widgets: Fixtures.firstPage, nextLink: nil)))))
        #expect(h.state.catalog.entries.isEmpty)
        #expect(h.loadID != oldID)
    }

    @Test func movingWithArrowsVimKeysPagesAndEnds() {
        var h = Harness(width: 120, height: 14)
        h.page(1, (0..<30).map { Fixtures.widget(String(format: "w%02d", $0), id: $0) }, next: false)
        h.key(.char("j")); h.key(.down)
        #expect(h.state.selectedCode == "w02")
        h.key(.char("k"))
        #expect(h.state.selectedCode == "w01")
        h.key(.char("G"))
        #expect(h.state.selectedCode == "w29")
        #expect(h.state.listTop == 30 - Layout(width: 120, height: 14).listRows)
        h.key(.home)
        #expect(h.state.selectedCode == "w00")
        h.key(.pageDown)
        let rows = Layout(width: 120, height: 14).listRows
        #expect(h.state.cursor == rows - 1)
        h.key(.pageUp)
        #expect(h.state.cursor == 0)
        h.key(.end); h.key(.char("g"))
        #expect(h.state.cursor == 0)
        h.key(.up)
        #expect(h.state.cursor == 0)
    }

    @Test func filterTypesLiveAndEscapeClears() {
        var h = Harness()
        h.loadCatalog()
        h.key(.char("/"))
        #expect(h.state.context == .filter)
        h.type("ASTER")
        #expect(h.state.catalog.visible.count == 1)
        #expect(h.state.selectedCode == "amo_asterisk")
        #expect(h.screen(120, 40).contains("filter: ASTER"))
        h.key(.enter)
        #expect(h.state.context == .browser)
        #expect(h.state.catalog.filter == "ASTER")
        h.key(.escape)
        #expect(h.state.catalog.filter == "")
        #expect(h.state.catalog.visible.count == 5)
        h.key(.char("/")); h.type("!amo"); h.key(.escape)
        #expect(h.state.catalog.filter == "")
        #expect(h.state.context == .browser)
    }

    @Test func installedOnlySortAndSelectionFollowsTheWidget() {
        var h = Harness()
        h.loadCatalog()
        h.select("amo_mailchimp")
        h.key(.char("s"))
        #expect(h.state.catalog.sort == .rating)
        #expect(h.state.selectedCode == "amo_mailchimp")
        #expect(h.state.cursor == 1)
        h.key(.char("a"))
        #expect(h.state.catalog.visible.count == 1)
        #expect(h.screen(120, 40).contains("installed only"))
        h.key(.char("ф"))  // the same key on ЙЦУКЕН
        #expect(h.state.catalog.visible.count == 5)
    }

    @Test func detailIsDebouncedSupersededAndStaleAnswersDropped() {
        var h = Harness()
        h.loadCatalog()
        let first = h.state.detailRequest
        #expect(first?.code == "amo_asterisk")
        let effects = h.key(.down)
        guard case .loadDetail(let id, "amo_dropbox", _, let delay)? = effects.first else {
            Issue.record("no detail load: \(effects)"); return
        }
        #expect(delay == .milliseconds(150))
        #expect(effects.first?.supersedes == "detail")
        // The answer for the widget the user left is dropped.
        h.send(.message(.detail(id: first?.id ?? -1, code: "amo_asterisk", .success(Fixtures.asterisk), local: LocalRecords())))
        #expect(h.state.details["amo_asterisk"] == nil)
        h.send(.message(.detail(id: id, code: "amo_dropbox", .success(Fixtures.dropbox), local: LocalRecords())))
        #expect(h.state.details["amo_dropbox"] != nil)
        #expect(h.state.detailRequest == nil)
        // Back to a widget already loaded? No request; moving to one with a running request cancels nothing new.
        h.key(.up)
        #expect(h.state.detailRequest?.code == "amo_asterisk")
        let back = h.key(.down)
        #expect(back.contains(.cancel(key: "detail")))
    }

    @Test func aFailedPageSaysSoAndReloadStartsOver() {
        var h = Harness()
        h.page(1, Fixtures.firstPage, next: true)
        h.send(.message(.page(id: h.loadID ?? -1, page: 2, .failure(.server(ErrorContext(status: 500, requestID: "abc123", detail: "An unknown error occurred."))))))
        #expect(h.state.status?.isError == true)
        #expect(h.state.status?.text.contains("page 2") == true)
        #expect(h.state.catalog.entries.count == 3)
        let effects = h.key(.char("r"))
        #expect(effects.contains { if case .loadPage(_, 1, _) = $0 { true } else { false } })
        #expect(h.state.catalog.entries.isEmpty)
    }

    @Test func quitAndHelp() {
        var h = Harness()
        h.key(.char("?"))
        #expect(h.state.showHelp)
        h.key(.char("q"))  // closes help, does not quit
        #expect(!h.state.showHelp && !h.state.isFinished)
        h.key(.char("й"))
        #expect(h.state.isFinished)
    }

    @Test func readonlyRefusesChanges() {
        var h = Harness(options: AppOptions(readonly: true, accountHost: "x"))
        h.loadCatalog()
        h.select("amo_mailchimp")
        #expect(h.key(.char("d")).filter { if case .tick = $0 { false } else { true } }.isEmpty)
        #expect(h.state.dialog == nil)
        #expect(h.state.status?.text.contains("Read-only") == true)
        h.key(.char("i"))
        #expect(h.state.form == nil && h.state.pendingOpen == nil)
        #expect(!h.screen(120, 40).contains("uninstall"))
    }

    @Test func spinnerTicksWhileBusyAndShowsRateLimitWaits() {
        var h = Harness()
        #expect(h.state.tickRunning)
        let first = h.state.tickID
        // A late answer of a superseded tick starts nothing.
        #expect(h.send(.message(.tick(id: first - 1, .init()))).isEmpty)
        let effects = h.send(.message(.tick(id: first, ClientActivity.Snapshot(waitingSeconds: 3, reason: "rate limit"))))
        #expect(effects == [.tick(id: h.state.tickID, after: .milliseconds(120))])
        #expect(h.state.tickID != first)
        #expect(h.screen(120, 40).contains("waiting 3s (rate limit)"))
        h.page(1, Fixtures.firstPage, next: false)
        h.answerDetail(Fixtures.asterisk)
        h.answerUsers()
        #expect(!h.state.isBusy)
        // Idle: the spinner stops; one slow tick is left to clear "All 3 widgets loaded", then none.
        #expect(h.state.status?.text == "All 3 widgets loaded")
        guard case .tick(let slow, let after)? = h.send(.message(.tick(id: h.state.tickID, .init()))).first else {
            Issue.record("no expiry tick"); return
        }
        #expect(after > .seconds(4) && after <= .seconds(5))
        #expect(h.send(.message(.tick(id: slow, .init()))).isEmpty)
        #expect(h.state.status == nil)
        #expect(!h.state.tickRunning)
    }

    @Test func resizeKeepsStateAndTinyTerminalsOnlySaySo() {
        var h = Harness()
        h.loadCatalog()
        h.key(.char("/")); h.type("amo")
        h.send(.event(.resize(width: 30, height: 10)))
        #expect(h.screen(30, 10).contains("Terminal too small"))
        h.key(.char("x"))  // ignored while too small
        h.send(.event(.resize(width: 80, height: 24)))
        #expect(h.state.filterEditor?.text == "amo")
        #expect(h.state.catalog.visible.count == 3)
    }
}

@Suite struct DetailScrollTests {
    @Test func shiftJKScrollTheDetailPaneAndANewSelectionStartsAtTheTop() {
        var h = Harness(width: 80, height: 24)
        h.loadCatalog()
        h.answerDetail(Fixtures.asterisk)
        #expect(!h.screen(80, 24).contains("script_path"))
        for _ in 0..<6 { h.key(.char("J")) }
        #expect(h.screen(80, 24).contains("script_path"))
        h.key(.char("Л"))  // K on ЙЦУКЕН
        #expect(h.state.detailTop == 5)
        h.key(.down)
        #expect(h.state.detailTop == 0)
    }
}
