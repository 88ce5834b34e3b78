import Foundation
import Testing

/// The whole product in tmux: `amowidgets --sandbox` (the in-process sandbox with its rate limit on),
/// driven by keys, checked on the screen and in the files it writes under `AMOWIDGETS_HOME`.
@Suite(.serialized) struct SandboxTUITests {
    /// The row of the list that carries the selection mark, trimmed; nil when none is on screen.
    private func selectedRow(_ screen: String) -> String? {
        screen.split(separator: "\n").first { $0.contains("▶") }.map {
            String($0.drop(while: { $0 != "▶" }).dropFirst().prefix(while: { $0 != " " }))
        }
    }

    private func expectRestored(_ tmux: TmuxHarness, sourceLocation: SourceLocation = #_sourceLocation) {
        let (before, after) = tmux.sttyBeforeAndAfter()
        #expect(!after.isEmpty && after == before, "tty modes differ after the run", sourceLocation: sourceLocation)
        #expect(after.contains("icanon") && after.contains("echo"), sourceLocation: sourceLocation)
    }

    @Test func browseAndPageToTheLastWidget() async throws {
        let tmux = try TmuxHarness(["--sandbox"], width: 100, height: 30)
        defer { tmux.close() }
        await tmux.waitFor("600 shown / 600 loaded")
        let first = await selectedRow(tmux.screen())
        #expect(first == "amo_asterisk")
        try await tmux.press("PageDown")
        let paged = await tmux.waitForScreen("the selection to move a page") { self.selectedRow($0) != first }
        #expect(selectedRow(paged) != nil)
        try await tmux.press("End")
        let end = await tmux.waitForScreen("the selection at the end") { self.selectedRow($0) != self.selectedRow(paged) }
        let last = try #require(selectedRow(end))
        // The last widget: moving down does nothing, and it is the lowest list row on the screen.
        try await tmux.press("Down", "j")
        let after = await tmux.waitForScreen("the screen after Down") { !$0.isEmpty }
        #expect(selectedRow(after) == last)
        try await tmux.press("g")
        await tmux.waitForScreen("back to the first widget") { self.selectedRow($0) == first }
        try await tmux.press("G")
        await tmux.waitForScreen("the last widget again") { self.selectedRow($0) == last }
        try await tmux.press("q")
        #expect(await tmux.waitForExit() == 0)
        expectRestored(tmux)
    }

    @Test func filterAndReadTheDetail() async throws {
        let tmux = try TmuxHarness(["--sandbox"], width: 100, height: 30)
        defer { tmux.close() }
        await tmux.waitFor("600 loaded")
        try await tmux.press("/")
        try await tmux.type("ASTERISK")
        try await tmux.press("Enter")
        await tmux.waitFor("1 shown / 600 loaded")
        let screen = await tmux.waitFor("Путь к скрипту")
        for name in ["Логин", "Пароль", "Список телефонов", "amo_asterisk  v1.1.6"] { #expect(screen.contains(name), "\(name)") }
        try await tmux.press("Escape")
        await tmux.waitFor("600 shown / 600 loaded")
        try await tmux.press("C-c")
        #expect(await tmux.waitForExit() == 0)
        expectRestored(tmux)
    }

    @Test func installReconfigureAndUninstallThroughTheForm() async throws {
        let secret = "S3cret-pass-\(UInt32.random(in: 1000...9999))"
        let tmux = try TmuxHarness(["--sandbox"], width: 100, height: 30)
        defer { tmux.close() }
        await tmux.waitFor("600 loaded")
        try await tmux.press("/")
        try await tmux.type("amo_asterisk")
        try await tmux.press("Enter")
        await tmux.waitFor("1 shown")
        try await tmux.press("i")
        await tmux.waitFor("Install amo_asterisk")
        // Sending an empty form: the required-field errors come first, nothing is sent.
        try await tmux.press("C-s")
        await tmux.waitFor("required: fill at least one user")
        try await tmux.type("оператор")
        // A resize in the middle of the form keeps what was typed.
        try await tmux.resize(width: 60, height: 20)
        await tmux.waitForScreen("the form at 60 columns") { screen in
            screen.contains("оператор") && screen.split(separator: "\n").allSatisfy { $0.count <= 60 }
        }
        try await tmux.resize(width: 100, height: 30)
        await tmux.waitForScreen("the form at 100 columns") { $0.contains("[оператор") && $0.contains("Список телефонов") }
        try await tmux.press("Tab")
        try await tmux.type(secret)
        try await tmux.press("Tab")
        try await tmux.type("101")
        try await tmux.press("BTab", "BTab", "BTab")  // back past password and login: wraps to the last field
        try await tmux.type("/var/lib/asterisk/agi")
        await tmux.waitFor("[/var/lib/asterisk/agi")
        try await tmux.press("C-s")
        await tmux.waitFor("amo_asterisk installed")
        let installed = await tmux.waitFor("login: оператор")
        #expect(installed.contains("Иван Петров (504141): 101"))

        try await tmux.press("e")
        await tmux.waitFor("Reconfigure amo_asterisk")
        try await tmux.press("C-u")
        try await tmux.type("диспетчер")
        try await tmux.press("C-s")
        await tmux.waitFor("login: диспетчер")

        try await tmux.press("d")
        await tmux.waitForScreen("the uninstall confirmation") { $0.contains("Uninstall") && $0.contains("y yes") }
        try await tmux.press("y")
        await tmux.waitFor("uninstalled; settings backed up to")
        try await tmux.press("q")
        #expect(await tmux.waitForExit() == 0)
        // The session's records are in a directory of this run, named on stderr; the user's own
        // data and state directories (AMOWIDGETS_HOME here) get none of them.
        let stderr = (try? String(contentsOf: tmux.directory.appendingPathComponent("output"), encoding: .utf8)) ?? ""
        let marker = "this sandbox session's records (backups, audit log) are in "
        let recordsLine = try #require(stderr.split(separator: "\n").first { $0.contains(marker) }, "stderr: \(stderr)")
        let records = String(recordsLine[recordsLine.range(of: marker)!.upperBound...])
        defer { try? FileManager.default.removeItem(atPath: records) }
        #expect(records.hasPrefix(tmux.directory.path + "/tmp/amowidgets-sandbox-"), "\(records)")
        let home = tmux.directory.appendingPathComponent("home").path
        #expect(!FileManager.default.fileExists(atPath: home + "/data/backups"), "sandbox backups in the real data dir")
        #expect(!FileManager.default.fileExists(atPath: home + "/state/audit.log"), "sandbox audit in the real state dir")
        let audit = try String(contentsOfFile: records + "/state/audit.log", encoding: .utf8)
        let auditLines = audit.split(separator: "\n")
        #expect(auditLines.count == 3 && auditLines.allSatisfy { $0.contains("\"profile\":\"sandbox\"") }, "\(audit)")
        #expect(auditLines.allSatisfy { $0.range(of: #""request_id":"[0-9a-f]{32}""#, options: .regularExpression) != nil }, "\(audit)")
        // The log file (in the real state dir) has a line per request at the default level.
        let log = (try? String(contentsOfFile: home + "/state/amowidgets.log", encoding: .utf8)) ?? ""
        let requests = log.split(separator: "\n").filter { $0.contains("INFO amowidgets.client: request") }
        #expect(requests.contains { $0.contains("endpoint=POST /api/v4/widgets/amo_asterisk") && $0.contains("status=200") && $0.contains("request_id=") && $0.contains("duration_ms=") })
        #expect(requests.contains { $0.contains("endpoint=DELETE /api/v4/widgets/amo_asterisk") && $0.contains("status=204") })
        #expect(requests.count >= 8, "\(requests.count) request lines")
        #expect(!log.contains(secret) && !log.contains("sandbox-admin-token") && !log.contains("диспетчер"))
        let backups = URL(fileURLWithPath: records + "/data/backups/sandbox")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: backups.path)) ?? []
        #expect(files.count == 1 && files[0].hasPrefix("amo_asterisk-"), "backups: \(files)")
        if let file = files.first {
            let attributes = try FileManager.default.attributesOfItem(atPath: backups.appendingPathComponent(file).path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let text = try String(contentsOf: backups.appendingPathComponent(file), encoding: .utf8)
            #expect(text.contains("диспетчер"))
        }
        expectRestored(tmux)
        #expect(!tmux.screens.isEmpty)
        #expect(tmux.screens.allSatisfy { !$0.contains(secret) }, "the password appeared on the screen")
    }

    @Test(arguments: [SIGTERM, SIGHUP])
    func signalWithTheSandboxRunningRestoresTheTerminal(signal: Int32) async throws {
        let tmux = try TmuxHarness(["--sandbox"], width: 100, height: 30)
        defer { tmux.close() }
        await tmux.waitFor("600 loaded")
        let pid = try #require(tmux.programPID())
        kill(pid, signal)
        #expect(await tmux.waitForExit() == 128 + Int(signal))
        expectRestored(tmux)
    }

    @Test func idleAfterLoadingUsesNoCPUAndATinyTerminalIsSaidInWords() async throws {
        let tmux = try TmuxHarness(["--sandbox"], width: 100, height: 30)
        defer { tmux.close() }
        await tmux.waitFor("All 600 widgets loaded")
        let pid = try #require(tmux.programPID())
        try await Task.sleep(for: .milliseconds(500))  // let the last spinner tick finish
        let start = try #require(TmuxHarness.cpuTicks(pid))
        try await Task.sleep(for: .seconds(2))
        let end = try #require(TmuxHarness.cpuTicks(pid))
        #expect(end - start <= 5, "the idle TUI used \(end - start) ticks in 2 s")
        try await tmux.resize(width: 30, height: 10)
        await tmux.waitForScreen("the too-small message") { $0.lowercased().contains("too small") }
        try await tmux.resize(width: 100, height: 30)
        await tmux.waitFor("600 shown / 600 loaded")
        try await tmux.press("q")
        #expect(await tmux.waitForExit() == 0)
        expectRestored(tmux)
    }

    @Test func anUnknownTerminalTypeIsAMessageNotABrokenTerminal() async throws {
        let tmux = try TmuxHarness(["--sandbox"], width: 100, height: 30, environment: ["TERM": "no-such-terminal-type"])
        defer { tmux.close() }
        #expect(await tmux.waitForExit() == 1)
        let log = try String(contentsOf: tmux.directory.appendingPathComponent("output"), encoding: .utf8)
        #expect(log.contains("'no-such-terminal-type' is unknown to ncurses"))
        expectRestored(tmux)
    }

    @Test func withoutATerminalItSaysSo() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("amowidgets-tui-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try await Binary.run(["--sandbox"], environment: ["AMOWIDGETS_HOME": home.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("needs a terminal"))
    }

    @Test func withoutAProfileItSaysHowToTryTheSandbox() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("amowidgets-tui-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try await Binary.run([], environment: ["AMOWIDGETS_HOME": home.path])
        #expect(result.status == 4)
        #expect((result.stdout + result.stderr).contains("amowidgets --sandbox"))
    }
}
