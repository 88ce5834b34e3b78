// The live limit: more than 7 requests in one second for one token -> 429 HTML; block mode -> 403.
import AmoSandbox
import Foundation
import Testing

/// `count` concurrent GETs with the admin token; statuses sorted.
func burst(_ s: RunningSandbox, _ count: Int) async throws -> [Int] {
    try await withThrowingTaskGroup(of: Int.self) { group in
        for _ in 0..<count { group.addTask { try await s.send(.GET, "/api/v4/account").status } }
        return try await group.reduce(into: []) { $0.append($1) }.sorted()
    }
}

@Suite struct RateLimitTests {
    @Test func theEighthRequestInOneSecondGets429HTML() async throws {
        try await withSandbox({ $0.rateLimit = true }) { s in
            let start = ContinuousClock.now
            let statuses = try await burst(s, 8)
            try #require(ContinuousClock.now - start < .milliseconds(900), "the burst must fit in one second")
            #expect(statuses == [200, 200, 200, 200, 200, 200, 200, 429])
            let r = try await s.send(.GET, "/api/v4/account")
            #expect(r.status == 429)
            #expect(r.contentType == "text/html")
            #expect(r.headers.first(name: "Retry-After") == nil)
            #expect(r.text == (try fixture("error-429.html")))
            #expect(isRequestID(r.requestID))
            #expect(s.rateLimitViolations == 2)
            // Another token has its own window.
            let reply1 = try await s.send(.GET, "/api/v4/account", token: SandboxTokens.user)
            #expect(reply1.status == 200)
            // A second later the token gets through again.
            try await Task.sleep(for: .milliseconds(1100))
            let reply2 = try await s.send(.GET, "/api/v4/account")
            #expect(reply2.status == 200)
        }
    }

    @Test func offMeansNoLimit() async throws {
        try await withSandbox({ $0.rateLimit = false }) { s in
            for _ in 0..<20 {
                let r = try await s.send(.GET, "/api/v4/account")
                #expect(r.status == 200)
            }
        }
    }

    @Test func blockModeAnswers403HTMLToEveryoneAfterNViolations() async throws {
        try await withSandbox({ $0.rateLimit = true; $0.blockAfterViolations = 2 }) { s in
            let statuses = try await burst(s, 9)
            #expect(statuses == [200, 200, 200, 200, 200, 200, 200, 429, 429])
            #expect(s.isBlocked)
            let other = try await s.send(.GET, "/api/v4/widgets", token: SandboxTokens.user)
            #expect(other.status == 403)
            #expect(other.contentType == "text/html")
            #expect(other.text == (try fixture("error-403-blocked.html")))
            try await Task.sleep(for: .milliseconds(1100))
            let reply3 = try await s.send(.GET, "/api/v4/account")
            #expect(reply3.status == 403, "blocked until restart")
        }
    }
}
