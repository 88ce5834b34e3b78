import AmoSandbox
import Foundation
import Testing

/// Bracketed paste and Ctrl-Z job control, with the real binary in tmux: tmux's `paste-buffer -p`
/// sends a bracketed paste once the program turned mode 2004 on; an interactive bash does `fg`.
/// The account is an in-process sandbox of this test, so its state is checked directly.
@Suite(.serialized) struct PasteSuspendTests {
    private func expectRestored(_ tmux: TmuxHarness, sourceLocation: SourceLocation = #_sourceLocation) {
        let (before, after) = tmux.sttyBeforeAndAfter()
        #expect(!after.isEmpty && after == before, "tty modes differ after the run", sourceLocation: sourceLocation)
    }

    private func startSandbox() async throws -> RunningSandbox {
        var configuration = SandboxConfiguration()
        configuration.rateLimit = false  // the paste is under test, not the pacing
        return try await Sandbox.start(configuration)
    }

    private func harness(_ sandbox: RunningSandbox, shell: Bool = false) throws -> TmuxHarness {
        try TmuxHarness([], width: 100, height: 30,
                        environment: ["AMO_TOKEN": SandboxTokens.admin, "AMO_BASE_URL": sandbox.baseURL], shell: shell)
    }

    @Test func aMultiLinePasteLandsInOneFieldAndThePasswordStaysEmpty() async throws {
        let sandbox = try await startSandbox()
        let tmux = try harness(sandbox)
        defer { tmux.close() }
        await tmux.waitFor("600 shown / 600 loaded")
        // A terminal without bracketed paste: the text arrives as typed keys (CR = Enter), as before.
        try await tmux.press("/")
        try await tmux.paste("amo_asterisk\n", bracketed: false)
        await tmux.waitFor("1 shown / 600 loaded")
        try await tmux.press("i")
        await tmux.waitFor("Install amo_asterisk")
        await tmux.waitFor("Иван Петров")  // the users rows are in: the focus stays on the login

        let secret = "Zq9-\(UInt32.random(in: 100_000...999_999))"
        try await tmux.paste("оператор-1\n\(secret)\nthird line\n")
        let pasted = await tmux.waitFor("Only its first line was pasted (2 more lines left out)")
        #expect(pasted.contains("[оператор-1"))
        #expect(!pasted.contains("third line"))
        // Sending now: the password is required and empty, so nothing is sent.
        try await tmux.press("C-s")
        await tmux.waitFor("Some fields need attention")
        #expect(sandbox.requestCount(method: "POST", path: "/api/v4/widgets/amo_asterisk") == 0)

        // The failed check focused the first field in error, the password: it takes a paste too,
        // masked; the extension is typed; then it installs.
        try await tmux.paste(secret + "\r\n")
        await tmux.waitFor("[•••••••• ")  // the fixed-width mask: the password is in, unseen
        try await tmux.press("Tab")
        try await tmux.type("101")
        try await tmux.press("BTab", "BTab", "BTab")  // back past password and login: wraps to the script path
        try await tmux.type("/var/lib/asterisk/agi")
        try await tmux.press("C-s")
        await tmux.waitFor("amo_asterisk installed")
        let settings = sandbox.installedSettings(code: "amo_asterisk")
        #expect(settings?["login"]?.stringValue == "оператор-1")
        #expect(settings?["password"]?.stringValue == secret)
        #expect(sandbox.requestCount(method: "POST", path: "/api/v4/widgets/amo_asterisk") == 1)
        try await tmux.press("q")
        #expect(await tmux.waitForExit() == 0)
        expectRestored(tmux)
        #expect(tmux.screens.allSatisfy { !$0.contains(secret) }, "the pasted password appeared on the screen")
        await sandbox.shutdown()
    }

    @Test func aPasteWhileTheUninstallQuestionIsOpenDoesNotUninstall() async throws {
        let sandbox = try await startSandbox()
        let tmux = try harness(sandbox)
        defer { tmux.close() }
        #expect(sandbox.installedCodes.contains("zadarma_export"))
        await tmux.waitFor("600 shown / 600 loaded")
        try await tmux.press("/")
        try await tmux.type("zadarma_export")
        try await tmux.press("Enter")
        await tmux.waitForScreen("zadarma_export selected") { $0.contains("2 shown / 600 loaded") && $0.contains("▶zadarma_export ") }
        try await tmux.press("d")
        await tmux.waitForScreen("the uninstall question") { $0.contains("Uninstall zadarma_export") && $0.contains("y yes") }
        try await tmux.paste("y\ny\n")
        let after = await tmux.waitFor("Paste ignored here")
        #expect(after.contains("Uninstall zadarma_export") && after.contains("y yes"))
        // Give a wrongly taken "y" time to reach the account: the state must not change.
        try await Task.sleep(for: .milliseconds(500))
        #expect(sandbox.installedCodes.contains("zadarma_export"))
        #expect(sandbox.requestCount(method: "DELETE", path: "/api/v4/widgets/zadarma_export") == 0)
        try await tmux.press("n")
        await tmux.waitFor("Uninstall of zadarma_export cancelled")
        try await tmux.press("q")
        #expect(await tmux.waitForExit() == 0)
        expectRestored(tmux)
        #expect(sandbox.installedCodes.contains("zadarma_export"))
        await sandbox.shutdown()
    }

    @Test func ctrlZThenFgBringsTheFormBackWithTheTypedText() async throws {
        let sandbox = try await startSandbox()
        let tmux = try harness(sandbox, shell: true)
        defer { tmux.close() }
        await tmux.waitFor("600 shown / 600 loaded")
        try await tmux.press("/")
        try await tmux.type("amo_asterisk")
        try await tmux.press("Enter")
        await tmux.waitFor("1 shown / 600 loaded")
        try await tmux.press("i")
        await tmux.waitFor("Install amo_asterisk")
        try await tmux.type("оператор")
        await tmux.waitFor("[оператор")

        try await tmux.press("C-z")
        let stopped = await tmux.waitForScreen("the shell's job message") { $0.contains("Stopped") && $0.contains("$ ") }
        #expect(!stopped.contains("Install amo_asterisk"), "the program's screen stayed up")
        // While stopped the terminal is the shell's: its modes are as they were before the program.
        try await tmux.type("stty -a > stty-suspended; echo modes-rec''orded")  // the echo, not the command line
        try await tmux.press("Enter")
        await tmux.waitFor("modes-recorded")
        let suspended = (try? String(contentsOf: tmux.directory.appendingPathComponent("stty-suspended"), encoding: .utf8)) ?? ""
        let before = tmux.sttyBeforeAndAfter().before
        let lines: [Substring] = Array(suspended.split(separator: "\n").dropFirst())
        let flags: [String] = lines.flatMap { line in line.split(whereSeparator: { $0 == " " || $0 == ";" }).map(String.init) }
        #expect(!flags.isEmpty && flags == before, "tty modes while stopped differ from before the program")
        // A resize while stopped: the program reads the new size when it continues.
        try await tmux.resize(width: 90, height: 26)
        try await tmux.type("fg")
        try await tmux.press("Enter")
        let back = await tmux.waitForScreen("the form again") { $0.contains("Install amo_asterisk") && $0.contains("[оператор") }
        let rows = back.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows.count >= 26 && rows[24].contains("Esc cancel") && rows[25].hasPrefix("└"),
                "the frame does not fill the 26 rows:\n\(back)")
        try await tmux.type("1")
        await tmux.waitFor("[оператор1")
        // An install in flight across a stop: sent, then Ctrl-Z at once; it completes after `fg`.
        try await tmux.press("Tab")
        try await tmux.type("pw-after-fg")
        try await tmux.press("Tab")
        try await tmux.type("101")
        try await tmux.press("BTab", "BTab", "BTab")  // back past password and login: wraps to the script path
        try await tmux.type("/var/lib/asterisk/agi")
        try await tmux.press("C-s", "C-z")
        await tmux.waitForScreen("stopped again") { $0.contains("Stopped") && !$0.contains("Install amo_asterisk") }
        try await tmux.type("fg")
        try await tmux.press("Enter")
        await tmux.waitFor("amo_asterisk installed")
        #expect(sandbox.installedSettings(code: "amo_asterisk")?["login"]?.stringValue == "оператор1")
        #expect(sandbox.requestCount(method: "POST", path: "/api/v4/widgets/amo_asterisk") == 1)
        try await tmux.press("q")
        #expect(await tmux.waitForExit() == 0)
        expectRestored(tmux)
        await sandbox.shutdown()
    }
}
