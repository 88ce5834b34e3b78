import Foundation
import Testing

/// The terminal layer against the real binary in tmux, through the hidden key-test screen
/// (`--debug-keys`, no network): key decoding in a real terminal, resize, the cursor, zero idle CPU,
/// and the terminal restored after quitting, SIGTERM, SIGHUP and SIGQUIT, and a crash signal.
@Suite(.serialized) struct TerminalRestoreTests {
    /// Asserts the tty flags after the run equal those before it, and that cooked mode is back.
    private func expectRestored(_ tmux: TmuxHarness, sourceLocation: SourceLocation = #_sourceLocation) {
        let (before, after) = tmux.sttyBeforeAndAfter()
        #expect(!after.isEmpty, "no stty -a output after the run", sourceLocation: sourceLocation)
        #expect(after == before, sourceLocation: sourceLocation)
        for flag in ["icanon", "echo", "isig", "ixon", "icrnl"] {
            #expect(after.contains(flag), "\(flag) is off after the run", sourceLocation: sourceLocation)
        }
    }

    @Test func keysDecodeInARealTerminalAndQuitRestoresIt() async throws {
        let tmux = try TmuxHarness(["--debug-keys"], width: 80, height: 24)
        defer { tmux.close() }
        await tmux.waitFor("amowidgets key test ─ 80x24")
        try await tmux.press("Up", "PageDown", "BTab", "F5", "Home", "End", "C-s", "M-x", "C-Left", "M-Up")
        try await tmux.type("Логин")
        // M-x is Esc then x (the program binds no Alt keys; a quick Esc, x over SSH looks the same).
        await tmux.waitFor("typed: xЛогин")
        let screen = await tmux.waitFor("key char(\"н\")")
        for line in ["key up", "key pageDown", "key backTab", "key function(5)", "key home", "key end",
                     "key ctrl(\"s\")", "key escape", "key char(\"x\")", "key char(\"Л\")"] {
            #expect(screen.contains(line), "missing \(line)")
        }
        try await tmux.press("BSpace")
        await tmux.waitForScreen("the last letter erased") {
            $0.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "typed: xЛоги" }
        }
        try await tmux.press("C-c")
        #expect(await tmux.waitForExit() == 0)
        expectRestored(tmux)
    }

    @Test func resizeRelaysOutAndIdleCPUIsZero() async throws {
        let tmux = try TmuxHarness(["--debug-keys"], width: 80, height: 24)
        defer { tmux.close() }
        await tmux.waitFor("key test ─ 80x24")
        try await tmux.resize(width: 60, height: 20)
        await tmux.waitFor("key test ─ 60x20")
        try await tmux.resize(width: 80, height: 24)
        await tmux.waitFor("resize 80x24")
        let pid = try #require(tmux.programPID())
        let start = try #require(TmuxHarness.cpuTicks(pid))
        try await Task.sleep(for: .seconds(2))
        let end = try #require(TmuxHarness.cpuTicks(pid))
        #expect(end - start <= 5, "an idle UI used \(end - start) ticks in 2 s: busy polling?")
        try await tmux.press("C-c")
        #expect(await tmux.waitForExit() == 0)
        expectRestored(tmux)
    }

    @Test(arguments: [("TERM", Int32(15)), ("HUP", 1), ("QUIT", 3), ("SEGV", 11)])
    func signalRestoresTheTerminal(name: String, number: Int32) async throws {
        // The Swift runtime's backtracer would take long to symbolicate on a loaded machine; our handler
        // runs before it either way, so it is off here to keep the test fast.
        let tmux = try TmuxHarness(["--debug-keys"], width: 80, height: 24, environment: ["SWIFT_BACKTRACE": "enable=no"])
        defer { tmux.close() }
        await tmux.waitFor("amowidgets key test")
        let pid = try #require(tmux.programPID())
        kill(pid, number)
        let status = await tmux.waitForExit()
        #expect(status == 128 + Int(number), "SIG\(name)")
        expectRestored(tmux)
    }

    @Test func closingThePaneEndsTheProgram() async throws {
        let tmux = try TmuxHarness(["--debug-keys"], width: 80, height: 24)
        defer { tmux.close() }
        await tmux.waitFor("amowidgets key test")
        let pid = try #require(tmux.programPID())
        try await tmux.tmux(["kill-pane", "-t", "e2e"])
        let end = ContinuousClock.now + TmuxHarness.deadline
        while TmuxHarness.isRunning(pid), ContinuousClock.now < end { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!TmuxHarness.isRunning(pid), "amowidgets kept running after its terminal went away")
    }

    @Test func nonUTF8LocaleDrawsASCII() async throws {
        let tmux = try TmuxHarness(["--debug-keys"], width: 80, height: 24, environment: ["LANG": "C", "LC_ALL": "C"])
        defer { tmux.close() }
        let screen = await tmux.waitFor("amowidgets key test")
        #expect(!screen.contains("\u{FFFD}"))
        try await tmux.press("C-c")
        #expect(await tmux.waitForExit() == 0)
        expectRestored(tmux)
    }
}
