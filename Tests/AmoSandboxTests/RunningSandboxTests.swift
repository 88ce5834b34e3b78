// What RunningSandbox exposes to other layers' tests: counts, the request log, faults at runtime.
import AmoSandbox
import Foundation
import Testing

@Suite struct RunningSandboxTests {
    @Test func countsAndLogsEveryRequestWithItsAnswer() async throws {
        try await withSandbox { s in
            _ = try await s.send(.GET, "/api/v4/widgets?limit=3&page=2")
            _ = try await s.send(.GET, "/api/v4/widgets/nope")
            _ = try await s.send(.GET, "/api/v4/account", token: nil)
            #expect(s.requestCount(method: "GET", path: "/api/v4/widgets") == 1)
            #expect(s.requestCount(method: "get", path: "/api/v4/widgets/nope") == 1)
            #expect(s.requestCount(method: "POST", path: "/api/v4/widgets") == 0)
            #expect(s.totalRequestCount == 3)
            let log = s.recordedRequests
            #expect(log.map(\.status) == [200, 404, 401])
            #expect(log.first?.query == ["limit": "3", "page": "2"])
            #expect(log.map(\.path) == ["/api/v4/widgets", "/api/v4/widgets/nope", "/api/v4/account"])
            #expect(zip(log, log.dropFirst()).allSatisfy { $0.at <= $1.at })
            s.resetRequestCounts()
            #expect(s.totalRequestCount == 0)
            #expect(s.recordedRequests.isEmpty)
        }
    }

    @Test func faultsCanBeSetWhileRunning() async throws {
        try await withSandbox { s in
            let before = try await s.send(.GET, "/api/v4/account")
            #expect(before.status == 200)
            s.setFaults(try FaultSpec(parsing: "502#1@/api/v4/account"))
            let failing = try await s.send(.GET, "/api/v4/account")
            #expect(failing.status == 502)
            let after = try await s.send(.GET, "/api/v4/account")
            #expect(after.status == 200)
            s.setFaults(nil)
            #expect(s.recordedRequests.map(\.status) == [200, 502, 200])
        }
    }

    @Test func shutdownDoesNotWaitOutInjectedLatency() async throws {
        var c = SandboxConfiguration()
        c.faults = try FaultSpec(parsing: "latency:60000")
        let s = try await Sandbox.start(c)
        let pending = Task { try? await s.send(.GET, "/api/v4/account") }
        try await Task.sleep(for: .milliseconds(300))
        let start = ContinuousClock.now
        await s.shutdown()
        #expect(ContinuousClock.now - start < .seconds(30))
        _ = await pending.value
    }

    @Test func startOnATakenPortIsAClearError() async throws {
        try await withSandbox { s in
            var c = SandboxConfiguration()
            c.port = s.port
            await #expect {
                _ = try await Sandbox.start(c)
            } throws: { error in
                "\(error)".contains("cannot listen on 127.0.0.1:\(s.port)")
            }
        }
    }
}
