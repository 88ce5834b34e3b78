import AmoSandbox
import Foundation
import Testing

/// The real binary in tmux: status messages that expire, the form's "more" marks, fixed-width masks,
/// the users_lp password check, and what a 401 says when the token came from AMO_TOKEN.
@Suite struct PapercutTUITests {
    @Test func passingMessagesExpireAndTheFormMarksWhatIsOutOfView() async throws {
        let tmux = try TmuxHarness(["--sandbox"], width: 120, height: 24)
        defer { tmux.close() }
        await tmux.waitFor("600 shown / 600 loaded")
        // A passing message leaves by itself (after 5 s; the timing itself is unit-tested), no key pressed.
        try await tmux.press("s")
        await tmux.waitFor("Sorted by rating")
        await tmux.waitForScreen("the message to expire") { !$0.contains("Sorted by rating") && $0.contains("by rating") }
        // … or with a key that changes context.
        try await tmux.press("s")
        await tmux.waitFor("Sorted installed first")
        try await tmux.press("/")
        await tmux.waitForScreen("the message gone when the filter opens") { !$0.contains("Sorted installed first") }
        try await tmux.type("onec_tasks")
        try await tmux.press("Enter")
        try await tmux.press("s", "g")  // by code: onec_tasks, then onec_tasks_1290
        await tmux.waitForScreen("onec_tasks selected") { $0.contains("▶onec_tasks ") }
        try await tmux.press("i")
        // 21 users of a login/password field do not fit in 24 rows: the bottom line says how many more.
        let form = await tmux.waitForScreen("the form with its more-below mark") { $0.contains("Install onec_tasks") && $0.contains("↓ ") }
        let more = try #require(form.split(separator: "\n").first { $0.contains("↓ ") })
        #expect(more.range(of: #"↓ \d+ more"#, options: .regularExpression) != nil, "\(more)")
        #expect(!form.contains("↑ "))
        // First user: login and a one-letter password, masked at the fixed width.
        try await tmux.type("ivan")
        try await tmux.press("Tab")
        try await tmux.type("p")
        let masked = await tmux.waitFor("[••••••••")
        #expect(!masked.contains("•••••••••"))
        // Second user: a login without a password is refused beside its row; nothing is sent.
        try await tmux.press("Tab")
        try await tmux.type("anna")
        try await tmux.press("C-s")
        await tmux.waitFor("password missing")
        await tmux.waitFor("Some fields need attention")
        // Going down the form scrolls it: the top then says how much is above.
        for _ in 0..<30 { try await tmux.press("Tab") }
        await tmux.waitForScreen("the more-above mark") { $0.range(of: #"↑ \d+ more"#, options: .regularExpression) != nil }
        // The error stays (it needs action) however long it is on the screen.
        try await Task.sleep(for: .seconds(6))
        #expect(await tmux.screen().contains("Some fields need attention"))
        try await tmux.press("C-q")
        await tmux.waitFor("y yes")
        try await tmux.press("y")
        #expect(await tmux.waitForExit() == 0)
        #expect(tmux.screens.allSatisfy { !$0.contains("ivanp") })
    }

    @Test func aRejectedTokenFromAMOTokenSaysSo() async throws {
        let sandbox = try await Sandbox.start(SandboxConfiguration())
        let tmux = try TmuxHarness([], width: 120, height: 30,
                                   environment: ["AMO_TOKEN": "not-a-valid-token", "AMO_BASE_URL": sandbox.baseURL])
        let screen = await tmux.waitForScreen("the 401 message") { $0.contains("AMO_TOKEN") }
        // The message may wrap (the overflow box above the status line): read it as one line of words.
        let text = screen.split(whereSeparator: { $0 == "\n" || $0 == " " || $0 == "│" || $0 == "|" }).joined(separator: " ")
        #expect(text.contains("the token from AMO_TOKEN was rejected"), "\(screen)")
        #expect(!text.contains("log in again"), "\(screen)")
        #expect(!text.contains("not-a-valid-token"))
        try await tmux.press("q")
        #expect(await tmux.waitForExit() == 0)
        tmux.close()
        await sandbox.shutdown()
    }
}
