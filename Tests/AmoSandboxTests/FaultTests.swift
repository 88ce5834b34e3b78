// Every --faults kind observable over real HTTP, targeting, counts, and seeded determinism.
@testable import AmoSandbox
import AsyncHTTPClient
import Foundation
import Testing

func faults(_ spec: String, seed: UInt64 = 0) -> (inout SandboxConfiguration) -> Void {
    { c in
        c.faults = try? FaultSpec(parsing: spec)
        c.seed = seed
    }
}

@Suite struct FaultTests {
    @Test func status500IsTheProblemJSONOfTheFixture() async throws {
        try await withSandbox(faults("500")) { s in
            let r = try await s.send(.GET, "/api/v4/account")
            #expect(r.status == 500)
            #expect(r.contentType.hasPrefix("application/problem+json"))
            #expect(canonical(r.object) == canonical(foundationJSON(try fixture("error-500.json")) ?? "-"))
            #expect(isRequestID(r.requestID))
        }
    }

    @Test(arguments: [502, 503])
    func gatewayStatusesAreHTMLByDefault(_ status: Int) async throws {
        try await withSandbox(faults("\(status)")) { s in
            let r = try await s.send(.GET, "/api/v4/widgets")
            #expect(r.status == status)
            #expect(r.contentType == "text/html")
            #expect(r.text.contains("<h1>\(status) "))
            #expect(r.json == nil)
        }
    }

    @Test func statusFormatCanBeChosen() async throws {
        try await withSandbox(faults("503:json")) { s in
            let r = try await s.send(.GET, "/api/v4/widgets")
            #expect(r.status == 503)
            #expect(r.object["status"] as? Int == 503)
        }
        try await withSandbox(faults("500:html")) { s in
            let r = try await s.send(.GET, "/api/v4/widgets")
            #expect(r.contentType == "text/html")
        }
    }

    @Test func gatewayAndTokenStatusesLookLikeTheLiveOnes() async throws {
        try await withSandbox(faults("429@/api/v4/widgets,403@/api/v4/users,401@/api/v4/account")) { s in
            let limited = try await s.send(.GET, "/api/v4/widgets")
            #expect(limited.status == 429 && limited.contentType == "text/html" && limited.text.contains("<h1>429 Too Many Requests"))
            let blocked = try await s.send(.GET, "/api/v4/users")
            #expect(blocked.status == 403 && blocked.contentType == "text/html" && blocked.text.contains("<h1>403 Forbidden"))
            let expired = try await s.send(.GET, "/api/v4/account")
            #expect(expired.status == 401 && expired.contentType.hasPrefix("application/problem+json"))
            #expect(expired.object["detail"] as? String == "Access token has expired")
            #expect(isRequestID(expired.requestID))
        }
    }

    @Test func noContentHandlesTheRequestThenAnswers204() async throws {
        try await withSandbox(faults("204@POST")) { s in
            let install = try await s.send(.POST, "/api/v4/widgets/amo_dropbox", body: "{}")
            #expect(install.status == 204 && install.body.isEmpty)
            #expect(s.installedSettings(code: "amo_dropbox") != nil, "the install happened; only its reply is empty")
        }
    }

    @Test func rulesTargetAMethodAndPathAndLeaveTheAccountAlone() async throws {
        try await withSandbox(faults("500@POST /api/v4/widgets/amo_asterisk")) { s in
            let install = try await s.send(.POST, "/api/v4/widgets/amo_asterisk", body: ValidationTests.valid)
            #expect(install.status == 500)
            #expect(s.installedSettings(code: "amo_asterisk") == nil, "a status fault answers before the request is handled")
            let other = try await s.send(.POST, "/api/v4/widgets/amo_dropbox", body: "{}")
            #expect(other.status == 200)
            let get = try await s.send(.GET, "/api/v4/widgets/amo_asterisk")
            #expect(get.status == 200)
        }
    }

    @Test func countLimitsHowOftenARuleFires() async throws {
        try await withSandbox(faults("503#2@/api/v4/account")) { s in
            var statuses: [Int] = []
            for _ in 0..<4 { statuses.append(try await s.send(.GET, "/api/v4/account").status) }
            #expect(statuses == [503, 503, 200, 200])
        }
    }

    @Test func probabilitiesFollowTheSeed() async throws {
        func run(seed: UInt64) async throws -> [Int] {
            try await withSandbox(faults("500%50", seed: seed)) { s in
                var statuses: [Int] = []
                for _ in 0..<24 { statuses.append(try await s.send(.GET, "/api/v4/account").status) }
                return statuses
            }
        }
        let a = try await run(seed: 7)
        let b = try await run(seed: 7)
        let c = try await run(seed: 8)
        #expect(a == b, "the same seed gives the same faults")
        #expect(a != c)
        #expect(a.contains(500) && a.contains(200))
    }

    @Test func latencyDelaysTheAnswer() async throws {
        try await withSandbox(faults("latency:1000@/api/v4/account")) { s in
            let start = ContinuousClock.now
            let r = try await s.send(.GET, "/api/v4/account")
            #expect(r.status == 200)
            #expect(ContinuousClock.now - start >= .milliseconds(1000))

        }
    }

    @Test func resetDropsTheConnectionMidBody() async throws {
        try await withSandbox(faults("reset@DELETE")) { s in
            await #expect(throws: (any Error).self) {
                _ = try await s.send(.GET, "/api/v4/widgets?limit=250")
                _ = try await s.send(.DELETE, "/api/v4/widgets/zadarma_export")
            }
            // The uninstall itself happened: the client cannot know.
            #expect(!s.installedCodes.contains("zadarma_export"))
            // The server goes on serving.
            let r = try await s.send(.GET, "/api/v4/account")
            #expect(r.status == 200)
        }
    }

    @Test func resetOnALargePageIsAnErrorForTheClient() async throws {
        try await withSandbox(faults("reset#1")) { s in
            var request = HTTPClientRequest(url: s.baseURL + "/api/v4/widgets?limit=250")
            request.headers.add(name: "Authorization", value: "Bearer sandbox-admin-token")
            await #expect(throws: (any Error).self) {
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
                #expect(response.status.code == 200, "the head arrives")
                _ = try await response.body.collect(upTo: 1 << 24)
            }
            let r = try await s.send(.GET, "/api/v4/widgets?limit=250")
            #expect(r.status == 200, "#1: only the first request")
        }
    }

    @Test func truncateCutsTheJSONInHalf() async throws {
        try await withSandbox(faults("truncate@GET /api/v4/widgets")) { s in
            let r = try await s.send(.GET, "/api/v4/widgets?limit=5")
            #expect(r.status == 200)
            #expect(r.contentType.hasPrefix("application/hal+json"))
            #expect(r.json == nil, "not valid JSON")
            #expect(r.text.hasPrefix("{\"_page\":1"))
            #expect(Int(r.headers.first(name: "Content-Length") ?? "") == r.body.count)
            let full = try await s.send(.GET, "/api/v4/leads/pipelines")
            #expect(full.json != nil)
        }
    }

    @Test func contentTypeLiesAboutJSON() async throws {
        try await withSandbox(faults("content-type")) { s in
            let r = try await s.send(.GET, "/api/v4/account")
            #expect(r.contentType == "text/html")
            #expect(r.object["subdomain"] as? String == "sandbox", "the body is still JSON")
        }
        try await withSandbox(faults("content-type:text/plain")) { s in
            let reply1 = try await s.send(.GET, "/api/v4/account")
            #expect(reply1.contentType == "text/plain")
        }
    }

    @Test func pageSizeServesOtherPageSizesSilently() async throws {
        try await withSandbox(faults("page-size:100@GET /api/v4/widgets")) { s in
            var codes: [String] = []
            var page = 1
            while true {
                let r = try await s.send(.GET, "/api/v4/widgets?limit=250&page=\(page)")
                if r.status == 204 { break }
                let widgets = (r.object["_embedded"] as? [String: Any])?["widgets"] as? [[String: Any]] ?? []
                #expect(widgets.count <= 100)
                codes += widgets.compactMap { $0["code"] as? String }
                page += 1
            }
            #expect(page == (s.widgetCount + 99) / 100 + 1, "100 widgets a page, then 204")
            #expect(Set(codes).count == s.widgetCount)
        }
    }

    @Test func nextAlwaysPutsANextLinkOnTheLastPage() async throws {
        try await withSandbox(faults("next-always")) { s in
            let last = try await s.send(.GET, "/api/v4/widgets?limit=250&page=3")
            let next = ((last.object["_links"] as? [String: Any])?["next"] as? [String: Any])?["href"] as? String
            #expect(next == "\(s.baseURL)/api/v4/widgets?limit=250&page=4")
            let after = try await s.send(.GET, "/api/v4/widgets?limit=250&page=4")
            #expect(after.status == 204)
        }
    }

    @Test func planTargetsOnlyMatchingRequests() throws {
        var injector = FaultInjector(spec: try FaultSpec(parsing: "latency:1000@/api/v4/account,503#1@POST/api/v4/widgets"), seed: 0)
        #expect(injector.plan(method: "GET", path: "/api/v4/leads/pipelines") == FaultPlan())
        #expect(injector.plan(method: "GET", path: "/api/v4/account").latencyMilliseconds == 1000)
        #expect(injector.plan(method: "GET", path: "/api/v4/widgets/x").status == nil)
        #expect(injector.plan(method: "POST", path: "/api/v4/widgets/x").status?.code == 503)
        #expect(injector.plan(method: "POST", path: "/api/v4/widgets/x").status == nil, "#1 is spent")
    }

    @Test func aQueryInThePathTargetsOnePage() throws {
        var injector = FaultInjector(spec: try FaultSpec(parsing: "truncate@GET/api/v4/widgets?page=2&limit=250"), seed: 0)
        #expect(!injector.plan(method: "GET", path: "/api/v4/widgets", query: ["page": "1", "limit": "250"]).truncate)
        #expect(!injector.plan(method: "GET", path: "/api/v4/widgets", query: ["page": "2"]).truncate, "limit missing")
        #expect(!injector.plan(method: "GET", path: "/api/v4/widgets", query: ["page": "20", "limit": "250"]).truncate)
        #expect(injector.plan(method: "GET", path: "/api/v4/widgets", query: ["limit": "250", "page": "2"]).truncate)
        #expect(!injector.plan(method: "GET", path: "/api/v4/users", query: ["limit": "250", "page": "2"]).truncate)
    }
}
