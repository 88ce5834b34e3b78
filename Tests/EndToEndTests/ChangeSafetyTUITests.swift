import AmoSandbox
import Foundation
import Testing

/// Issue 11 in the real binary (tmux) against a sandbox with slow changes: a reconfigure that would
/// replace settings nobody has seen asks first; Enter never opens a form; quitting during an uninstall
/// waits for it and records it; the uninstall question says no backup is possible; the form is
/// read-only while its install is in flight; a long version is marked as cut.
@Suite struct ChangeSafetyTUITests {
    /// A sandbox whose installs and uninstalls answer after `latencyMS`, and the TUI on it as the admin.
    static func start(latencyMS: Int = 3000) async throws -> (RunningSandbox, TmuxHarness) {
        var configuration = SandboxConfiguration()
        configuration.faults = try FaultSpec(parsing: "latency:\(latencyMS)@POST/api/v4/widgets,latency:\(latencyMS)@DELETE/api/v4/widgets")
        let sandbox = try await Sandbox.start(configuration)
        let tmux = try TmuxHarness([], width: 120, height: 30,
                                   environment: ["AMO_TOKEN": SandboxTokens.admin, "AMO_BASE_URL": sandbox.baseURL])
        await tmux.waitFor("600 shown / 600 loaded")
        return (sandbox, tmux)
    }

    static func select(_ code: String, _ tmux: TmuxHarness) async throws {
        try await tmux.press("Escape")  // an earlier filter goes first
        try await tmux.press("/")
        try await tmux.type(code)
        try await tmux.press("Enter")
        await tmux.waitForScreen("\(code) selected") { $0.contains("▶\(code) ") }
    }

    /// The audit log's lines (JSON objects) in this session's home.
    static func audit(_ tmux: TmuxHarness) -> [[String: Any]] {
        let path = tmux.directory.appendingPathComponent("home/state/audit.log").path
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test func aReconfigureOfUnknownSettingsAsksAndEnterNeverOpensAForm() async throws {
        let (sandbox, tmux) = try await Self.start(latencyMS: 0)
        defer { tmux.close() }
        try await Self.select("wix_mailer", tmux)
        try await tmux.press("Enter")
        await tmux.waitForScreen("the details whole") { $0.contains("Settings template (1 field):") && !$0.contains("CODE ") }
        #expect(!(await tmux.screen()).contains("Reconfigure wix_mailer"))
        try await tmux.press("Escape")
        try await tmux.press("e")
        await tmux.waitFor("replaces ALL")
        try await tmux.press("C-s")
        let question = await tmux.waitFor("Sending replaces ALL of them")
        #expect(question.contains("0 of 1 field filled"), "\(question)")
        try await tmux.press("n")
        await tmux.waitFor("Not sent: nothing was changed")
        #expect(Self.audit(tmux).isEmpty)
        #expect(sandbox.installedCodes.contains("wix_mailer"))
        try await tmux.press("Escape")
        try await tmux.press("q")
        #expect(await tmux.waitForExit() == 0)
        await sandbox.shutdown()
    }

    @Test func quitDuringAnUninstallWaitsForItsAnswerAndRecordsIt() async throws {
        let (sandbox, tmux) = try await Self.start()
        defer { tmux.close() }
        try await Self.select("wix_mailer", tmux)
        try await tmux.press("d")
        let question = await tmux.waitFor("No settings are known for wix_mailer here")
        #expect(!question.contains("backed up here first"))
        try await tmux.press("y")
        await tmux.waitFor("Uninstalling wix_mailer")
        try await tmux.press("q")
        await tmux.waitFor("Waiting for the answer to the uninstall of wix_mailer before quitting")
        #expect(await tmux.waitForExit() == 0)
        #expect(!sandbox.installedCodes.contains("wix_mailer"))
        let lines = Self.audit(tmux)
        #expect(lines.count == 1)
        #expect(lines.first?["widget_code"] as? String == "wix_mailer")
        #expect(lines.first?["action"] as? String == "uninstall")
        #expect(lines.first?["outcome"] as? String == "ok")
        await sandbox.shutdown()
    }

    @Test func theFormIsReadOnlyWhileItsInstallIsInFlight() async throws {
        let (sandbox, tmux) = try await Self.start()
        defer { tmux.close() }
        try await Self.select("tg_notes", tmux)
        try await tmux.press("i")
        await tmux.waitFor("Install tg_notes")
        try await tmux.type("111")
        try await tmux.press("C-s")
        await tmux.waitFor("sending")
        try await tmux.type("zzz")
        try await tmux.press("Escape")
        let locked = await tmux.waitFor("the form is read-only until then")
        #expect(!locked.contains("zzz") && !locked.contains("Discard"))
        await tmux.waitFor("tg_notes installed with 1 setting")
        #expect(!(await tmux.screen()).contains("Discard"))
        #expect(sandbox.installedSettings(code: "tg_notes")?["client_id"]?.stringValue == "111")
        // A long version is marked as cut, never shown as another version.
        try await Self.select("amo_scoring", tmux)
        let list = await tmux.screen()
        #expect(list.contains("2024.11.…") && !list.contains("2024.11.1 "), "\(list)")
        try await tmux.press("q")
        #expect(await tmux.waitForExit() == 0)
        await sandbox.shutdown()
    }

    @Test func aSignalWaitsForTheChangeAndASecondOneLeavesRecordingItAsUnknown() async throws {
        let (sandbox, tmux) = try await Self.start(latencyMS: 8000)
        defer { tmux.close() }
        try await Self.select("tg_notes", tmux)
        try await tmux.press("i")
        await tmux.waitFor("Install tg_notes")
        try await tmux.type("222")
        try await tmux.press("C-s")
        await tmux.waitFor("sending")
        let pid = try #require(tmux.programPID())
        kill(pid, SIGTERM)
        await tmux.waitFor("Waiting for the answer to the install of tg_notes before quitting")
        #expect(TmuxHarness.isRunning(pid))
        kill(pid, SIGTERM)
        #expect(await tmux.waitForExit() == 128 + Int(SIGTERM))
        let lines = Self.audit(tmux)
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?["action"] as? String == "install")
        #expect(lines.first?["outcome"] as? String == "unknown")
        await sandbox.shutdown()
    }
}
