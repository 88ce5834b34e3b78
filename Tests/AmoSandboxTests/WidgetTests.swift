// GET /api/v4/widgets/{code}, unknown endpoints, authentication, X-Request-Id.
import AmoSandbox
import Foundation
import Testing

@Suite struct WidgetTests {
    @Test func dropboxMatchesTheSeedFixture() async throws {
        try await withSandbox { s in
            let r = try await s.send(.GET, "/api/v4/widgets/amo_dropbox")
            #expect(r.status == 200)
            #expect(r.contentType.hasPrefix("application/json"))
            let expected = try fixture("widget-amo_dropbox.json").replacingOccurrences(of: "https://example.amocrm.ru", with: s.baseURL)
            let object = try JSONSerialization.jsonObject(with: Data(expected.utf8))
            #expect(canonical(r.object) == canonical(object))
        }
    }

    @Test func asteriskHasItsFourRussianFieldsAndIsNotInstalled() async throws {
        try await withSandbox { s in
            let r = try await s.send(.GET, "/api/v4/widgets/amo_asterisk", token: SandboxTokens.user)
            #expect(r.status == 200)
            let fields = r.object["settings_template"] as? [[String: Any]] ?? []
            #expect(fields.map { $0["key"] as? String ?? "" } == ["login", "password", "phones", "script_path"])
            #expect(fields.map { $0["name"] as? String ?? "" } == ["Логин", "Пароль", "Список телефонов", "Путь к скрипту"])
            #expect(fields.map { $0["type"] as? String ?? "" } == ["text", "pass", "users", "text"])
            #expect(r.object["is_active_in_account"] as? Bool == false)
            #expect(r.object["version"] as? String == "1.1.6")
            #expect(r.object["rating"] as? String == "2,7")
        }
    }

    @Test func unknownWidgetIs404ProblemJSON() async throws {
        try await withSandbox { s in
            let r = try await s.send(.GET, "/api/v4/widgets/no_such_widget")
            #expect(r.status == 404)
            #expect(r.contentType.hasPrefix("application/problem+json"))
            #expect(r.object["title"] as? String == "Not Found")
            #expect(r.object["type"] as? String == "https://httpstatus.es/404")
        }
    }

    @Test(arguments: ["/", "/api/v4", "/api/v4/leads", "/api/v4/widgets/a/b", "/api/v3/widgets", "/oauth2/access_token"])
    func anythingElseIs404(_ path: String) async throws {
        try await withSandbox { s in
            let r = try await s.send(.GET, path)
            #expect(r.status == 404)
            #expect(r.contentType.hasPrefix("application/problem+json"))
            #expect(isRequestID(r.requestID))
        }
    }

    @Test func putOnAWidgetIs404() async throws {
        try await withSandbox { s in
            let r = try await s.send(.PUT, "/api/v4/widgets/amo_dropbox", body: "{}")
            #expect(r.status == 404)
        }
    }

    @Test(arguments: [nil, "nonsense", ""] as [String?])
    func missingOrUnknownTokenIs401(_ token: String?) async throws {
        try await withSandbox { s in
            let r = try await s.send(.GET, "/api/v4/widgets", token: token)
            #expect(r.status == 401)
            #expect(r.contentType.hasPrefix("application/problem+json"))
            #expect(r.object["status"] as? Int == 401)
            #expect(r.object["title"] as? String == "Unauthorized")
            #expect(isRequestID(r.requestID))
        }
    }

    @Test func requestIDsDifferPerResponse() async throws {
        try await withSandbox { s in
            var ids = Set<String>()
            for _ in 0..<5 { ids.insert(try await s.send(.GET, "/api/v4/account").requestID) }
            #expect(ids.count == 5)
            #expect(ids.allSatisfy(isRequestID))
        }
    }

    @Test func integrationTokenSeesItsOwnWidgetsSettingsOnly() async throws {
        try await withSandbox { s in
            // sandbox-integration-token-1 belongs to the installed widget zadarma_export (auth.json).
            let own = try await s.send(.GET, "/api/v4/widgets/zadarma_export", token: "sandbox-integration-token-1")
            #expect(own.status == 200)
            #expect(own.object["is_active_in_account"] as? Bool == true)
            let settings = own.object["settings"] as? [String: Any]
            #expect(settings != nil)
            #expect(canonical(settings ?? [:]) == canonical(foundationJSON(s.installedSettings(code: "zadarma_export")?.serialized() ?? "") ?? "-"))
            let asAdmin = try await s.send(.GET, "/api/v4/widgets/zadarma_export")
            #expect(asAdmin.object["settings"] == nil)
            let other = try await s.send(.GET, "/api/v4/widgets/zadarma_export", token: "sandbox-integration-token-2")
            #expect(other.object["settings"] == nil)
            // In the list too.
            let list = try await s.send(.GET, "/api/v4/widgets?limit=250&page=1", token: "sandbox-integration-token-1")
            let widgets = (list.object["_embedded"] as? [String: Any])?["widgets"] as? [[String: Any]] ?? []
            #expect(widgets.filter { $0["settings"] != nil }.map { $0["code"] as? String } == ["zadarma_export"])
        }
    }
}
