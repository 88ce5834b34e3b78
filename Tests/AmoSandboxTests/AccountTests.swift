// /api/v4/users (admins only, HAL paging), /api/v4/account, /api/v4/leads/pipelines.
import AmoSandbox
import Foundation
import Testing

@Suite struct AccountTests {
    @Test func usersArePagedForAdmins() async throws {
        try await withSandbox { s in
            let first = try await s.send(.GET, "/api/v4/users?limit=10")
            #expect(first.status == 200)
            #expect(first.contentType.hasPrefix("application/hal+json"))
            var ids: [Int] = []
            var page = 1
            var r = first
            while r.status == 200 {
                let users = (r.object["_embedded"] as? [String: Any])?["users"] as? [[String: Any]] ?? []
                ids += users.compactMap { $0["id"] as? Int }
                #expect(users.allSatisfy { ($0["rights"] as? [String: Any])?["is_admin"] is Bool })
                page += 1
                r = try await s.send(.GET, "/api/v4/users?limit=10&page=\(page)")
            }
            #expect(r.status == 204)
            #expect(ids.count == 22)
            #expect(ids.contains(504141))
            #expect(page == 4)
        }
    }

    @Test func usersAreForbiddenToAPlainUser() async throws {
        try await withSandbox { s in
            let r = try await s.send(.GET, "/api/v4/users", token: SandboxTokens.user)
            #expect(r.status == 403)
            #expect(r.contentType.hasPrefix("application/problem+json"))
            #expect(r.object["detail"] as? String == "Invalid scope")
        }
    }

    @Test func usersRejectBadPaging() async throws {
        try await withSandbox { s in
            let r = try await s.send(.GET, "/api/v4/users?page=zero")
            #expect(r.status == 400)
        }
    }

    @Test func accountNamesTheCurrentUser() async throws {
        try await withSandbox { s in
            let admin = try await s.send(.GET, "/api/v4/account")
            #expect(admin.status == 200)
            #expect(admin.object["subdomain"] as? String == "sandbox")
            #expect(admin.object["id"] as? Int == 29930871)
            #expect(admin.object["current_user_id"] as? Int == 504141)
            #expect(!(admin.object["name"] as? String ?? "").isEmpty)
            let user = try await s.send(.GET, "/api/v4/account", token: SandboxTokens.user)
            #expect(user.object["current_user_id"] as? Int == 504142)
        }
    }

    @Test func pipelinesListEveryPipeline() async throws {
        try await withSandbox { s in
            let r = try await s.send(.GET, "/api/v4/leads/pipelines", token: SandboxTokens.user)
            #expect(r.status == 200)
            let pipelines = (r.object["_embedded"] as? [String: Any])?["pipelines"] as? [[String: Any]] ?? []
            #expect(pipelines.count >= 3)
            #expect(r.object["_total_items"] as? Int == pipelines.count)
            #expect(pipelines.filter { $0["is_main"] as? Bool == true }.count == 1)
            #expect(pipelines.contains { $0["is_archive"] as? Bool == true })
            #expect(pipelines.contains { $0["id"] as? Int == 7001001 && $0["name"] as? String == "Воронка" })
            let statuses = (pipelines.first?["_embedded"] as? [String: Any])?["statuses"] as? [Any]
            #expect((statuses?.count ?? 0) > 0)
        }
    }
}
