import AmoSandbox
import Foundation
import Testing
@testable import AmoCRM

@Suite struct InstallTests {
    static func seedSettings() throws -> [String: JSONValue] {
        try #require(try JSONDecoder().decode(JSONValue.self, from: Data(try Fixtures.bytes("install-amo_asterisk-request.json"))).objectValue)
    }

    @Test func installsAmoAsteriskAndReadsItBack() async throws {
        try await withSandbox { sandbox in
            let settings = try Self.seedSettings()
            try await withClient(try clientConfig(sandbox)) { client in
                let installed = try await client.install(code: "amo_asterisk", settings: settings)
                #expect(installed.isActiveInAccount)
                #expect(installed.settings == settings)
                #expect(sandbox.installedCodes.contains("amo_asterisk"))
                let stored = try #require(sandbox.installedSettings(code: "amo_asterisk"))
                #expect(stored["login"]?.stringValue == "example")
                #expect(stored["password"]?.stringValue == "eXaMp1E")
                #expect(stored["script_path"]?.stringValue == "https://example.com/")
                #expect(stored["phones"]?["504141"]?.stringValue == "1039")
                let again = try await client.widget(code: "amo_asterisk")
                #expect(again.isActiveInAccount)
                #expect(again.code == installed.code && again.version == installed.version)
            }
        }
    }

    @Test func validationErrorsMapToFieldPaths() async throws {
        try await withSandbox { sandbox in
            try await withClient(try clientConfig(sandbox)) { client in
                let error = await amoError { try await client.install(code: "amo_asterisk", settings: ["login": "only-login"]) }
                guard case .validation(let fields, let c)? = error else { Issue.record("got \(String(describing: error))"); return }
                #expect(c.status == 400)
                let paths = Set(fields.map(\.path))
                #expect(paths.isSuperset(of: ["password", "phones", "script_path"]), "\(paths)")
                #expect(!paths.contains("login"))
                #expect(fields.allSatisfy { !$0.detail.isEmpty || !$0.code.isEmpty })
                #expect(!sandbox.installedCodes.contains("amo_asterisk"))
                #expect(sandbox.requestCount(method: "POST", path: "/api/v4/widgets/amo_asterisk") == 1)
            }
        }
    }

    @Test func uninstallRoundTrip() async throws {
        try await withSandbox { sandbox in
            let settings = try Self.seedSettings()
            try await withClient(try clientConfig(sandbox)) { client in
                _ = try await client.install(code: "amo_asterisk", settings: settings)
                try await client.uninstall(code: "amo_asterisk")
                #expect(!sandbox.installedCodes.contains("amo_asterisk"))
                #expect(try await client.widget(code: "amo_asterisk").isActiveInAccount == false)
                let reinstalled = try await client.install(code: "amo_asterisk", settings: settings)
                #expect(reinstalled.settings == settings)
                #expect(sandbox.installedCodes.contains("amo_asterisk"))
            }
        }
    }

    @Test func userTokenIsForbiddenWithScope() async throws {
        try await withSandbox { sandbox in
            try await withClient(try clientConfig(sandbox, token: SandboxTokens.user)) { client in
                let page = try await client.widgetsPage(page: 1, limit: 5)
                #expect(page?.widgets.count == 5)
                for call in [
                    { _ = try await client.install(code: "amo_asterisk", settings: try Self.seedSettings()) },
                    { try await client.uninstall(code: "amo_asterisk") },
                    { _ = try await client.users() },
                ] as [() async throws -> Void] {
                    let error = await amoError(call)
                    guard case .forbidden(.scope, let c)? = error else { Issue.record("got \(String(describing: error))"); continue }
                    #expect(c.status == 403)
                    #expect(error?.message.hasPrefix("Forbidden (403)") == true)
                }
            }
        }
    }

    @Test func unknownTokenIsUnauthorizedAndNeverShown() async throws {
        try await withSandbox { sandbox in
            let token = "eyJhbGciOiJub25lIn0.eyJleHAiOjF9.bogus-secret-token"
            try await withClient(try clientConfig(sandbox, token: token)) { client in
                let error = await amoError { try await client.account() }
                guard case .unauthorized(let c)? = error else { Issue.record("got \(String(describing: error))"); return }
                #expect(c.status == 401)
                #expect(!(error?.message.contains("bogus-secret-token") ?? true))
            }
        }
    }
}
