import AmoSandbox
import Foundation
import Testing
@testable import AmoCRM

@Suite struct ListingTests {
    @Test func listsTheWholeCatalogueInThreeRequests() async throws {
        try await withSandbox { sandbox in
            let pages = try await withClient(try clientConfig(sandbox)) { client in
                var pages: [WidgetPage] = []
                for try await page in client.allWidgets(limit: 250) { pages.append(page) }
                return pages
            }
            #expect(sandbox.widgetCount >= 600)
            #expect(sandbox.requestCount(method: "GET", path: "/api/v4/widgets") == 3)
            #expect(pages.map(\.page) == [1, 2, 3])
            #expect(pages.map(\.widgets.count) == [250, 250, sandbox.widgetCount - 500])
            let codes = pages.flatMap(\.widgets).map(\.code)
            #expect(codes.count == sandbox.widgetCount)
            #expect(Set(codes).count == codes.count)
        }
    }

    @Test func nextLinkOnTheLastPageEndsWith204AndNoDuplicates() async throws {
        try await withSandbox({ $0.faults = try? FaultSpec(parsing: "next-always") }) { sandbox in
            let codes = try await withClient(try clientConfig(sandbox)) { client in
                var codes: [String] = []
                for try await page in client.allWidgets(limit: 250) { codes += page.widgets.map(\.code) }
                return codes
            }
            // Pages 1-3 plus page 4, which the quirky next link names and which answers 204.
            #expect(sandbox.requestCount(method: "GET", path: "/api/v4/widgets") == 4)
            #expect(codes.count == sandbox.widgetCount)
            #expect(Set(codes).count == codes.count)
        }
    }

    @Test func pagePastTheEndIsNil() async throws {
        try await withSandbox { sandbox in
            try await withClient(try clientConfig(sandbox)) { client in
                #expect(try await client.widgetsPage(page: 4, limit: 250) == nil)
                let first = try #require(try await client.widgetsPage(page: 1, limit: 7))
                #expect(first.widgets.count == 7)
                #expect(first.nextLink?.hasSuffix("page=2") == true)
                // A limit above 250 is clamped before sending.
                #expect(try await client.widgetsPage(page: 1, limit: 1000)?.widgets.count == 250)
            }
        }
    }

    @Test func widgetByCodeAndNotFound() async throws {
        try await withSandbox { sandbox in
            try await withClient(try clientConfig(sandbox)) { client in
                let w = try await client.widget(code: "amo_asterisk")
                #expect(w.code == "amo_asterisk")
                #expect(w.settingsTemplate.map(\.key).contains("login"))
                let error = await amoError { try await client.widget(code: "no_such_widget_xyz") }
                guard case .notFound(let c)? = error else { Issue.record("got \(String(describing: error))"); return }
                #expect(c.status == 404)
                #expect(c.requestID?.count == 32)
                #expect(c.endpoint == "GET /api/v4/widgets/no_such_widget_xyz")
            }
        }
    }

    @Test func usersAccountAndPipelines() async throws {
        try await withSandbox { sandbox in
            try await withClient(try clientConfig(sandbox)) { client in
                let users = try await client.users()
                #expect(users.count == 22)
                #expect(users.contains { $0.id == 504141 && $0.isAdmin })
                #expect(Set(users.map(\.id)).count == users.count)
                let account = try await client.account()
                #expect(account.currentUserID == 504141)
                #expect(!account.subdomain.isEmpty)
                let pipelines = try await client.pipelines()
                #expect(pipelines.count == 4)
                #expect(pipelines.filter(\.isMain).count == 1)
            }
        }
    }

    @Test func usersFollowNextLinksWithoutLooping() async throws {
        try await withSandbox({ $0.faults = try? FaultSpec(parsing: "next-always") }) { sandbox in
            let users = try await withClient(try clientConfig(sandbox)) { try await $0.users() }
            #expect(users.count == 22)
            #expect(sandbox.requestCount(method: "GET", path: "/api/v4/users") == 2)
        }
    }
}
