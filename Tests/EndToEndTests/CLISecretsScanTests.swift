import AmoSandbox
import Foundation
import Testing

extension CLITests {
    /// Issue 7, secrets on the command line: a planted `pass` value goes in through a settings file;
    /// stdout and stderr of install, show (text and --json), list, log, info, uninstall and restore,
    /// and every file under the home except the credential file, the backups and the sent records
    /// (which must hold it) are searched: zero hits. The uninstall backup holding it is the positive control (no command that prints settings takes
    /// --show-secrets: `show` gets no settings from the API).
    @Suite struct CLISecretsScanTests {
        @Test func aPlantedPasswordAppearsOnlyWhenAskedFor() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login()
            let secret = "cli-S3CRET-5e7d21"
            let file = h.path("in.json")
            try #"{"password": "\#(secret)", "login": "admin", "script_path": "https://pbx.example.com/", "phones": {"504141": "1039"}}"#.write(toFile: file, atomically: true, encoding: .utf8)
            var outputs: [(String, String)] = []
            for args in [["install", "amo_asterisk", "--settings-file", file, "--json"], ["show", "amo_asterisk"],
                         ["show", "amo_asterisk", "--json"], ["list", "--installed", "--json"], ["list", "--installed"],
                         ["log"], ["log", "--json"], ["info"], ["uninstall", "amo_asterisk", "--yes", "--json"],
                         ["restore", "amo_asterisk", "--json"], ["show", "amo_asterisk", "--json", "--log-level", "trace"]] {
                let r = try await h.run(args)
                outputs.append((args.joined(separator: " "), r.stdout + "\n" + r.stderr))
            }
            #expect(h.sandbox?.installedSettings(code: "amo_asterisk")?["password"]?.stringValue == secret, "\(outputs[0].1.prefix(400)) // \(outputs[9].1.prefix(300))")
            var hits = 0
            for (command, text) in outputs where text.contains(secret) { hits += 1; Issue.record("secret in output of `\(command)`") }
            let files = FileManager.default.enumerator(atPath: h.home.path)?.compactMap { $0 as? String } ?? []
            let allowed = Set(files.filter { $0.contains("credentials/") || $0.contains("backups/") || $0.contains("sent/") || $0 == "in.json" })
            let rest = h.allFileText(excluding: allowed)
            // Positive control: the program did handle the secret (the uninstall backup holds it).
            let backups = files.filter { $0.contains("backups/") }.map { h.read($0) }.joined()
            #expect(backups.contains(secret), "the backup lacks the planted secret: the scan could not see a leak")
            if rest.contains(secret) { hits += 1; Issue.record("secret in a file outside credentials/backups/sent") }
            #expect(outputs.count == 11)
            print("CLI secrets scan: \(outputs.count) commands, \(files.count - allowed.count) files; \(hits) found")
        }
    }
}
