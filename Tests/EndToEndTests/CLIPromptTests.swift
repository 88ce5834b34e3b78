import Foundation
import Testing

extension CLITests {
    /// Prompts on a real terminal: the binary runs inside a detached tmux session; the test types with
    /// `send-keys` and reads the screen with `capture-pane`.
    @Suite struct CLIPromptTests {
        /// One tmux session running `arguments` with the harness's environment; its exit status goes to a file.
        struct TmuxRun {
            let name: String
            let statusFile: String
            /// Where tmux's output files go (the harness's home).
            let scratch: URL

            init(_ h: CLIHarness, _ arguments: [String]) throws {
                let name = "aw-cli-\(UUID().uuidString.prefix(8))"
                self.name = name
                statusFile = h.path("tmux-status-\(name)")
                scratch = h.home
                let quoted = ([Binary.url.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
                let command = "env AMOWIDGETS_HOME='\(h.home.path)' LANG=C.UTF-8 \(quoted.joined(separator: " ")); echo $? > '\(statusFile)'; sleep 30"
                try tmux(["new-session", "-d", "-s", name, "-x", "150", "-y", "40", command])
            }

            /// Types `keys` (tmux key names or literal text with `literal`).
            func send(_ keys: String, literal: Bool = false) throws {
                try tmux(["send-keys", "-t", name] + (literal ? ["-l", keys] : [keys]))
            }

            /// The visible screen.
            func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

            /// Waits (up to 10 s) until the screen contains `text`; returns the screen.
            @discardableResult
            func waitFor(_ text: String) async throws -> String {
                for _ in 0..<200 {
                    let s = try screen()
                    if s.contains(text) { return s }
                    try await Task.sleep(for: .milliseconds(50))
                }
                Issue.record("timed out waiting for \(text); screen:\n\(try screen())")
                return try screen()
            }

            /// Waits (up to 10 s) for the command's exit status.
            func status() async throws -> Int? {
                for _ in 0..<200 {
                    if let s = try? String(contentsOfFile: statusFile, encoding: .utf8), let n = Int(s.trimmingCharacters(in: .whitespacesAndNewlines)) {
                        return n
                    }
                    try await Task.sleep(for: .milliseconds(50))
                }
                return nil
            }

            /// Ends the run: its tmux server (and the program in the pane) goes away.
            func kill() { _ = try? tmux(["kill-server"]) }

            /// Runs a tmux command on this run's own server (`-L name`; see `TmuxCommand`).
            @discardableResult
            func tmux(_ args: [String]) throws -> String {
                let outcome = try TmuxCommand.run(socket: name, args, scratch: scratch)
                if outcome.timedOut { throw POSIXError(.ETIMEDOUT) }
                return outcome.output
            }
        }

        @Test func installAsksForMissingFieldsAndHidesThePassword() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login()
            let t = try TmuxRun(h, ["install", "amo_asterisk", "--set", "login=admin", "--set", "script_path=https://x/"])
            defer { t.kill() }
            try await t.waitFor("(hidden):")
            try t.send("typed-s3cret", literal: true)
            try t.send("Enter")
            // users: the users are chosen in one answer (ids or names), then only their values are asked.
            try await t.waitFor("Users for phones (ids or names, comma-separated; all; empty = none):")
            try t.send("Enter")  // none: the field is required, so it is asked again
            try await t.waitFor("phones is required: choose at least one user")
            try t.send("Bob", literal: true)
            try t.send("Enter")
            try await t.waitFor("no user named \"Bob\"")
            try t.send("иван", literal: true)
            try t.send("Enter")
            try await t.waitFor("Extension for Иван Петров (id 504141):")
            try t.send("1039", literal: true)
            try t.send("Enter")
            let screen = try await t.waitFor("Installed amo_asterisk")
            #expect(try await t.status() == 0, "\(screen)")
            #expect(!screen.contains("typed-s3cret"))
            #expect(screen.components(separatedBy: "Extension for").count == 2, "one value asked: \(screen)")
            let stored = try #require(h.sandbox?.installedSettings(code: "amo_asterisk"))
            #expect(stored["password"]?.stringValue == "typed-s3cret")
            #expect(stored["phones"]?["504141"]?.stringValue == "1039")
            #expect(stored["phones"]?.objectValue?.count == 1)
        }

        @Test func uninstallAsksAndNoKeepsTheWidget() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login()
            #expect(try await h.run(["install", "tg_notes", "--set", "client_id=1"]).status == 0)
            let t = try TmuxRun(h, ["uninstall", "tg_notes"])
            defer { t.kill() }
            try await t.waitFor("Uninstall tg_notes from")
            try t.send("n", literal: true)
            try t.send("Enter")
            #expect(try await t.status() == 2)
            #expect(h.sandbox?.installedCodes.contains("tg_notes") == true)
            // Ctrl-C at a prompt cancels cleanly too (exit 2, terminal mode restored by the program).
            let t2 = try TmuxRun(h, ["uninstall", "tg_notes"])
            defer { t2.kill() }
            try await t2.waitFor("[y/N]")
            try t2.send("C-c")
            #expect(try await t2.status() == 2)
            #expect(h.sandbox?.requestCount(method: "DELETE", path: "/api/v4/widgets/tg_notes") == 0)
        }
    }
}
