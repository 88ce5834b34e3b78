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
            let errors = try await withClient(config) { await Self.burst($0, count: 20) }
            let limited = errors.filter { if case .rateLimited? = $0 { true } else { false } }
            #expect(limited.count >= 10)
            #expect(errors.filter { $0 == nil }.count <= 7)
            #expect(sandbox.rateLimitViolations == limited.count)
            #expect(limited.first??.message.hasPrefix("Rate limited (429)") == true)
        }
    }

    @Test func burstWithPacingGetsNo429() async throws {
        try await withSandbox { sandbox in
            let events = EventLog()
            let config = try clientConfig(sandbox) { $0.onEvent = events.handler; $0.maxRetries = 0 }
            let started = ContinuousClock.now
            let errors = try await withClient(config) { await Self.burst($0, count: 20) }
            #expect(errors.allSatisfy { $0 == nil }, "\(errors.compactMap { $0 })")
            #expect(sandbox.rateLimitViolations == 0)
            #expect(events.waits.isEmpty)
            // 20 requests at 7/s: the 20th starts after at least 19 spacings.
            #expect(ContinuousClock.now - started >= .milliseconds(19 * 1000 / 7))
        }
    }

    @Test func rateLimitedCallsBackOffAndSucceed() async throws {
        try await withSandbox { sandbox in
            let events = EventLog()
            let config = try clientConfig(sandbox) {
                $0.requestsPerSecond = nil
                $0.onEvent = events.handler
                $0.backoffStart = .milliseconds(300)
                $0.backoffCap = .seconds(2)
            }
            let errors = try await withClient(config) { await Self.burst($0, count: 10) }
            #expect(errors.allSatisfy { $0 == nil }, "\(errors.compactMap { $0 })")
            #expect(sandbox.rateLimitViolations >= 3)
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
