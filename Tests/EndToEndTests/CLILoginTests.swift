import Foundation
import Testing

extension CLITests {
    /// `login`, `logout`, `profiles`, the root command without a profile, and where tokens end up.
    @Suite struct CLILoginTests {
        @Test func rootWithoutAProfileSaysHowToLogInAndExits4() async throws {
            let h = try await CLIHarness.make(sandbox: false)
            defer { Task { await h.finish() } }
            let r = try await h.run([])
            #expect(r.status == 4)
            #expect(r.stderr.contains("amowidgets login"))
            #expect(r.stderr.contains("amowidgets --sandbox"))
            #expect(r.stdout.isEmpty)
        }

        @Test func loginWithALongLivedTokenSavesAProfileAndTheTokenApart() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            let r = try await h.run(["login", "--base-url", h.baseURL, "--token-stdin", "--json"], stdin: "sandbox-admin-token\n")
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.jsonObject["profile"] as? String == "sandbox")   // the account's subdomain
            #expect((r.jsonObject["account"] as? [String: Any])?["subdomain"] as? String == "sandbox")
            #expect(h.sandbox?.requestCount(method: "GET", path: "/api/v4/account") == 1)
            // The config names the profile and holds no token; the secrets file holds it, mode 0600.
            let config = h.read("config/config.toml")
            #expect(config.contains("[profiles.\"sandbox\"]") || config.contains("[profiles.sandbox]"))
            #expect(config.contains("current_profile = \"sandbox\""))
            #expect(!config.contains("sandbox-admin-token"))
            let secrets = try #require(try secretFiles(h).first)
            #expect(try String(contentsOfFile: secrets, encoding: .utf8).contains("sandbox-admin-token"))
            let mode = try FileManager.default.attributesOfItem(atPath: secrets)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            #expect(!r.stdout.contains("sandbox-admin-token") && !r.stderr.contains("sandbox-admin-token"))
            // The saved profile works.
            let list = try await h.run(["list", "--limit", "5", "--json"])
            #expect(list.status == 0, "\(list.stderr)")
            #expect((list.jsonObject["widgets"] as? [Any])?.count == 5)
        }

        @Test func aRejectedTokenExits4AndSavesNothing() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            let r = try await h.run(["login", "--base-url", h.baseURL, "--token-stdin"], stdin: "not-a-valid-token")
            #expect(r.status == 4)
            #expect(r.stderr.contains("401"))
            #expect(!FileManager.default.fileExists(atPath: h.path("config/config.toml")))
            #expect(try secretFiles(h).isEmpty)
            #expect(!r.stderr.contains("not-a-valid-token"))
        }

        @Test func loginWithAnOAuthCodeExchangesItOnceAndWorks() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            let secretFile = h.path("client-secret.txt")
            try "sandbox-client-secret\n".write(toFile: secretFile, atomically: true, encoding: .utf8)
            let r = try await h.run(["login", "--base-url", h.baseURL, "--profile", "oauth-demo",
                               "--client-id", "440a9a11-167d-441a-b47a-2e474e5ac63a", "--client-secret-file", secretFile,
                               "--redirect-uri", "https://example.com/amowidgets/oauth", "--code", "sandbox-auth-code-1"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(h.sandbox?.requestCount(method: "POST", path: "/oauth2/access_token") == 1)
            let profiles = try await h.run(["profiles", "--json"])
            let list = try #require(profiles.jsonObject["profiles"] as? [[String: Any]])
            #expect(list.count == 1)
            #expect(list.first?["name"] as? String == "oauth-demo")
            #expect(list.first?["auth"] as? String == "oauth")
            #expect(list.first?["has_token"] as? Bool == true)
            #expect(!profiles.stdout.contains("sandbox-client-secret"))
            #expect(!h.read("config/config.toml").contains("sandbox-client-secret"))
            let show = try await h.run(["show", "amo_dropbox", "--json"])
            #expect(show.status == 0, "\(show.stderr)")
            #expect(show.jsonObject["code"] as? String == "amo_dropbox")
            // A used code cannot be exchanged twice: exit 4, the first profile untouched.
            let again = try await h.run(["login", "--base-url", h.baseURL, "--profile", "second",
                                   "--client-id", "440a9a11-167d-441a-b47a-2e474e5ac63a", "--client-secret-file", secretFile,
                                   "--redirect-uri", "https://example.com/amowidgets/oauth", "--code", "sandbox-auth-code-1"])
            #expect(again.status == 4, "\(again.stderr)")
            #expect(!h.read("config/config.toml").contains("second"))
        }

        @Test func profilesSwitchAndPrecedenceFlagsOverEnvironmentOverConfig() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login(token: "sandbox-admin-token", profile: "admin")
            try await h.login(token: "sandbox-user-token", profile: "user")
            // The last login is current: a plain user may not install (403 -> exit 1).
            let asUser = try await h.run(["install", "amo_dropbox"])
            #expect(asUser.status == 1)
            #expect(asUser.stderr.contains("403"))
            #expect(h.sandbox?.installedCodes.contains("amo_dropbox") == false)
            // Environment beats config, the flag beats the environment.
            let viaEnv = try await h.run(["install", "amo_dropbox"], environment: ["AMO_PROFILE": "admin"])
            #expect(viaEnv.status == 0, "\(viaEnv.stderr)")
            let viaFlag = try await h.run(["uninstall", "amo_dropbox", "--yes", "--profile", "user"], environment: ["AMO_PROFILE": "admin"])
            #expect(viaFlag.status == 1)
            // `profiles --use` switches the current profile.
            #expect(try await h.run(["profiles", "--use", "admin"]).status == 0)
            let listed = try await h.run(["profiles", "--json"])
            #expect(listed.jsonObject["current"] as? String == "admin")
            #expect(try await h.run(["uninstall", "amo_dropbox", "--yes"]).status == 0)
            #expect(h.sandbox?.installedCodes.contains("amo_dropbox") == false)
            #expect(try await h.run(["profiles", "--use", "nobody"]).status == 2)
        }

        @Test func logoutRemovesTheTokenAndThenCommandsNeedAuth() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login()
            #expect(try await h.run(["logout"]).status == 0)
            #expect(!h.allFileText().contains("sandbox-admin-token"))
            let r = try await h.run(["list"])
            #expect(r.status == 4)
            #expect(r.stderr.contains("login"))
            #expect(try await h.run(["logout", "--forget"]).status == 0)
            #expect(!h.read("config/config.toml").contains("sandbox"))
        }

        @Test func environmentAloneIsEnoughAndABadTokenExits4() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            let ok = try await h.run(["list", "--json", "--limit", "3"], environment: ["AMO_TOKEN": "sandbox-admin-token", "AMO_BASE_URL": h.baseURL])
            #expect(ok.status == 0, "\(ok.stderr)")
            #expect((ok.jsonObject["widgets"] as? [Any])?.count == 3)
            let bad = try await h.run(["list"], environment: ["AMO_TOKEN": "expired-token", "AMO_BASE_URL": h.baseURL])
            #expect(bad.status == 4)
            #expect(!bad.stderr.contains("expired-token"))
            // Plain http is only for loopback hosts.
            let http = try await h.run(["list"], environment: ["AMO_TOKEN": "x", "AMO_BASE_URL": "http://example.amocrm.ru"])
            #expect(http.status == 2)
            #expect(http.stderr.contains("loopback"))
        }

        /// Files under the config folder other than config.toml (the secrets store's files).
        func secretFiles(_ h: CLIHarness) throws -> [String] {
            let dir = h.path("config")
            guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
            return e.compactMap { $0 as? String }.filter { $0 != "config.toml" && !$0.hasPrefix(".") }
                .map { dir + "/" + $0 }.filter { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &d) && !d.boolValue }
        }
    }
}
