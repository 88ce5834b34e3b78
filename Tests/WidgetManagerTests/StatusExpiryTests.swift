import AmoCRM
import Testing
@testable import WidgetManager

/// The status line: passing messages expire after `AppOptions.statusLifetime` (counted by ticks, in
/// `update`) or with the next key that changes context; errors and progress stay until replaced.
@Suite struct StatusExpiryTests {
    /// The catalogue loaded, the detail and users answered, no request running.
    func idle() -> Harness {
        var h = Harness()
        h.loadCatalog()
        h.answerDetail(Fixtures.asterisk)
        h.answerUsers()
        #expect(!h.state.isBusy)
        return h
    }

    /// Answers the running tick; returns the next tick's wait, nil when ticking stopped.
    mutating func tick(_ h: inout Harness) -> Duration? {
        let effects = h.send(.message(.tick(id: h.state.tickID, .init())))
        for case .tick(_, let after) in effects { return after }
        return nil
    }

    @Test func aPassingMessageExpiresAfterItsLifetimeWithOneWakeUp() {
        var h = idle()
        h.key(.char("s"))
        #expect(h.state.status?.text == "Sorted by rating")
        #expect(h.state.status?.remaining == .seconds(5))
        // Idle: one tick waits the whole lifetime (no 120 ms ticking on an idle screen).
        #expect(h.effects.contains(.tick(id: h.state.tickID, after: .seconds(5))))
        #expect(h.screen(120, 40).contains("Sorted by rating"))
        var copy = self
        #expect(copy.tick(&h) == nil)
        #expect(h.state.status == nil)
        #expect(!h.state.tickRunning)
        #expect(!h.screen(120, 40).contains("Sorted by rating"))
    }

    @Test func aNewMessageGetsItsWholeLifeAndAStaleTickIsIgnored() {
        var h = idle()
        h.key(.char("s"))
        let first = h.state.tickID
        h.key(.char("a"))
        #expect(h.state.status?.text == "Showing installed widgets only")
        #expect(h.state.tickID != first)
        // The superseded wait's answer changes nothing.
        #expect(h.send(.message(.tick(id: first, .init()))).isEmpty)
        #expect(h.state.status?.remaining == .seconds(5))
    }

    @Test func whileBusyTheSpinnerTicksCountTheLifeDown() {
        var h = Harness()
        h.page(1, Fixtures.firstPage, next: true)
        h.key(.char("s"))  // a message while page 2 still loads
        #expect(h.state.isBusy)
        var copy = self
        for _ in 0..<10 { #expect(copy.tick(&h) == .milliseconds(120)) }
        #expect(h.state.status?.remaining == .seconds(5) - .milliseconds(1200))
        // Busy no more: the rest of the life in one wait.
        h.page(2, Fixtures.secondPage, next: false)
        h.answerDetail(Fixtures.asterisk)
        h.answerUsers()
        #expect(h.state.status?.text == "All 5 widgets loaded")
        let wait = copy.tick(&h)
        #expect(wait == .seconds(5) - .milliseconds(120), "\(String(describing: wait))")
        #expect(copy.tick(&h) == nil)
        #expect(h.state.status == nil)
    }

    @Test func errorsAndProgressStayUntilReplacedOrDismissed() {
        var h = idle()
        h.send(.message(.page(id: 999, page: 1, .failure(.server(ErrorContext(status: 500))))))  // stale: ignored
        h.key(.char("r"))
        #expect(h.state.status?.text == "Reloading the catalogue")
        #expect(h.state.status?.remaining == nil)  // progress: its answer replaces it
        h.send(.message(.page(id: h.state.load.requestID ?? -1, page: 1, .failure(.server(ErrorContext(status: 500, requestID: "abc"))))))
        let error = h.state.status
        #expect(error?.isError == true && error?.remaining == nil)
        var copy = self
        for _ in 0..<100 { _ = copy.tick(&h) }
        #expect(h.state.status == error)
        // A key that changes context keeps an error …
        h.key(.char("?")); h.key(.escape)
        #expect(h.state.status == error)
        // … Esc (no filter) dismisses it.
        h.key(.escape)
        #expect(h.state.status == nil)
    }

    @Test func aKeyThatChangesContextTakesAPassingMessageWithIt() {
        var h = idle()
        h.key(.char("s"))
        #expect(h.state.status != nil)
        h.key(.down)  // same context: the message stays
        #expect(h.state.status?.text == "Sorted by rating")
        h.key(.char("/"))  // the filter opens
        #expect(h.state.status == nil)
        h.key(.escape)
        h.key(.char("s"))
        #expect(h.state.status?.text == "Sorted installed first")
        h.key(.char("i"))  // the form opens once the widget's local records arrive (a message, not the key)
        #expect(h.state.status?.text == "Sorted installed first")
        h.answerLocal()
        #expect(h.state.context == .form)
        #expect(h.state.status == nil)
        // Leaving a changed form says what happened: that message stays (it is the change's own).
        h.type("x")
        h.key(.escape)
        #expect(h.state.dialog == .discardForm)
        h.key(.char("y"))
        #expect(h.state.context == .browser)
        #expect(h.state.status?.text == "Form closed; nothing was changed")
    }
}

@Suite struct TokenSourceMessageTests {
    @Test func a401SaysWhichTokenWasRejected() {
        var options = AppOptions(accountHost: "example.amocrm.ru")
        options.tokenSource = .environment("AMO_TOKEN")
        var h = Harness(options: options)
        h.send(.message(.page(id: h.state.load.requestID ?? -1, page: 1, .failure(.unauthorized(ErrorContext(status: 401, requestID: "r1"))))))
        let text = h.state.status?.text ?? ""
        #expect(text.contains("the token from AMO_TOKEN was rejected") && !text.contains("log in again"), "\(text)")
        #expect(h.state.status?.isError == true)
        var p = Harness()
        p.send(.message(.page(id: p.state.load.requestID ?? -1, page: 1, .failure(.unauthorized(ErrorContext(status: 401))))))
        #expect(p.state.status?.text.contains("log in again: amowidgets login") == true)
    }
}
