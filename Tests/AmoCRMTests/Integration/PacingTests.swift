import AmoSandbox
import Foundation
import Testing
@testable import AmoCRM

@Suite struct PacingTests {
    /// `count` concurrent GETs of one widget; the errors they end with.
    static func burst(_ client: AmoClient, count: Int) async -> [AmoError?] {
        await withTaskGroup(of: AmoError?.self) { group in
            for _ in 0..<count {
                group.addTask { await amoError { try await client.widget(code: "amo_dropbox") } }
            }
            var errors: [AmoError?] = []
            for await e in group { errors.append(e) }
            return errors
        }
    }

    /// A limit window wide enough that a burst surely lands in one window on a starved test machine
    /// (the 7-request limit is what these tests are about, not how fast 30 tasks start).
    static let wideWindow: Duration = .seconds(30)

    @Test func burstWithoutPacingGets429() async throws {
        try await withSandbox({ $0.rateLimitWindow = Self.wideWindow }) { sandbox in
            // Long timeouts: on a starved test machine 30 concurrent requests may wait, and a timeout is
            // not what this test is about. The connect timeout also bounds a request's wait for one of
            // the pool's connections (`getConnectionFromPoolTimeout` under a full parallel suite).
            let config = try clientConfig(sandbox) {
                $0.requestsPerSecond = nil; $0.maxRetries = 0; $0.requestTimeout = .seconds(120); $0.connectTimeout = .seconds(120)
            }
            let errors = try await withClient(config) { await Self.burst($0, count: 30) }
            let limited = errors.filter { if case .rateLimited? = $0 { true } else { false } }
            #expect(limited.count >= 1)
            #expect(limited.count + errors.filter { $0 == nil }.count == 30, "other errors: \(errors.compactMap { $0 }.filter { if case .rateLimited = $0 { false } else { true } })")
            #expect(sandbox.rateLimitViolations == limited.count)
            #expect(limited.first??.message.hasPrefix("Rate limited (429)") == true)
        }
    }

    @Test func burstWithPacingGetsNo429() async throws {
        // The pacer counts each request until a window after its reply (an upper bound of its
        // arrival), so bunching on a starved machine cannot give 8 arrivals in one second. The
        // scenario still runs up to three times on fresh sandboxes, so that a pathological stall of
        // the test machine is told apart from a pacer that lets bursts through (an unpaced burst
        // gets 429s: burstWithoutPacingGets429).
        var violations: [Int] = []
        for _ in 0..<3 {
            let count = try await withSandbox { sandbox in
                let events = EventLog()
                let config = try clientConfig(sandbox) { $0.onEvent = events.handler }
                let started = ContinuousClock.now
                let errors = try await withClient(config) { await Self.burst($0, count: 20) }
                #expect(errors.allSatisfy { $0 == nil }, "\(errors.compactMap { $0 })")
                #expect(events.waits.count == sandbox.rateLimitViolations)
                // 20 requests at 7 per 1.05 s window: 7 at once, 7 more a window after the first
                // replies, the last 6 a window after that.
                #expect(ContinuousClock.now - started >= .milliseconds(2 * 1050))
                return sandbox.rateLimitViolations
            }
            violations.append(count)
            if count == 0 { break }
        }
        #expect(violations.last == 0, "429s per run: \(violations)")
    }

    @Test func pacerLetsABurstGoAndThenWaitsForTheWindow() async throws {
        let pacer = Pacer(requestsPerSecond: 7)
        #expect(pacer.limits?.requests == 7)
        #expect(pacer.limits?.window == .milliseconds(1050))
        // A burst of 7 is granted without any of them finishing (a spacing pacer would hold the
        // second back).
        var tickets: [Pacer.Ticket] = []
        for _ in 0..<7 { tickets.append(try #require(try await pacer.acquire())) }
        // The 8th waits while all 7 are in flight, and then for a whole window after a finish.
        let granted = Locked<ContinuousClock.Instant?>(nil)
        let eighth = Task {
            let ticket = try await pacer.acquire()
            granted.withLock { $0 = ticket?.granted }
            await pacer.finished(ticket)
        }
        try await Task.sleep(for: .milliseconds(300))
        #expect(granted.withLock { $0 } == nil)
        let finishedAt = ContinuousClock.now
        await pacer.finished(tickets[0])
        try await eighth.value
        let at = try #require(granted.withLock { $0 })
        #expect(at - finishedAt >= .milliseconds(1050))
        for ticket in tickets.dropFirst() { await pacer.finished(ticket) }

        // Many concurrent callers: no window of 1.05 s ever holds more than 7 grants.
        let grants = Locked<[ContinuousClock.Instant]>([])
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    guard let ticket = try? await pacer.acquire() else { return }
                    grants.withLock { $0.append(ticket.granted) }
                    try? await Task.sleep(for: .milliseconds(20))  // the request's latency
                    await pacer.finished(ticket)
                }
            }
        }
        let sorted = (tickets.map(\.granted) + [at] + grants.withLock { $0 }).sorted()
        #expect(sorted.count == 18)
        for (i, t) in sorted.enumerated() {
            #expect(sorted[i...].prefix { $0 - t < .milliseconds(1050) }.count <= 7)
        }
        #expect(Pacer(requestsPerSecond: nil).limits == nil)
        #expect(try await Pacer(requestsPerSecond: nil).acquire() == nil)
    }

    @Test func cancelledWaitInThePacerThrowsCancelled() async throws {
        let pacer = Pacer(requestsPerSecond: 0.01)  // 1 request per 100 s
        let first = try await pacer.acquire()
        // The first request is still in flight: the second waits for it to finish.
        let waiting = Task { () async -> AmoError? in
            do { _ = try await pacer.acquire(); return nil } catch { return error as? AmoError }
        }
        waiting.cancel()
        #expect(await waiting.value == .cancelled)
        // Finished: now the second waits for the window (100 s) to pass.
        await pacer.finished(first)
        let sleeping = Task { () async -> AmoError? in
            do { _ = try await pacer.acquire(); return nil } catch { return error as? AmoError }
        }
        try await Task.sleep(for: .milliseconds(50))
        sleeping.cancel()
        #expect(await sleeping.value == .cancelled)
    }

    @Test func rateLimitedCallsBackOffAndSucceed() async throws {
        // A 2.5 s window: 8 of 12 concurrent requests land in it even on a loaded machine, and a
        // refused one's five jittered waits (at least 0.15+0.3+0.6+1+1 = 3.05 s) outlast it.
        try await withSandbox({ $0.rateLimitWindow = .milliseconds(2500) }) { sandbox in
            let events = EventLog()
            let config = try clientConfig(sandbox) {
                $0.requestsPerSecond = nil
                $0.onEvent = events.handler
                $0.requestTimeout = .seconds(120)
                $0.backoffStart = .milliseconds(300)
                $0.backoffCap = .seconds(2)
                $0.maxRetries = 5  // 3.05 to 6 s of jittered waits: past the 2.5 s window
            }
            let errors = try await withClient(config) { await Self.burst($0, count: 12) }
            #expect(errors.allSatisfy { $0 == nil }, "\(errors.compactMap { $0 })")
            #expect(sandbox.rateLimitViolations >= 1)
            let waits = events.waits
            #expect(waits.count == sandbox.rateLimitViolations)
            #expect(waits.allSatisfy { $0.1 == .rateLimit && $0.0 >= 0.15 && $0.0 <= 2 })
        }
    }

    @Test func blockedAccountIsForbiddenBlocked() async throws {
        try await withSandbox({ $0.blockAfterViolations = 1; $0.rateLimitWindow = Self.wideWindow }) { sandbox in
            let config = try clientConfig(sandbox) { $0.requestsPerSecond = nil; $0.maxRetries = 0; $0.requestTimeout = .seconds(120) }
            let errors = try await withClient(config) { await Self.burst($0, count: 15) }
            #expect(sandbox.isBlocked)
            #expect(errors.contains { if case .forbidden(.blocked, _)? = $0 { true } else { false } })
            let later = try await withClient(config) { client in await amoError { try await client.account() } }
            guard case .forbidden(.blocked, let c)? = later else { Issue.record("got \(String(describing: later))"); return }
            #expect(c.status == 403)
        }
    }

    @Test func blockedClientStopsSending() async throws {
        try await withSandbox({ $0.blockAfterViolations = 1; $0.rateLimitWindow = Self.wideWindow }) { sandbox in
            let config = try clientConfig(sandbox) { $0.requestsPerSecond = nil; $0.maxRetries = 0; $0.requestTimeout = .seconds(120) }
            try await withClient(config) { client in
                _ = await Self.burst(client, count: 15)
                #expect(sandbox.isBlocked)
                let sent = sandbox.totalRequestCount
                for _ in 0..<3 {
                    let error = await amoError { try await client.account() }
                    guard case .forbidden(.blocked, _)? = error else { Issue.record("got \(String(describing: error))"); return }
                }
                #expect(sandbox.totalRequestCount == sent)  // nothing more reached the blocked account
            }
        }
    }

    @Test func backoffDoublesWithJitterUpToTheCap() {
        let policy = RetryPolicy(maxRetries: 10, start: .seconds(1), cap: .seconds(30))
        var rng = SystemRandomNumberGenerator()
        for (retry, ceiling) in [(1, 1.0), (2, 2.0), (3, 4.0), (5, 16.0), (6, 30.0), (9, 30.0)] {
            let delays = (0..<50).map { _ in policy.delay(forRetry: retry, using: &rng).seconds }
            #expect(delays.allSatisfy { $0 >= ceiling / 2 && $0 <= ceiling }, "retry \(retry): \(delays)")
            #expect(Set(delays).count > 1, "jitter at retry \(retry)")
        }
    }

    @Test func retryDecisions() {
        #expect(RetryPolicy.reason(status: 429, failure: nil, idempotent: false) == .rateLimit)
        #expect(RetryPolicy.reason(status: 503, failure: nil, idempotent: true) == .serverBusy(status: 503))
        #expect(RetryPolicy.reason(status: 503, failure: nil, idempotent: false) == nil)
        #expect(RetryPolicy.reason(status: 500, failure: nil, idempotent: true) == nil)
        #expect(RetryPolicy.reason(status: nil, failure: .timeout, idempotent: false) == nil)
        #expect(RetryPolicy.reason(status: nil, failure: .connectionReset, idempotent: true) == .network(.connectionReset))
        #expect(RetryPolicy.reason(status: nil, failure: .connectionRefused, idempotent: false) == .network(.connectionRefused))
    }
}
