import AmoSandbox
import Foundation
import Testing

extension CLITests {
    /// Issue 11 on the command line: a reconfigure merges onto the known settings or refuses, dry runs
    /// check what the real request checks, restore asks before replacing, the log says what it found.
    @Suite struct CLIChangeSafetyTests {
        @Test func aReconfigureMergesOntoTheSettingsSentFromHere() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login()
            let first = try await h.run(["install", "amo_asterisk", "--set", "login=admin", "--set", "password=pw-1",
                                         "--set", "script_path=https://pbx.example.com/", "--set", "phones.504141=101"])
            #expect(first.status == 0, "\(first.stderr)")
            // The admin's token does not get amo_asterisk's settings back: the record of what was sent is the base.
            let second = try await h.run(["install", "amo_asterisk", "--set", "script_path=https://new.example.com/"])
            #expect(second.status == 0, "\(second.stderr)")
            #expect(second.stderr.contains("Merging onto the current settings of amo_asterisk as sent from here just now (4 keys)"),
                    "\(second.stderr)")
            let stored = try #require(h.sandbox?.installedSettings(code: "amo_asterisk"))
            #expect(stored["login"]?.stringValue == "admin")
            #expect(stored["password"]?.stringValue == "pw-1")
            #expect(stored["script_path"]?.stringValue == "https://new.example.com/")
        }

        @Test func aReconfigureWithNothingKnownIsRefusedUnlessReplaceAll() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login()
            let set = ["--set", "credentials.504141.login=ivan", "--set", "credentials.504141.password=pw-2"]
            let refused = try await h.run(["install", "wix_mailer"] + set)
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("replace ALL of them") && refused.stderr.contains("--replace-all"), "\(refused.stderr)")
            #expect(h.sandbox?.installedSettings(code: "wix_mailer")?["credentials"] == nil)
            let log = try await h.run(["log", "--json"])
            #expect((log.jsonObject["entries"] as? [Any])?.isEmpty == true, "nothing sent, nothing audited")
            let replaced = try await h.run(["install", "wix_mailer", "--replace-all"] + set)
            #expect(replaced.status == 0, "\(replaced.stderr)")
            #expect(h.sandbox?.installedSettings(code: "wix_mailer")?["credentials"]?["504141"]?["login"]?.stringValue == "ivan")
        }

        @Test func aDryRunChecksUserIdsAgainstTheAccountAndSaysEachErrorOnce() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login()
            let dry = try await h.run(["install", "crm_tasks", "--dry-run", "--set", "extensions.999=100"])
            #expect(dry.status == 2, "\(dry.stdout)\(dry.stderr)")
            #expect(dry.stderr.contains("extensions.999: the account has no user with id 999"), "\(dry.stderr)")
            #expect(dry.stderr.components(separatedBy: "999").count - 1 == 2, "once, naming the key and the id: \(dry.stderr)")
            #expect(dry.stdout.isEmpty)
            let real = try await h.run(["install", "crm_tasks", "--set", "extensions.999=100"])
            #expect(real.status == 2)
            #expect(h.sandbox?.installedCodes.contains("crm_tasks") == false)
            let ok = try await h.run(["install", "crm_tasks", "--dry-run", "--set", "extensions.504141=100"])
            #expect(ok.status == 0, "\(ok.stderr)")
        }

        @Test func uninstallSaysWhenNothingCanBeBackedUp() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login()
            let r = try await h.run(["uninstall", "wix_mailer", "--yes"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.contains("warning: No settings are known for wix_mailer here: nothing can be backed up, and they are lost on uninstall."),
                    "\(r.stderr)")
            #expect(!r.stderr.contains("Backup:"))
        }

        @Test func restoreOntoAnInstalledWidgetNeedsYesOffATerminal() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login()
            #expect(try await h.run(["install", "tg_notes", "--set", "client_id=111"]).status == 0)
            #expect(try await h.run(["uninstall", "tg_notes", "--yes"]).status == 0)
            #expect(try await h.run(["install", "tg_notes", "--set", "client_id=222"]).status == 0)
            let refused = try await h.run(["restore", "tg_notes"])
            #expect(refused.status == 2, "\(refused.stderr)")
            #expect(refused.stderr.contains("tg_notes is installed: restoring replaces all its settings; pass --yes"), "\(refused.stderr)")
            #expect(h.sandbox?.installedSettings(code: "tg_notes")?["client_id"]?.stringValue == "222")
            let restored = try await h.run(["restore", "tg_notes", "--yes"])
            #expect(restored.status == 0, "\(restored.stderr)")
            #expect(h.sandbox?.installedSettings(code: "tg_notes")?["client_id"]?.stringValue == "111")
        }

        @Test func logForACodeWithoutEntriesSaysSoAndCountsTheRest() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login()
            #expect(try await h.run(["install", "tg_notes", "--set", "client_id=1"]).status == 0)
            let r = try await h.run(["log", "--code", "nope"])
            #expect(r.status == 0)
            #expect(r.stderr.contains("No audit entries for nope (1 entry in "), "\(r.stderr)")
            #expect(!r.stderr.contains("empty"))
        }
    
        /// Signals the process once the sandbox has seen its first `POST path` (the change is in flight).
        static func interrupt(_ h: CLIHarness, path: String, times: Int) -> @Sendable (Int32) -> Void {
            let sandbox = h.sandbox
            return { pid in
                Task.detached {
                    for _ in 0..<400 where (sandbox?.requestCount(method: "POST", path: path) ?? 0) == 0 {
                        try? await Task.sleep(for: .milliseconds(25))
                    }
                    for _ in 0..<times {
                        kill(pid, SIGINT)
                        try? await Task.sleep(for: .milliseconds(300))
                    }
                }
            }
        }

        @Test func ctrlCDuringAChangeWaitsForItsAnswerAndASecondOneRecordsItAsUnknown() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login()
            h.sandbox?.setFaults(try FaultSpec(parsing: "latency:2500@POST/api/v4/widgets"))
            let waited = try await h.run(["install", "tg_notes", "--set", "client_id=5"],
                                         started: Self.interrupt(h, path: "/api/v4/widgets/tg_notes", times: 1))
            #expect(waited.status == 0, "\(waited.stderr)")
            #expect(waited.stderr.contains("Waiting for the answer to the install of tg_notes"), "\(waited.stderr)")
            let left = try await h.run(["install", "amo_scoring"],
                                       started: Self.interrupt(h, path: "/api/v4/widgets/amo_scoring", times: 2))
            #expect(left.status == 128 + SIGINT, "\(left.stderr)")
            #expect(left.stderr.contains("recorded as unknown"), "\(left.stderr)")
            let log = try await h.run(["log", "--json"])
            let outcomes = (log.jsonObject["entries"] as? [[String: Any]] ?? []).map { "\($0["widget_code"] ?? "")/\($0["outcome"] ?? "")" }
            #expect(outcomes == ["tg_notes/ok", "amo_scoring/unknown"])
        }
    
        @Test func aSettingsFileKeyTheTemplateLacksIsRefusedAndYesSaysWhatIsBackedUp() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login()
            let file = h.path("settings.json")
            try #"{"client_id": "1", "extra_key": true}"#.write(toFile: file, atomically: true, encoding: .utf8)
            let refused = try await h.run(["install", "tg_notes", "--settings-file", file, "--dry-run"])
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("tg_notes has no setting `extra_key`"), "\(refused.stderr)")
            #expect(try await h.run(["install", "tg_notes", "--set", "client_id=1"]).status == 0)
            let r = try await h.run(["uninstall", "tg_notes", "--yes"])
            #expect(r.stderr.contains("Its 1 known setting (as sent from here just now) is backed up first."), "\(r.stderr)")
        }
    }
}
