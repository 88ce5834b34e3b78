import Foundation
import Synchronization
import Testing

/// The issue-7 tmux suites, one at a time (each starts the debug binary per cell; on a loaded
/// machine parallel sessions starve each other and the TUI layer's own tmux tests).
@Suite(.serialized) struct ReliabilityTerminalTests {}

extension ReliabilityTerminalTests {
    /// Issue 7, signals and terminal: SIGINT, SIGTERM, SIGHUP, SIGQUIT and a forced crash (SIGABRT,
    /// SIGSEGV sent to the process) while idle, while loading (the list request held 5 s by a latency
    /// fault) and with a form open and typed into, on `amowidgets --sandbox` in tmux. Each cell asserts
    /// the exit status 128+N, the tty modes of before (echo, icanon on), the cursor visible, and no
    /// temporary or unreadable file left under AMOWIDGETS_HOME. Prints the matrix. The pane is held
    /// open after the run (E2E_HOLD) so tmux still reports the cursor's visibility.
    @Suite(.serialized) struct SignalMatrixTests {
        static let signals: [(String, Int32)] = [("INT", SIGINT), ("TERM", SIGTERM), ("HUP", SIGHUP), ("QUIT", SIGQUIT), ("ABRT", SIGABRT), ("SEGV", SIGSEGV)]
        static let states = ["idle", "loading", "form"]
        static let results = Mutex<[String: String]>([:])

        @Test(arguments: states)
        func everySignalRestoresTheTerminal(state: String) async throws {
            for (name, number) in Self.signals {
                var arguments = ["--sandbox"]
                if state == "loading" { arguments += ["--sandbox-faults", "latency:5000@GET/api/v4/widgets"] }
                let tmux = try TmuxHarness(arguments, width: 100, height: 30, environment: ["SWIFT_BACKTRACE": "enable=no", "E2E_HOLD": "5"])
                defer { tmux.close() }
                switch state {
                case "loading":
                    await tmux.waitFor("amowidgets")
                    try await Task.sleep(for: .milliseconds(400))
                    #expect(await !tmux.screen().contains("600 loaded"), "the list loaded despite the latency fault")
                case "form":
                    await tmux.waitFor("600 shown / 600 loaded")
                    try await tmux.press("/"); try await tmux.type("amo_asterisk"); try await tmux.press("Enter")
                    await tmux.waitFor("1 shown")
                    try await tmux.press("i")
                    await tmux.waitFor("Install amo_asterisk")  // the form, not the detail pane (which also shows "Логин")
                    try await tmux.type("typed-before-signal")
                    await tmux.waitFor("typed-before-signal")
                default:
                    await tmux.waitFor("600 shown / 600 loaded")
                }
                let pid = try #require(tmux.programPID())
                kill(pid, number)
                let status = await tmux.waitForExit()
                var (before, after) = tmux.sttyBeforeAndAfter()
                for _ in 0..<20 where after.isEmpty {  // stty-after is written just after exit-status
                    try await Task.sleep(for: .milliseconds(100)); (before, after) = tmux.sttyBeforeAndAfter()
                }
                // The pane is held open (E2E_HOLD) after the run: a dead pane reports no cursor at all.
                let cursor = (try? await tmux.tmux(["display-message", "-p", "-t", "e2e", "#{cursor_flag}"]))?.trimmingCharacters(in: .whitespacesAndNewlines)
                let leftovers = Self.badFiles(tmux.directory.path + "/home")
                var ok = true
                func check(_ condition: Bool, _ what: String) {
                    if !condition { ok = false; Issue.record("SIG\(name) while \(state): \(what)") }
                }
                check(status == 128 + Int(number), "exit status \(String(describing: status))")
                check(!after.isEmpty && after == before, "tty modes changed")
                check(after.contains("icanon") && after.contains("echo"), "icanon/echo off")
                check(cursor == "1", "cursor hidden (cursor_flag \(cursor ?? "?"))")
                check(leftovers.isEmpty, "files left: \(leftovers)")
                Self.results.withLock { $0["\(name)/\(state)"] = ok ? "ok" : "FAIL" }
            }
            Self.printTableIfComplete()
        }

        /// Temporary files, and JSON files that do not parse, under `home`.
        static func badFiles(_ home: String) -> [String] {
            let files = FileManager.default.enumerator(atPath: home)?.compactMap { $0 as? String } ?? []
            return files.filter { file in
                if file.contains(".tmp") || file.hasSuffix("~") { return true }
                guard file.hasSuffix(".json"), let data = FileManager.default.contents(atPath: home + "/" + file) else { return false }
                return (try? JSONSerialization.jsonObject(with: data)) == nil
            }
        }

        static func printTableIfComplete() {
            let results = Self.results.withLock { $0 }
            guard results.count == signals.count * states.count else { return }
            var table = "signal matrix (amowidgets --sandbox in tmux)\n" + "signal".padding(toLength: 8, withPad: " ", startingAt: 0)
            table += states.map { $0.padding(toLength: 9, withPad: " ", startingAt: 0) }.joined() + "\n"
            for (name, _) in signals {
                table += ("SIG" + name).padding(toLength: 8, withPad: " ", startingAt: 0)
                table += states.map { (results["\(name)/\($0)"] ?? "?").padding(toLength: 9, withPad: " ", startingAt: 0) }.joined() + "\n"
            }
            let passed = results.values.filter { $0 == "ok" }.count
            print(table + "\(passed)/\(results.count) cells passed")
        }
    }
}
