import Foundation
import Testing

extension CLITests {
    /// Configuration files, AMOWIDGETS_HOME isolation, `info`, help texts, completions and exit codes.
    @Suite struct CLIConfigTests {
        @Test func aCorruptConfigIsAnErrorNamingFileAndLineAndIsNeverOverwritten() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            let config = h.path("config/config.toml")
            try FileManager.default.createDirectory(atPath: h.path("config"), withIntermediateDirectories: true)
            let broken = "current_profile = \"a\"\n\n[profiles.a]\nbase_url = \"https://a.amocrm.ru\"\nauth = = oops\n"
            try broken.write(toFile: config, atomically: true, encoding: .utf8)
            let r = try await h.run(["profiles"])
            #expect(r.status == 1)
            #expect(r.stderr.contains(config + ":5"))
            let login = try await h.run(["login", "--base-url", h.baseURL, "--token-stdin"], stdin: "sandbox-admin-token")
            #expect(login.status == 1)
            #expect(try String(contentsOfFile: config, encoding: .utf8) == broken)
            #expect(h.sandbox?.totalRequestCount == 0)
            // A wrong type is reported at its line too.
            try "[profiles.a]\nbase_url = 42\nauth = \"oauth\"\n".write(toFile: config, atomically: true, encoding: .utf8)
            let typed = try await h.run(["list"])
            #expect(typed.status == 1)
            #expect(typed.stderr.contains(config + ":2"))
            // A non-loopback http:// URL in the file is refused as well.
            try "[profiles.a]\nbase_url = \"http://a.amocrm.ru\"\nauth = \"oauth\"\n".write(toFile: config, atomically: true, encoding: .utf8)
            #expect(try await h.run(["profiles"]).status == 1)
        }

        @Test func everythingLivesUnderAmowidgetsHome() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            let info = try await h.run(["info", "--json"])
            #expect(info.status == 0)
            for key in ["config_file", "credentials_dir", "audit_log", "config_dir", "state_dir", "data_dir", "backups_dir"] {
                let path = try #require(info.jsonObject[key] as? String, "\(key)")
                #expect(path.hasPrefix(h.home.path + "/"), "\(key): \(path)")
            }
            #expect((info.jsonObject["environment"] as? [String: Any])?["AMOWIDGETS_HOME"] as? String == h.home.path)
            try await h.login()
            _ = try await h.run(["install", "amo_dropbox"])
            // XDG variables pointing elsewhere are ignored while AMOWIDGETS_HOME is set.
            let elsewhere = h.path("xdg")
            let r = try await h.run(["profiles", "--json"], environment: ["XDG_CONFIG_HOME": elsewhere, "XDG_STATE_HOME": elsewhere])
            #expect((r.jsonObject["profiles"] as? [Any])?.count == 1)
            #expect(!FileManager.default.fileExists(atPath: elsewhere))
            #expect(FileManager.default.fileExists(atPath: h.path("state/audit.log")))
            // Without AMOWIDGETS_HOME the XDG variables decide.
            let xdg = try await h.run(["info", "--json"], environment: ["AMOWIDGETS_HOME": "", "XDG_CONFIG_HOME": elsewhere + "/c", "XDG_STATE_HOME": elsewhere + "/s"])
            #expect(xdg.jsonObject["config_file"] as? String == elsewhere + "/c/amowidgets/config.toml")
            #expect(xdg.jsonObject["audit_log"] as? String == elsewhere + "/s/amowidgets/audit.log")
        }

        @Test func usageErrorsExit2AndHelpDocumentsExitCodesAndExamples() async throws {
            let h = try await CLIHarness.make(sandbox: false)
            defer { Task { await h.finish() } }
            #expect(try await h.run(["list", "--page", "0"]).status == 2)
            #expect(try await h.run(["list", "--all", "--page", "2"]).status == 2)
            #expect(try await h.run(["list", "--bogus"]).status == 2)
            #expect(try await h.run(["no-such-command"]).status == 2)
            #expect(try await h.run(["login", "--token-stdin"]).status == 2)
            #expect(try await h.run(["login", "--subdomain", "bad_name!", "--token-stdin"], stdin: "x").status == 2)
            for command in ["list", "show", "install", "uninstall", "restore", "login", "logout", "profiles", "info", "log"] {
                let help = try await h.run([command, "--help"])
                #expect(help.status == 0, "\(command)")
                let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                #expect(words.contains("Exit codes: 0 success, 1 failure, 2 usage error or cancelled, 4 authentication"), "\(command)")
                #expect(help.stdout.contains("amowidgets \(command)"), "\(command)")
            }
            let completion = try await h.run(["--generate-completion-script", "bash"])
            #expect(completion.status == 0)
            #expect(completion.stdout.contains("amowidgets"))
            #expect(completion.stdout.contains("install"))
        }

        @Test func auditLogOfAFailedChangeCarriesStatusAndRequestID() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login(token: "sandbox-user-token", profile: "user")
            let r = try await h.run(["install", "tg_notes", "--set", "client_id=x"])
            #expect(r.status == 1)
            let entries = try #require(try await h.run(["log", "--json"]).jsonObject["entries"] as? [[String: Any]])
            #expect(entries.count == 1)
            #expect(entries.first?["outcome"] as? String == "failed")
            #expect(entries.first?["http_status"] as? Int == 403)
            #expect(entries.first?["profile"] as? String == "user")
            let id = try #require(entries.first?["request_id"] as? String)
            #expect(r.stderr.contains(id))
            // A hand-damaged line does not hide the others.
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: h.path("state/audit.log")))
            handle.seekToEndOfFile()
            handle.write(Data("garbage\n".utf8))
            try handle.close()
            let after = try await h.run(["log", "--json"])
            #expect((after.jsonObject["entries"] as? [Any])?.count == 1)
            #expect(after.jsonObject["unreadable_lines"] as? Int == 1)
        }
    }
}
