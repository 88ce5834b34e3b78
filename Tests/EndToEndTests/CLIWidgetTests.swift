import AmoSandbox
import Foundation
import Testing

extension CLITests {
    /// `list`, `show`, `install` (with --dry-run), `uninstall`, `restore` and `log` against a sandbox.
    @Suite struct CLIWidgetTests {
        @Test func listPagesAllPagesAndInstalledOnly() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login()
            let page = try await h.run(["list", "--json", "--limit", "50", "--page", "2"])
            #expect(page.status == 0, "\(page.stderr)")
            #expect(page.jsonObject["page"] as? Int == 2)
            #expect(page.jsonObject["next_page"] as? Int == 3)
            #expect((page.jsonObject["widgets"] as? [Any])?.count == 50)
            let all = try await h.run(["list", "--all", "--json", "--limit", "250"])
            let widgets = try #require(all.jsonObject["widgets"] as? [[String: Any]])
            #expect(widgets.count == h.sandbox?.widgetCount)
            #expect(all.jsonObject["page"] is NSNull)
            let installed = try await h.run(["list", "--installed", "--json"])
            let codes = (installed.jsonObject["widgets"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(codes.sorted() == h.sandbox?.installedCodes)
            #expect(!codes.isEmpty)
            let filtered = try await h.run(["list", "--filter", "ASTERISK"])
            #expect(filtered.status == 0)
            // The TUI list's columns, in its order (tab-separated: stdout is not a terminal here).
            let titles = filtered.stdout.split(separator: "\n").first?.split(separator: "\t").map(String.init)
            #expect(titles == ["CODE", "VERSION", "RATING", "FLAGS", "FIELDS"])
            // Sorted by code as the TUI's list is (ignoring case), flags one letter per position.
            let rows = try await h.run(["list", "--page", "1", "--limit", "50"])
            let listed = rows.stdout.split(separator: "\n").dropFirst().compactMap { $0.split(separator: "\t").first.map(String.init) }
            #expect(listed.count == 50 && listed == listed.sorted { $0.lowercased() < $1.lowercased() })
            let jsonCodes = (page.jsonObject["widgets"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(jsonCodes == jsonCodes.sorted { $0.lowercased() < $1.lowercased() })
            let installedRows = try await h.run(["list", "--installed"])
            #expect(installedRows.stdout.split(separator: "\n").dropFirst().allSatisfy { $0.split(separator: "\t")[3].hasPrefix("I") },
                    "\(installedRows.stdout)")
            #expect(filtered.stdout.contains("amo_asterisk"))
            #expect(!filtered.stdout.contains("amo_dropbox"))
        }

        @Test func showPrintsTheTemplateAndAMissingWidgetGivesTheServersDetail() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login()
            let r = try await h.run(["show", "amo_asterisk", "--json"])
            #expect(r.status == 0)
            let template = try #require(r.jsonObject["settings_template"] as? [[String: Any]])
            #expect(template.compactMap { $0["key"] as? String } == ["login", "password", "phones", "script_path"])
            let text = try await h.run(["show", "amo_asterisk"])
            #expect(text.stdout.contains("Settings template (4)"))
            #expect(text.stdout.contains("password") && text.stdout.contains("pass"))
            // Installed, but the admin's token does not get the settings back: said, not left blank.
            #expect(try await h.run(["install", "tg_notes", "--set", "client_id=1"]).status == 0)
            let installed = try await h.run(["show", "tg_notes"])
            #expect(installed.stdout.contains("Settings: not shown by the server"), "\(installed.stdout)")
            #expect(!text.stdout.contains("not shown by the server"), "amo_asterisk is not installed")
            let missing = try await h.run(["show", "no_such_widget"])
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("404"))
            #expect(missing.stderr.contains("request"))
        }

        @Test func installSendsSettingsMasksSecretsAndAudits() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login()
            let file = h.path("secret.json")
            try #"{"password": "eXaMp1E-secret"}"#.write(toFile: file, atomically: true, encoding: .utf8)
            let r = try await h.run(["install", "amo_asterisk", "--settings-file", file, "--set", "login=admin",
                               "--set", "script_path=https://pbx.example.com/", "--set", "phones.504141=1039", "--json"])
            #expect(r.status == 0, "\(r.stderr)")
            let stored = try #require(h.sandbox?.installedSettings(code: "amo_asterisk"))
            #expect(stored["password"]?.stringValue == "eXaMp1E-secret")
            #expect(stored["phones"]?["504141"]?.stringValue == "1039")
            #expect(r.jsonObject["is_active_in_account"] as? Bool == true)
            #expect((r.jsonObject["settings"] as? [String: Any])?["login"] as? String == "admin")
            // The secret appears nowhere but the sandbox and the 0600 records of what was sent.
            #expect(!r.stdout.contains("eXaMp1E-secret") && !r.stderr.contains("eXaMp1E-secret"))
            #expect(!h.read("state/audit.log").contains("eXaMp1E-secret"))
            let log = try await h.run(["log", "--json"])
            let entries = try #require(log.jsonObject["entries"] as? [[String: Any]])
            #expect(entries.count == 1)
            #expect(entries.first?["action"] as? String == "install")
            #expect(entries.first?["outcome"] as? String == "ok")
            #expect(entries.first?["http_status"] as? Int == 200)
            // The request id is the one the sandbox issued for this POST, in --json and in the audit log.
            let post = try #require(h.sandbox?.recordedRequests.last { $0.method == "POST" && $0.path == "/api/v4/widgets/amo_asterisk" })
            #expect(post.requestID.count == 32)
            #expect(r.jsonObject["request_id"] as? String == post.requestID)
            #expect(entries.first?["request_id"] as? String == post.requestID)
            #expect(r.stderr.contains("request id \(post.requestID)"))
            #expect(entries.first?["settings_keys"] as? [String] == ["login", "password", "phones", "script_path"])
            #expect(!log.stdout.contains("eXaMp1E-secret"))
            // A second install is a reconfigure.
            let again = try await h.run(["install", "amo_asterisk", "--settings-file", file, "--set", "login=root",
                                   "--set", "script_path=https://pbx.example.com/", "--set", "phones.504141=1040"])
            #expect(again.status == 0, "\(again.stderr)")
            let text = try await h.run(["log"])
            #expect(text.stdout.contains("reconfigure"))
            // --show-secrets is the one way to print them.
            let shown = try await h.run(["install", "amo_asterisk", "--dry-run", "--settings-file", file, "--set", "login=root",
                                   "--set", "script_path=x", "--set", "phones.504141=1"])
            #expect(!shown.stdout.contains("eXaMp1E-secret"))
        }

        @Test func missingRequiredSettingsOffATerminalAreAnErrorAndNothingIsSent() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login()
            let r = try await h.run(["install", "amo_asterisk", "--set", "login=admin"])
            #expect(r.status == 2)
            #expect(r.stderr.contains("password") && r.stderr.contains("phones") && r.stderr.contains("script_path"))
            #expect(h.sandbox?.requestCount(method: "POST", path: "/api/v4/widgets/amo_asterisk") == 0)
            let badKey = try await h.run(["install", "amo_asterisk", "--set", "nope=1"])
            #expect(badKey.status == 2)
            #expect(badKey.stderr.contains("login"))
            let badJSON = try await h.run(["install", "amo_dropbox", "--set", "conf={not json"])
            #expect(badJSON.status == 2)
            let badUser = try await h.run(["install", "amo_asterisk", "--set", "phones.ivan=1"])
            #expect(badUser.status == 2)
            #expect(h.sandbox?.totalRequestCount ?? 0 < 10)
            #expect(h.sandbox?.requestCount(method: "POST", path: "/api/v4/widgets/amo_dropbox") == 0)
        }

        @Test func dryRunPrintsTheRequestMaskedAndSendsNothing() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login()
            let before = h.sandbox?.installedCodes
            let r = try await h.run(["install", "amo_asterisk", "--dry-run", "--json", "--set", "login=admin", "--set", "password=hunter2-secret",
                               "--set", "script_path=https://x/", "--set", "phones.504141=1039"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.jsonObject["method"] as? String == "POST")
            #expect((r.jsonObject["url"] as? String)?.hasSuffix("/api/v4/widgets/amo_asterisk") == true)
            let body = try #require(r.jsonObject["body"] as? [String: Any])
            #expect(body["login"] as? String == "admin")
            #expect(body["password"] as? String != nil && body["password"] as? String != "hunter2-secret")
            #expect(!r.stdout.contains("hunter2-secret") && !r.stderr.contains("hunter2-secret"))
            #expect(h.sandbox?.requestCount(method: "POST", path: "/api/v4/widgets/amo_asterisk") == 0)
            #expect(h.sandbox?.installedCodes == before)
            #expect(h.read("state/audit.log").isEmpty)
        }

        @Test func uninstallConfirmsBacksUpAndRestoreBringsItBack() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login()
            let install = try await h.run(["install", "tg_notes", "--set", "client_id=bot-42"])
            #expect(install.status == 0, "\(install.stderr)")
            // Off a terminal, no --yes: refused, nothing deleted.
            let refused = try await h.run(["uninstall", "tg_notes"])
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("--yes"))
            #expect(h.sandbox?.requestCount(method: "DELETE", path: "/api/v4/widgets/tg_notes") == 0)
            let ro = try await h.run(["uninstall", "tg_notes", "--yes", "--readonly"])
            #expect(ro.status == 2)
            let r = try await h.run(["uninstall", "tg_notes", "--yes", "--json"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(h.sandbox?.installedCodes.contains("tg_notes") == false)
            let backup = try #require(r.jsonObject["backup"] as? String)
            #expect(backup.hasPrefix(h.home.path + "/data/backups/"))
            #expect(try String(contentsOfFile: backup, encoding: .utf8).contains("bot-42"))
            #expect(r.stderr.contains(backup))
            let delete = try #require(h.sandbox?.recordedRequests.last { $0.method == "DELETE" && $0.path == "/api/v4/widgets/tg_notes" })
            #expect(delete.status == 204 && delete.requestID.count == 32)
            #expect(r.jsonObject["request_id"] as? String == delete.requestID)
            let restored = try await h.run(["restore", "tg_notes", "--json"])
            #expect(restored.status == 0, "\(restored.stderr)")
            #expect(h.sandbox?.installedSettings(code: "tg_notes")?["client_id"]?.stringValue == "bot-42")
            let entries = try await h.run(["log", "--json"]).jsonObject["entries"] as? [[String: Any]] ?? []
            #expect(entries.compactMap { $0["action"] as? String } == ["install", "uninstall", "restore"])
            #expect(entries.count == 3 && entries[1]["request_id"] as? String == delete.requestID && entries[1]["http_status"] as? Int == 204)
            let restorePost = try #require(h.sandbox?.recordedRequests.last { $0.method == "POST" && $0.path == "/api/v4/widgets/tg_notes" })
            #expect(entries.count == 3 && entries[2]["request_id"] as? String == restorePost.requestID)
            #expect(restored.jsonObject["request_id"] as? String == restorePost.requestID)
            // The restore was recorded as sent: the next uninstall backs the same settings up again.
            let second = try await h.run(["uninstall", "tg_notes", "--yes", "--json"])
            let again = try #require(second.jsonObject["backup"] as? String)
            #expect(again != backup)
            #expect(try String(contentsOfFile: again, encoding: .utf8).contains("bot-42"))
            let none = try await h.run(["restore", "amo_dropbox"])
            #expect(none.status == 1)
            #expect(none.stderr.contains("no backup"))
        }

        @Test func showMasksSettingsUnlessShowSecretsAndUsersLPTakesLoginAndPassword() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            // The widget's own integration token is the one that gets `settings` back from GET.
            let env = ["AMO_TOKEN": "sandbox-integration-token-1", "AMO_BASE_URL": h.baseURL]
            let masked = try await h.run(["show", "zadarma_export", "--json"], environment: env)
            #expect(masked.status == 0, "\(masked.stderr)")
            let secret = try #require((masked.jsonObject["settings"] as? [String: Any])?["secret"] as? String)
            let shown = try await h.run(["show", "zadarma_export", "--json", "--show-secrets"], environment: env)
            let clear = try #require((shown.jsonObject["settings"] as? [String: Any])?["secret"] as? String)
            #expect(secret != clear)
            // One mask width whatever the secret's length: --json 8 bullets, text in a C locale 8 asterisks.
            #expect(secret == "••••••••" && clear.count != 8)
            let ascii = try await h.run(["show", "zadarma_export"], environment: env.merging(["LANG": "C", "LC_ALL": "C"]) { $1 })
            #expect(ascii.stdout.contains("secret = \"********\"\n"), "\(ascii.stdout)")
            #expect(!masked.stdout.contains(clear) && !masked.stderr.contains(clear))
            let text = try await h.run(["show", "zadarma_export"], environment: env)
            #expect(text.stdout.contains("secret = ") && !text.stdout.contains(clear))
            // users_lp: per user a login and a password, the password never printed.
            try await h.login()
            let r = try await h.run(["install", "onec_tasks", "--set", "accounts.504141.login=ivan",
                                     "--set", "accounts.504141.password=lp-Pa55word", "--json"])
            #expect(r.status == 0, "\(r.stderr)")
            let stored = try #require(h.sandbox?.installedSettings(code: "onec_tasks"))
            #expect(stored["accounts"]?["504141"]?["login"]?.stringValue == "ivan")
            #expect(stored["accounts"]?["504141"]?["password"]?.stringValue == "lp-Pa55word")
            #expect(!r.stdout.contains("lp-Pa55word") && !r.stderr.contains("lp-Pa55word"))
            #expect(!h.read("state/audit.log").contains("lp-Pa55word"))
            // On the installed widget a new password goes on top of the login sent before (the merge rule).
            let half = try await h.run(["install", "onec_tasks", "--set", "accounts.504141.password=x"])
            #expect(half.status == 0, "\(half.stderr)")
            #expect(h.sandbox?.installedSettings(code: "onec_tasks")?["accounts"]?["504141"]?["login"]?.stringValue == "ivan")
            #expect(h.sandbox?.installedSettings(code: "onec_tasks")?["accounts"]?["504141"]?["password"]?.stringValue == "x")
            // A login with an empty or absent password is refused per user, naming the field.
            let posts = h.sandbox?.requestCount(method: "POST", path: "/api/v4/widgets/onec_tasks")
            let empty = try await h.run(["install", "onec_tasks", "--set", "accounts.504142.login=anna", "--set", "accounts.504142.password="])
            #expect(empty.status == 2)
            #expect(empty.stderr.contains("accounts.504142: password missing: a user with a login needs a password"), "\(empty.stderr)")
            let absent = try await h.run(["install", "onec_tasks", "--set", "accounts.504142.login=anna"])
            #expect(absent.status == 2)
            #expect(absent.stderr.contains("accounts.504142: password missing"), "\(absent.stderr)")
            #expect(h.sandbox?.requestCount(method: "POST", path: "/api/v4/widgets/onec_tasks") == posts)
        }
    }
}
