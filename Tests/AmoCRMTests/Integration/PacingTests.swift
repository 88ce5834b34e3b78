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

    @Test func burstWithoutPacingGets429() async throws {
        try await withSandbox { sandbox in
            let config = try clientConfig(sandbox) { $0.requestsPerSecond = nil; $0.maxRetries = 0 }
            let errors = try await withClient(config) { await Self.burst($0, count: 30) }
            let limited = errors.filter { if case .rateLimited? = $0 { true } else { false } }
            #expect(limited.count >= 1)
            #expect(limited.count + errors.filter { $0 == nil }.count == 30)
            #expect(sandbox.rateLimitViolations == limited.count)
            #expect(limited.first??.message.hasPrefix("Rate limited (429)") == true)
        }
    }

    @Test func burstWithPacingGetsNo429() async throws {
        // Departures are spaced exactly (pacerSpacesDepartures). Arrivals at a sandbox starved by a
        // fully parallel test run on two cores can still bunch up by more than the headroom, so the
        // scenario runs up to three times on fresh sandboxes and must once see no 429 at all (an
        // unpaced burst gets them: burstWithoutPacingGets429).
        var violations: [Int] = []
        for _ in 0..<3 {
            let count = try await withSandbox { sandbox in
                let events = EventLog()
                let config = try clientConfig(sandbox) { $0.onEvent = events.handler }
                let started = ContinuousClock.now
                let errors = try await withClient(config) { await Self.burst($0, count: 20) }
                #expect(errors.allSatisfy { $0 == nil }, "\(errors.compactMap { $0 })")
                #expect(events.waits.count == sandbox.rateLimitViolations)
                // 20 requests at 7/s with headroom: the 20th starts after 19 spacings of 171 ms.
                #expect(ContinuousClock.now - started >= .milliseconds(19 * 171))
                return sandbox.rateLimitViolations
            }
            violations.append(count)
            if count == 0 { break }
        }
        #expect(violations.last == 0, "429s per run: \(violations)")
    }

    @Test func pacerSpacesDepartures() async throws {
        let pacer = Pacer(requestsPerSecond: 7)
        #expect(pacer.spacing == .nanoseconds(171_428_572))
        let times = Locked<[ContinuousClock.Instant]>([])
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<15 {
                group.addTask {
                    if let granted = try? await pacer.acquire() { times.withLock { $0.append(granted) } }
                }
            }
        }
        let sorted = times.withLock { $0 }.sorted()
        #expect(sorted.count == 15)
        // No window of one second holds more than 7 grants, however late the tasks wake.
        for (i, t) in sorted.enumerated() {
            #expect(sorted[i...].prefix { $0 - t < .seconds(1) }.count <= 7)
        }
        #expect(Pacer(requestsPerSecond: nil).spacing == nil)
    }

    @Test func cancelledWaitInThePacerThrowsCancelled() async throws {
        let pacer = Pacer(requestsPerSecond: 0.01)  // the second slot is 2 minutes away
        try await pacer.acquire()
        let task = Task { () async -> AmoError? in
            do { try await pacer.acquire(); return nil } catch { return error as? AmoError }
        }
        task.cancel()
        #expect(await task.value == .cancelled)
    }

    @Test func rateLimitedCallsBackOffAndSucceed() async throws {
        try await withSandbox { sandbox in
            let events = EventLog()
            let config = try clientConfig(sandbox) {
                $0.requestsPerSecond = nil
                $0.onEvent = events.handler
                $0.backoffStart = .milliseconds(300)
                $0.backoffCap = .seconds(2)
                $0.maxRetries = 5  // up to 6 s of jittered waits: room for 12 requests at 7 per second
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
        try await withSandbox({ $0.blockAfterViolations = 1 }) { sandbox in
            let config = try clientConfig(sandbox) { $0.requestsPerSecond = nil; $0.maxRetries = 0 }
            let errors = try await withClient(config) { await Self.burst($0, count: 15) }
            #expect(sandbox.isBlocked)
            #expect(errors.contains { if case .forbidden(.blocked, _)? = $0 { true } else { false } })
            let later = try await withClient(config) { client in await amoError { try await client.account() } }
            guard case .forbidden(.blocked, let c)? = later else { Issue.record("got \(String(describing: later))"); return }
            #expect(c.status == 403)
        }
    }

    @Test func blockedClientStopsSending() async throws {
        try await withSandbox({ $0.blockAfterViolations = 1 }) { sandbox in
            let config = try clientConfig(sandbox) { $0.requestsPerSecond = nil; $0.maxRetries = 0 }
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
