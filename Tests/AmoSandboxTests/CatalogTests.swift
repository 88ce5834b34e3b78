// The catalogue: embedded copy = Resources/catalog, its promised variety, and clear errors.
import AmoSandbox
import Foundation
import Testing

@Suite struct CatalogTests {
    static let catalogDir = repositoryRoot.appendingPathComponent("Resources/catalog")

    @Test func embeddedCatalogueEqualsResourcesCatalog() throws {
        for name in SandboxCatalog.fileNames {
            let onDisk = try String(contentsOf: Self.catalogDir.appendingPathComponent(name), encoding: .utf8)
            let embedded = SandboxCatalog.embeddedFiles[name]
            #expect(embedded != nil, "\(name) embedded")
            #expect(embedded.map { $0 + "\n" } == onDisk, "\(name): run scripts/generate_catalog.py")
        }
    }

    func load(_ name: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: Self.catalogDir.appendingPathComponent(name)))
    }

    @Test func catalogueHasThePromisedVariety() throws {
        let widgets = try load("widgets.json") as? [[String: Any]] ?? []
        #expect(widgets.count >= 600)
        let fields = widgets.flatMap { $0["settings_template"] as? [[String: Any]] ?? [] }
        for type in ["text", "pass", "users", "users_lp", "custom"] {
            for required in [true, false] {
                #expect(widgets.contains { w in
                    let f = w["settings_template"] as? [[String: Any]] ?? []
                    return f.count == 1 && f[0]["type"] as? String == type && f[0]["is_required"] as? Bool == required
                }, "\(type) alone, required \(required)")
            }
        }
        #expect(fields.contains { ($0["name"] as? String)?.range(of: "[А-Яа-я]", options: .regularExpression) != nil })
        #expect(fields.contains { ($0["name"] as? String)?.range(of: "^[A-Za-z ]+$", options: .regularExpression) != nil })
        #expect(widgets.contains { ($0["settings_template"] as? [Any])?.isEmpty == true })
        #expect(widgets.contains { Set(($0["settings_template"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }).count >= 3 })
        let ratings = widgets.map { $0["rating"] }
        #expect(ratings.contains { ($0 as? String)?.contains(",") == true })
        #expect(ratings.contains { $0 is NSNull })
        #expect(ratings.contains { $0 is NSNumber })
        #expect(widgets.contains { $0["version"] is NSNumber }, "integer versions")
        let flags = Set(widgets.map { w in
            ["is_lead_source", "is_work_with_dp", "is_crm_template"].map { w[$0] as? Bool == true ? "1" : "0" }.joined()
        })
        #expect(flags.count == 8)
        let installed = widgets.filter { $0["is_active_in_account"] as? Bool == true }
        let share = Double(installed.count) / Double(widgets.count)
        #expect(share > 0.03 && share < 0.08)
        #expect(installed.contains { $0["is_lead_source"] as? Bool == true && $0["pipeline_id"] is Int })
        let stored = installed.compactMap { w -> [String: Any]? in w["settings"] as? [String: Any] }
        let storedTypes = Set(installed.flatMap { w -> [String] in
            let settings = w["settings"] as? [String: Any] ?? [:]
            return (w["settings_template"] as? [[String: Any]] ?? []).filter { settings[$0["key"] as? String ?? ""] != nil }.compactMap { $0["type"] as? String }
        })
        #expect(!stored.isEmpty)
        #expect(storedTypes.isSuperset(of: ["pass", "users_lp"]))
        let asterisk = widgets.first { $0["code"] as? String == "amo_asterisk" }
        #expect(asterisk?["is_active_in_account"] as? Bool == false)
    }

    @Test func usersPipelinesAndAccount() throws {
        let users = try load("users.json") as? [[String: Any]] ?? []
        #expect(users.count >= 20)
        let rights = users.map { $0["rights"] as? [String: Any] ?? [:] }
        #expect(rights.filter { $0["is_admin"] as? Bool == false }.count == 2)
        #expect(rights.filter { $0["is_active"] as? Bool == false }.count == 1)
        #expect(users.contains { $0["id"] as? Int == 504141 })
        #expect(users.contains { ($0["name"] as? String)?.range(of: "[А-Яа-я]", options: .regularExpression) != nil })
        #expect(users.contains { ($0["name"] as? String)?.range(of: "^[A-Za-z ]+$", options: .regularExpression) != nil })
        #expect((try load("pipelines.json") as? [Any])?.count ?? 0 >= 3)
        #expect((try load("account.json") as? [String: Any])?["subdomain"] as? String == "sandbox")
    }

    /// Runs scripts/generate_catalog.py with `arguments`; returns its exit status. Awaited through the
    /// termination handler: blocking a cooperative thread for the seconds it runs would starve other tests.
    func generate(_ arguments: [String]) async throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", repositoryRoot.appendingPathComponent("scripts/generate_catalog.py").path] + arguments
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        return try await withCheckedThrowingContinuation { continuation in
            p.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try p.run() } catch { continuation.resume(throwing: error) }
        }
    }

    @Test func theGeneratorReproducesTheCommittedCatalogue() async throws {
        let dir = try temporaryDirectory()
        let swift = dir.appendingPathComponent("EmbeddedCatalog.swift")
        #expect(try await generate(["--out", dir.path, "--swift", swift.path]) == 0)
        for name in SandboxCatalog.fileNames {
            let fresh = try Data(contentsOf: dir.appendingPathComponent(name))
            #expect(fresh == (try Data(contentsOf: Self.catalogDir.appendingPathComponent(name))), "\(name)")
        }
        let committed = repositoryRoot.appendingPathComponent("Sources/AmoSandbox/Catalog/EmbeddedCatalog.swift")
        #expect(try Data(contentsOf: swift) == (try Data(contentsOf: committed)))
    }

    @Test func aGeneratedCatalogueFolderServesItsWidgets() async throws {
        let dir = try temporaryDirectory()
        #expect(try await generate(["--widgets", "700", "--out", dir.path, "--no-swift"]) == 0)
        try await withSandbox({ $0.catalog = .directory(dir.path) }) { s in
            #expect(s.widgetCount == 700)
            let last = try await s.send(.GET, "/api/v4/widgets?limit=250&page=3")
            #expect(((last.object["_embedded"] as? [String: Any])?["widgets"] as? [Any])?.count == 200)
        }
    }

    @Test func missingCatalogueFileIsAClearError() async throws {
        let dir = try temporaryDirectory()
        for name in SandboxCatalog.fileNames where name != "users.json" {
            try FileManager.default.copyItem(at: Self.catalogDir.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        var c = SandboxConfiguration()
        c.catalog = .directory(dir.path)
        await #expect {
            _ = try await Sandbox.start(c)
        } throws: { error in
            "\(error)".contains(dir.appendingPathComponent("users.json").path) && "\(error)".contains("missing")
        }
    }

    @Test func corruptCatalogueFileIsAClearError() async throws {
        let dir = try temporaryDirectory()
        for name in SandboxCatalog.fileNames {
            try FileManager.default.copyItem(at: Self.catalogDir.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        try Data("[{\"id\": 1,".utf8).write(to: dir.appendingPathComponent("widgets.json"))
        var c = SandboxConfiguration()
        c.catalog = .directory(dir.path)
        await #expect {
            _ = try await Sandbox.start(c)
        } throws: { error in
            "\(error)".contains("widgets.json") && "\(error)".contains("not valid JSON")
        }
        // Valid JSON of the wrong shape names the path inside the file.
        try Data("[{\"id\": \"x\"}]".utf8).write(to: dir.appendingPathComponent("widgets.json"))
        await #expect {
            _ = try await Sandbox.start(c)
        } throws: { error in
            "\(error)".contains("widgets.json") && "\(error)".contains("[0]")
        }
    }
}

@Suite struct SandboxTokensTests {
    @Test func constantsMatchTheCatalogue() throws {
        let auth = try JSONSerialization.jsonObject(with: Data(contentsOf: CatalogTests.catalogDir.appendingPathComponent("auth.json"))) as? [String: Any] ?? [:]
        let tokens = auth["tokens"] as? [[String: Any]] ?? []
        func user(_ token: String) -> Int? { tokens.first { $0["token"] as? String == token }?["user_id"] as? Int }
        #expect(user(SandboxTokens.admin) == SandboxTokens.adminUserID)
        #expect(user(SandboxTokens.user) == SandboxTokens.plainUserID)
        let widgets = try JSONSerialization.jsonObject(with: Data(contentsOf: CatalogTests.catalogDir.appendingPathComponent("widgets.json"))) as? [[String: Any]] ?? []
        for (code, token) in SandboxTokens.integrations {
            let uuid = tokens.first { $0["token"] as? String == token }?["client_uuid"] as? String
            let widget = widgets.first { $0["code"] as? String == code }
            #expect(uuid != nil && widget?["client_uuid"] as? String == uuid, "\(token) belongs to \(code)")
            #expect(widget?["is_active_in_account"] as? Bool == true)
        }
        let client = (auth["oauth_clients"] as? [[String: Any]])?.first
        #expect(client?["client_id"] as? String == SandboxTokens.oauthClientID)
        #expect(client?["client_secret"] as? String == SandboxTokens.oauthClientSecret)
        #expect(client?["redirect_uri"] as? String == SandboxTokens.oauthRedirectURI)
        let codes = (auth["authorization_codes"] as? [[String: Any]] ?? []).reduce(into: [String: Int]()) {
            $0[$1["code"] as? String ?? ""] = $1["user_id"] as? Int
        }
        #expect(SandboxTokens.adminAuthorizationCodes.allSatisfy { codes[$0] == SandboxTokens.adminUserID })
        #expect(codes[SandboxTokens.userAuthorizationCode] == SandboxTokens.plainUserID)
    }
}
