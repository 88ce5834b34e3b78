import AmoSandbox
import Foundation
import Testing
@testable import AmoCRM

@Suite struct TransportTests {
    @Test func getRetriesServerBusyAndSucceeds() async throws {
        try await withSandbox({ $0.faults = try? FaultSpec(parsing: "503@GET/api/v4/account#2") }) { sandbox in
            let events = EventLog()
            let account = try await withClient(try clientConfig(sandbox) { $0.onEvent = events.handler }) { try await $0.account() }
            #expect(account.currentUserID == 504141)
            #expect(sandbox.requestCount(method: "GET", path: "/api/v4/account") == 3)
            #expect(events.waits.map(\.1) == [.serverBusy(status: 503), .serverBusy(status: 503)])
        }
    }

    @Test func getGivesUpAfterThreeRetries() async throws {
        try await withSandbox({ $0.faults = try? FaultSpec(parsing: "502@GET/api/v4/account") }) { sandbox in
            let error = try await withClient(try clientConfig(sandbox)) { client in await amoError { try await client.account() } }
            guard case .server(let c)? = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(c.status == 502)
            #expect(sandbox.requestCount(method: "GET", path: "/api/v4/account") == 4)
        }
    }

    @Test func postAndDeleteAreNeverRetriedOnceSent() async throws {
        try await withSandbox({ $0.faults = try? FaultSpec(parsing: "503@POST,reset@DELETE") }) { sandbox in
            try await withClient(try clientConfig(sandbox)) { client in
                let post = await amoError { try await client.install(code: "amo_asterisk", settings: try InstallTests.seedSettings()) }
                #expect(post?.status == 503)
                #expect(sandbox.requestCount(method: "POST", path: "/api/v4/widgets/amo_asterisk") == 1)
                let delete = await amoError { try await client.uninstall(code: "amo_dropbox") }
                guard case .transport(.connectionReset, _)? = delete else { Issue.record("got \(String(describing: delete))"); return }
                #expect(sandbox.requestCount(method: "DELETE", path: "/api/v4/widgets/amo_dropbox") == 1)
            }
        }
    }

    @Test func resetGetIsRetried() async throws {
        try await withSandbox({ $0.faults = try? FaultSpec(parsing: "reset@GET/api/v4/widgets#1") }) { sandbox in
            let page = try await withClient(try clientConfig(sandbox)) { try await $0.widgetsPage(page: 1, limit: 250) }
            #expect(page?.widgets.count == 250)
            #expect(sandbox.requestCount(method: "GET", path: "/api/v4/widgets") == 2)
        }
    }

    @Test func truncatedAndMislabelledBodiesAreUnexpected() async throws {
        try await withSandbox({ $0.faults = try? FaultSpec(parsing: "truncate@GET/api/v4/account,content-type@GET/api/v4/leads") }) { sandbox in
            try await withClient(try clientConfig(sandbox)) { client in
                let truncated = await amoError { try await client.account() }
                guard case .unexpectedBody(let body, let c)? = truncated else { Issue.record("got \(String(describing: truncated))"); return }
                #expect(body.reason == "truncated or malformed JSON")
                #expect(c.status == 200)
                let html = await amoError { try await client.pipelines() }
                guard case .unexpectedBody(let b2, _)? = html else { Issue.record("got \(String(describing: html))"); return }
                #expect(b2.contentType == "text/html")
            }
        }
    }

    @Test func slowReplyTimesOut() async throws {
        try await withSandbox({ $0.faults = try? FaultSpec(parsing: "latency:30000@GET/api/v4/account") }) { sandbox in
            let events = EventLog()
            let config = try clientConfig(sandbox) { $0.requestTimeout = .milliseconds(300); $0.maxRetries = 1; $0.onEvent = events.handler }
            let started = ContinuousClock.now
            let error = try await withClient(config) { client in await amoError { try await client.account() } }
            guard case .transport(.timeout, _)? = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(ContinuousClock.now - started < .seconds(20))  // two 300 ms attempts, not the 30 s reply
            // The client timed out once, retried once and gave up. The sandbox saw the first attempt;
            // on a starved test machine the second may be abandoned before its handler runs, never a third.
            #expect(events.waits.map(\.1) == [.network(.timeout)])
            #expect((1...2).contains(sandbox.requestCount(method: "GET", path: "/api/v4/account")))
            #expect(error?.message.hasPrefix("Network error: timed out") == true)
        }
    }

    @Test func cancellingTheTaskCancelsTheRequest() async throws {
        try await withSandbox({ $0.faults = try? FaultSpec(parsing: "latency:10000@GET/api/v4/account") }) { sandbox in
            try await withClient(try clientConfig(sandbox)) { client in
                let started = ContinuousClock.now
                let task = Task { await amoError { try await client.account() } }
                try await Task.sleep(for: .milliseconds(200))
                task.cancel()
                let error = await task.value
                #expect(error == .cancelled)
                #expect(ContinuousClock.now - started < .seconds(7))  // well before the 10 s reply
            }
        }
    }

    @Test func connectionRefusedIsATransportError() async throws {
        let sandbox = try await Sandbox.start(SandboxConfiguration())
        let config = try clientConfig(sandbox) { $0.maxRetries = 1 }
        await sandbox.shutdown()
        let error = try await withClient(config) { client in await amoError { try await client.account() } }
        guard case .transport(.connectionRefused, let c)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(c.endpoint == "GET /api/v4/account")
        #expect(error?.message == "Network error: connection refused — GET /api/v4/account")
    }

    @Test func shutDownClientRefusesCalls() async throws {
        try await withSandbox { sandbox in
            let client = AmoClient(configuration: try clientConfig(sandbox))
            await client.shutdown()
            await client.shutdown()
            let error = await amoError { try await client.account() }
            guard case .configuration? = error else { Issue.record("got \(String(describing: error))"); return }
        }
    }
}

@Suite struct ClientLifetimeTests {
    @Test func aClientReleasedWithoutShutdownDoesNotTrap() async throws {
        try await withSandbox { sandbox in
            var client: AmoClient? = AmoClient(configuration: try clientConfig(sandbox))
            #expect(try await client?.account().currentUserID == 504141)
            client = nil  // AsyncHTTPClient would trap in debug builds if its client were left running
            #expect(client == nil)
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
