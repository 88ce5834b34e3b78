import Foundation
import Testing

/// Bracketed paste mode is on while the screen is up and off on every way out — quit, SIGTERM,
/// SIGINT, SIGHUP, Ctrl-Z — seen as the shell would see it: after the program, the pane's tty is in
/// cooked mode with echo, so a `paste-buffer -p` shows `^[[200~` around the text only if the
/// program left mode 2004 on. Through the key-test screen (`--debug-keys`, no network).
@Suite(.serialized) struct PasteModeRestoreTests {
    enum Way: String, CaseIterable, Sendable { case quit, sigterm, sigint, sighup }

    /// True when a bracketed paste reached the tty's echo as its escape sequence (the mode is on).
    private func echoedMarkers(_ screen: String) -> Bool { screen.contains("[200~") || screen.contains("[201~") }

    @Test(arguments: Way.allCases)
    func theModeIsOffAfterTheProgramEnds(way: Way) async throws {
        let tmux = try TmuxHarness(["--debug-keys"], width: 80, height: 24, environment: ["E2E_HOLD": "20"])
        defer { tmux.close() }
        await tmux.waitFor("amowidgets key test ─ 80x24")
        try await tmux.paste("inside\nthe screen")
        await tmux.waitFor("paste 17 scalars, 17 bytes: inside⏎the screen")  // on while up: one paste event
        let pid = try #require(tmux.programPID())
        switch way {
        case .quit: try await tmux.press("C-c")
        case .sigterm: kill(pid, SIGTERM)
        case .sigint: kill(pid, SIGINT)
        case .sighup: kill(pid, SIGHUP)
        }
        #expect(await tmux.waitForExit() != nil)
        try await tmux.paste("after-exit-\(way.rawValue)")
        let screen = await tmux.waitFor("after-exit-\(way.rawValue)")
        #expect(!echoedMarkers(screen), "bracketed paste still on after \(way):\n\(screen)")
    }

    @Test func theModeIsOffWhileSuspendedAndOnAgainAfterFg() async throws {
        let tmux = try TmuxHarness(["--debug-keys"], width: 80, height: 24, shell: true)
        defer { tmux.close() }
        await tmux.waitFor("amowidgets key test ─ 80x24")
        try await tmux.type("typed")
        await tmux.waitFor("typed: typed")
        try await tmux.press("C-z")
        await tmux.waitForScreen("the shell's job message") { $0.contains("Stopped") && $0.contains("$ ") }
        // While stopped, `cat -v` shows exactly what a paste sends (readline is told to leave the mode alone).
        try await tmux.type("echo cat-rea''dy; cat -v > pasted")
        try await tmux.press("Enter")
        await tmux.waitFor("cat-ready")  // the echo's output, not the command line
        try await Task.sleep(for: .milliseconds(300))  // cat is reading (else readline would take the paste)
        try await tmux.paste("while-stopped")
        try await tmux.press("Enter", "C-d")
        let file = tmux.directory.appendingPathComponent("pasted")
        var pasted = ""
        let end = ContinuousClock.now + .seconds(10)
        while !pasted.contains("while-stopped"), ContinuousClock.now < end {
            try await Task.sleep(for: .milliseconds(100))
            pasted = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        }
        #expect(pasted.contains("while-stopped"), "cat did not record the paste")
        #expect(!echoedMarkers(pasted), "bracketed paste was on while stopped: \(pasted)")
        try await tmux.type("fg")
        try await tmux.press("Enter")
        await tmux.waitForScreen("the key test again") { $0.contains("amowidgets key test") && $0.contains("typed: typed") }
        try await tmux.paste("back")
        await tmux.waitFor("paste 4 scalars, 4 bytes: back")
        try await tmux.press("C-c")
        #expect(await tmux.waitForExit() == 0)
        let (before, after) = tmux.sttyBeforeAndAfter()
        #expect(!after.isEmpty && after == before)
    }
}
