// The live limit: more than 7 requests in one second for one token -> 429 HTML; block mode -> 403.
@testable import AmoSandbox
import Foundation
import Testing

/// `count` concurrent GETs with `token`; replies sorted by status.
func burstReplies(_ s: RunningSandbox, _ count: Int, token: String = SandboxTokens.admin) async throws -> [Reply] {
    try await withThrowingTaskGroup(of: Reply.self) { group in
        for _ in 0..<count { group.addTask { try await s.send(.GET, "/api/v4/account", token: token) } }
        return try await group.reduce(into: []) { $0.append($1) }.sorted { $0.status < $1.status }
    }
}

/// `count` concurrent GETs with `token`; statuses sorted.
func burst(_ s: RunningSandbox, _ count: Int, token: String = SandboxTokens.admin) async throws -> [Int] {
    try await burstReplies(s, count, token: token).map(\.status)
}

@Suite struct RateLimitTests {
    static let sevenThen429 = [200, 200, 200, 200, 200, 200, 200, 429]

    @Test func theEighthRequestInOneSecondGets429HTML() async throws {
        try await withSandbox({ $0.rateLimit = true }) { s in
            // A loaded machine may spread a burst over more than a second; the server's own
            // arrival times tell whether this burst fell in one second, else try again.
            var refused: Reply?
            for _ in 0..<5 where refused == nil {
                s.resetRequestCounts()
                let replies = try await burstReplies(s, 8)
                let times = s.recordedRequests.map(\.at)
                if let first = times.min(), let last = times.max(), last - first < .milliseconds(950) {
                    #expect(replies.map(\.status) == Self.sevenThen429)
                    refused = replies.last
                } else {
                    try await Task.sleep(for: .milliseconds(1100))
                }
            }
            let r = try #require(refused, "no burst of 8 fitted in one second")
            #expect(r.status == 429)
            #expect(r.contentType == "text/html")
            #expect(r.headers.first(name: "Retry-After") == nil)
            #expect(r.text == (try fixture("error-429.html")))
            #expect(isRequestID(r.requestID))
            #expect(s.rateLimitViolations >= 1)
            // Another token has its own window.
            let other = try await s.send(.GET, "/api/v4/account", token: SandboxTokens.user)
            #expect(other.status == 200)
            // A second later the token gets through again.
            try await Task.sleep(for: .milliseconds(1100))
            let later = try await s.send(.GET, "/api/v4/account")
            #expect(later.status == 200)
        }
    }

    @Test func theLimiterCountsASlidingOneSecondWindow() {
        var limiter = RateLimiter(perSecond: 7, blockAfterViolations: nil)
        let t0 = ContinuousClock.now
        let ms = { (n: Int) in t0 + .milliseconds(n) }
        let first = (0..<7).map { limiter.check(key: "a", now: ms($0 * 100)) }
        #expect(first.allSatisfy { $0 == .allow })
        #expect(limiter.check(key: "a", now: ms(700)) == .tooManyRequests, "8th within one second")
        #expect(limiter.check(key: "b", now: ms(700)) == .allow, "per token")
        #expect(limiter.check(key: "a", now: ms(1000)) == .allow, "the request at 0 ms has left the window")
        #expect(limiter.check(key: "a", now: ms(1050)) == .tooManyRequests, "100..1000 ms still hold 7")
        #expect(limiter.check(key: "a", now: ms(1150)) == .allow)
        #expect(limiter.violations == 2)
        #expect(!limiter.isBlocked)
    }

    @Test func idleTokensAreForgotten() {
        var limiter = RateLimiter(perSecond: 7, blockAfterViolations: nil)
        let t0 = ContinuousClock.now
        for n in 0..<999 { _ = limiter.check(key: "random-\(n)", now: t0) }
        #expect(limiter.trackedTokenCount == 999)
        _ = limiter.check(key: "late", now: t0 + .seconds(2))
        #expect(limiter.trackedTokenCount == 1)
    }

    @Test func blockModeTripsAfterNViolations() {
        var limiter = RateLimiter(perSecond: 1, blockAfterViolations: 2)
        let t0 = ContinuousClock.now
        #expect(limiter.check(key: "a", now: t0) == .allow)
        #expect(limiter.check(key: "a", now: t0) == .tooManyRequests)
        #expect(limiter.check(key: "a", now: t0) == .tooManyRequests)
        #expect(limiter.check(key: "b", now: t0 + .seconds(5)) == .blocked, "everyone, for good")
    }

    @Test func offMeansNoLimit() async throws {
        try await withSandbox({ $0.rateLimit = false }) { s in
            let statuses = try await burst(s, 20)
            #expect(statuses.allSatisfy { $0 == 200 })
        }
    }

    @Test func blockModeAnswers403HTMLToEveryoneAfterNViolations() async throws {
        // A wide window, so the burst surely falls in one window on a loaded machine.
        try await withSandbox({ $0.rateLimit = true; $0.rateLimitWindow = .seconds(30); $0.blockAfterViolations = 2 }) { s in
            let statuses = try await burst(s, 9)
            #expect(statuses == Self.sevenThen429 + [429])
            #expect(s.isBlocked)
            let other = try await s.send(.GET, "/api/v4/widgets", token: SandboxTokens.user)
            #expect(other.status == 403)
            #expect(other.contentType == "text/html")
            #expect(other.text == (try fixture("error-403-blocked.html")))
            #expect(isRequestID(other.requestID))
        }
    }
}
