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

    /// The server formats `Date` per request (no once-a-second timer, issue 6): it must still be a
    /// valid RFC 9110 date of now, on every answer (errors included).
    @Test func everyAnswerCarriesTheCurrentHTTPDate() async throws {
        try await withSandbox { s in
            let parser = DateFormatter()
            parser.locale = Locale(identifier: "en_US_POSIX")
            parser.timeZone = TimeZone(identifier: "GMT")
            parser.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            for path in ["/api/v4/account", "/api/v4/widgets/nope"] {
                let before = Date().timeIntervalSince1970.rounded(.down)
                let reply = try await s.send(.GET, path)
                let after = Date().timeIntervalSince1970
                let header = reply.headers.first(name: "Date") ?? ""
                let date = try #require(parser.date(from: header), "Date header \(header)")
                #expect(date.timeIntervalSince1970 >= before && date.timeIntervalSince1970 <= after, "\(header)")
                #expect(parser.string(from: date) == header)  // zero-padded, English names
            }
        }
    }

    /// `requestLog` (`amowidgets sandbox --request-log`, read by scripts/soak): one line per answer,
    /// with the request id the client got, and `reset` where the answer was cut after the change.
    @Test func requestLogHasOneLinePerAnswerWithItsRequestID() async throws {
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("requests.log").path
        try await withSandbox({ $0.requestLog = path; $0.faults = try? FaultSpec(parsing: "reset@/api/v4/account#1") }) { s in
            let list = try await s.send(.GET, "/api/v4/widgets?limit=3")
            let missing = try await s.send(.GET, "/api/v4/widgets/nope")
            await #expect(throws: (any Error).self) { _ = try await s.send(.GET, "/api/v4/account") }
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
            let cutID = s.recordedRequests.last?.requestID ?? "?"
            #expect(lines == ["GET /api/v4/widgets 200 \(list.requestID)", "GET /api/v4/widgets/nope 404 \(missing.requestID)",
                              "GET /api/v4/account 200 \(cutID) reset"])
            #expect(isRequestID(list.requestID) && isRequestID(cutID))
        }
    }

    /// `recordLimit` bounds the in-memory request records: the oldest half goes when full.
    @Test func requestRecordsStayWithinTheirLimit() async throws {
        try await withSandbox({ $0.recordLimit = 4 }) { s in
            var ids: [String] = []
            for _ in 0..<7 { ids.append(try await s.send(.GET, "/api/v4/account").requestID) }
            let kept = s.recordedRequests.map(\.requestID)
            #expect(kept.count <= 4 && kept.count >= 2, "\(kept)")
            #expect(kept == Array(ids.suffix(kept.count)))  // the latest ones, in order
        }
    }

    /// Every thread that answers keeps its own `Date` cache: many answers at once, from every
    /// event loop and pool thread, all carry a well-formed date within the time they took (16: a
    /// sanitized build on a loaded machine must still answer them well within the 30 s deadline).
    @Test func concurrentAnswersAllCarryADate() async throws {
        try await withSandbox { s in
            let parser = DateFormatter()
            parser.locale = Locale(identifier: "en_US_POSIX")
            parser.timeZone = TimeZone(identifier: "GMT")
            parser.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            let before = Date().timeIntervalSince1970.rounded(.down)
            let dates = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<16 { group.addTask { try await s.send(.GET, "/api/v4/account").headers.first(name: "Date") ?? "" } }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            let after = Date().timeIntervalSince1970
            #expect(dates.count == 16)
            for header in Set(dates) {
                let date = try #require(parser.date(from: header), "Date header \(header)")
                #expect(date.timeIntervalSince1970 >= before && date.timeIntervalSince1970 <= after, "\(header)")
            }
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
