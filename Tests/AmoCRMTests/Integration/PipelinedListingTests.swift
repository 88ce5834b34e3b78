import AmoSandbox
import Foundation
import Testing
@testable import AmoCRM

/// `allWidgets` requests page N+1 while page N is parsed (`WidgetPages`): these walks against the
/// sandbox check that it behaves as a plain page-by-page walk — order, ends, errors, cancellation.
@Suite struct PipelinedListingTests {
    /// The pages of a walk, and the error that ended it (nil when it ended normally).
    static func walk(_ client: AmoClient, limit: Int) async -> (pages: [WidgetPage], error: AmoError?) {
        var pages: [WidgetPage] = []
        var iterator = client.allWidgets(limit: limit).makeAsyncIterator()
        do {
            while let page = try await iterator.next() { pages.append(page) }
            return (pages, nil)
        } catch {
            // After an error the sequence ends.
            do { #expect(try await iterator.next() == nil) } catch { Issue.record("threw again: \(error)") }
            return (pages, error as? AmoError)
        }
    }

    static func sandbox(faults: String) -> (inout SandboxConfiguration) -> Void {
        { $0.faults = try? FaultSpec(parsing: faults) }
    }

    @Test func pagesComeInOrderAsSinglePageCallsGiveThem() async throws {
        try await withSandbox { sandbox in
            let (pages, one) = try await withClient(try clientConfig(sandbox)) { client in
                let walk = await Self.walk(client, limit: 50)
                #expect(walk.error == nil)
                var one: [WidgetPage] = []
                for n in 1...walk.pages.count { one += [try #require(try await client.widgetsPage(page: n, limit: 50))] }
                return (walk.pages, one)
            }
            let count = (sandbox.widgetCount + 49) / 50
            #expect(pages.map(\.page) == Array(1...count))
            #expect(pages.map { $0.widgets.map(\.code) } == one.map { $0.widgets.map(\.code) })
            #expect(pages.last?.nextLink == nil)
            // The last page has no `next`: nothing was requested past it (plus the single-page calls).
            #expect(sandbox.requestCount(method: "GET", path: "/api/v4/widgets") == 2 * count)
        }
    }

    @Test func shortPagesWithNextContinueAndThePageWithoutNextEnds() async throws {
        try await withSandbox(Self.sandbox(faults: "page-size:100")) { sandbox in
            let walk = try await withClient(try clientConfig(sandbox)) { await Self.walk($0, limit: 250) }
            let count = (sandbox.widgetCount + 99) / 100
            #expect(walk.error == nil)
            #expect(walk.pages.map(\.page) == Array(1...count))
            #expect(walk.pages.map(\.widgets.count).reduce(0, +) == sandbox.widgetCount)
            #expect(sandbox.requestCount(method: "GET", path: "/api/v4/widgets") == count)
        }
    }

    @Test func a204InTheMiddleEndsTheWalkWithoutAnError() async throws {
        try await withSandbox(Self.sandbox(faults: "204@GET/api/v4/widgets?page=3")) { sandbox in
            let walk = try await withClient(try clientConfig(sandbox)) { await Self.walk($0, limit: 100) }
            #expect(walk.error == nil)
            #expect(walk.pages.map(\.page) == [1, 2])
            #expect(sandbox.requestCount(method: "GET", path: "/api/v4/widgets") == 3)
        }
    }

    @Test func aMalformedPageInTheMiddleIsThatPagesError() async throws {
        try await withSandbox(Self.sandbox(faults: "truncate@GET/api/v4/widgets?page=3")) { sandbox in
            let walk = try await withClient(try clientConfig(sandbox)) { await Self.walk($0, limit: 100) }
            #expect(walk.pages.map(\.page) == [1, 2])
            guard case .unexpectedBody(let body, let context)? = walk.error else {
                Issue.record("got \(String(describing: walk.error))"); return
            }
            #expect(body.reason == "truncated or malformed JSON")
            #expect(context.status == 200)
            // Page 4 may have been requested early (the head of page 3 was intact), never delivered.
            #expect((3...4).contains(sandbox.requestCount(method: "GET", path: "/api/v4/widgets")))
        }
    }

    @Test func anHTMLPageInTheMiddleIsThatPagesError() async throws {
        try await withSandbox(Self.sandbox(faults: "content-type@GET/api/v4/widgets?page=2")) { sandbox in
            let walk = try await withClient(try clientConfig(sandbox)) { await Self.walk($0, limit: 250) }
            #expect(walk.pages.map(\.page) == [1])
            guard case .unexpectedBody(let body, _)? = walk.error else { Issue.record("got \(String(describing: walk.error))"); return }
            #expect(body.reason == "an HTML page instead of JSON")
            // The head of an HTML-labelled body is not read: no request for page 3.
            #expect(sandbox.requestCount(method: "GET", path: "/api/v4/widgets") == 2)
        }
    }

    @Test func aGatewayPageInTheMiddleIsRetriedThenThatPagesError() async throws {
        try await withSandbox(Self.sandbox(faults: "502@GET/api/v4/widgets?page=2")) { sandbox in
            let walk = try await withClient(try clientConfig(sandbox) { $0.maxRetries = 2 }) { await Self.walk($0, limit: 250) }
            #expect(walk.pages.map(\.page) == [1])
            guard case .server(let context)? = walk.error else { Issue.record("got \(String(describing: walk.error))"); return }
            #expect(context.status == 502)
            #expect(sandbox.requestCount(method: "GET", path: "/api/v4/widgets") == 1 + 3)
        }
    }

    @Test func cancellingWhilePageTwoIsInFlightCancelsIt() async throws {
        try await withSandbox(Self.sandbox(faults: "latency:20000@GET/api/v4/widgets?page=2")) { sandbox in
            try await withClient(try clientConfig(sandbox)) { client in
                let first = Locked(false)
                let started = ContinuousClock.now
                let task = Task { () -> (pages: [Int], error: AmoError?) in
                    var pages: [Int] = []
                    let error = await amoError {
                        for try await page in client.allWidgets(limit: 250) {
                            pages.append(page.page)
                            first.withLock { $0 = true }
                        }
                    }
                    return (pages, error)
                }
                while !first.withLock({ $0 }), ContinuousClock.now - started < .seconds(20) {
                    try await Task.sleep(for: .milliseconds(20))
                }
                try await Task.sleep(for: .milliseconds(100))  // page 2 is on its way (20 s)
                let cancelled = ContinuousClock.now
                task.cancel()
                let result = await task.value
                #expect(result.pages == [1])
                #expect(result.error == .cancelled)
                #expect(ContinuousClock.now - cancelled < .seconds(10))  // well before page 2's reply
            }
        }
    }

    @Test func cancellingBetweenPagesThrowsCancelledAtTheNextPage() async throws {
        try await withSandbox { sandbox in
            try await withClient(try clientConfig(sandbox)) { client in
                let result = await Task { () -> (pages: [Int], error: AmoError?) in
                    var pages: [Int] = []
                    let error = await amoError {
                        for try await page in client.allWidgets(limit: 100) {
                            pages.append(page.page)
                            if page.page == 2 { withUnsafeCurrentTask { $0?.cancel() } }
                        }
                    }
                    return (pages, error)
                }.value
                // Page 3 was requested ahead and may have arrived; it is not delivered after the cancel.
                #expect(result.pages == [1, 2])
                #expect(result.error == .cancelled)
                #expect((2...3).contains(sandbox.requestCount(method: "GET", path: "/api/v4/widgets")))
            }
        }
    }
}
