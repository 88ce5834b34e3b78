import Foundation
import Testing

/// Runs the real `amowidgets` binary in a detached tmux session on its own server socket (`-L`), types
/// into it with `send-keys`, and reads the screen with `capture-pane -p`. Every wait is for screen
/// content or a file, with a deadline — never a fixed sleep alone. `close()` kills the tmux server.
///
/// The pane runs `sh run.sh`: the script records `stty -a` before and after the program and its exit
/// status in the session's temp directory, so tests can check that the terminal was restored.
final class TmuxHarness {
    /// The temp directory of this session: `home/` is `AMOWIDGETS_HOME`, plus the script and its records.
    let directory: URL
    private let socket: String
    static let deadline: Duration = .seconds(20)

    /// Starts `amowidgets arguments` in a `width` x `height` pane with `TERM=screen`, `LANG=C.UTF-8`
    /// (or the given overrides; `NO_COLOR` only when given), `AMOWIDGETS_HOME` (`home/`) and `TMPDIR`
    /// (`tmp/`) in a fresh temp dir.
    /// With `shell`, the pane is an interactive bash (job control: Ctrl-Z, `fg`; prompt `$ `; readline
    /// never switches bracketed paste) that was told to run the script, instead of the script alone.
    /// With `executable`, the pane runs that program (e.g. `ssh`) with `arguments` instead of amowidgets.
    init(_ arguments: [String], width: Int = 100, height: Int = 30, environment: [String: String] = [:], shell: Bool = false,
         executable: String? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("amowidgets-tui-e2e-\(UUID().uuidString)")
        socket = "amowidgets-tui-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("home"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("tmp"), withIntermediateDirectories: true)
        // TMPDIR too: `--sandbox` keeps its session's records in a temp directory, which stays in here.
        var env = ["TERM": "screen", "LANG": "C.UTF-8", "LC_ALL": "", "AMOWIDGETS_HOME": directory.path + "/home",
                   "TMPDIR": directory.path + "/tmp"]
        env.merge(environment) { $1 }
        let exports = env.sorted { $0.key < $1.key }.map { "export \($0.key)=\(Self.quote($0.value))" }.joined(separator: "\n")
        let command = ([executable ?? Binary.url.path] + arguments).map(Self.quote).joined(separator: " ")
        let script = """
        unset NO_COLOR
        \(exports)
        [ -z "$LC_ALL" ] && unset LC_ALL
        stty -a > stty-before
        \(command) 2> output
        status=$?
        stty -a > stty-after
        echo $status > exit-status.tmp && mv exit-status.tmp exit-status
        [ -n "$E2E_HOLD" ] && sleep "$E2E_HOLD"
        """
        try script.write(to: directory.appendingPathComponent("run.sh"), atomically: true, encoding: .utf8)
        let config = "set -g remain-on-exit on\nset -g default-terminal screen\nset -g status off\n"
        try config.write(to: directory.appendingPathComponent("tmux.conf"), atomically: true, encoding: .utf8)
        // readline's own bracketed paste off (INPUTRC): it would switch mode 2004 at each prompt and
        // hide whether the program left it on.
        try "set enable-bracketed-paste off\n".write(to: directory.appendingPathComponent("inputrc"), atomically: true, encoding: .utf8)
        let pane = shell ? "env PS1='$ ' HISTFILE=/dev/null INPUTRC=inputrc bash --norc --noprofile -i" : "sh run.sh"
        try tmux(["-f", directory.appendingPathComponent("tmux.conf").path, "new-session", "-d", "-s", "e2e",
                  "-x", String(width), "-y", String(height), "-c", directory.path, pane])
        if shell { try tmux(["send-keys", "-t", "e2e", "-l", "sh run.sh"]); try tmux(["send-keys", "-t", "e2e", "Enter"]) }
    }

    /// Runs a tmux command against this session's server (see `TmuxCommand` for why it cannot hang).
    /// Blocks the calling thread while the client runs: only for code on its own threads (the terminal
    /// matrix's cells); async tests get the overload below, which keeps the cooperative pool free.
    /// - Returns: its stdout. - Throws: when tmux cannot be spawned or did not answer within 20 s.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let outcome = try TmuxCommand.run(socket: socket, arguments, scratch: directory)
        if outcome.timedOut { throw POSIXError(.ETIMEDOUT) }
        return outcome.output
    }

    /// The same tmux command, waited for on a thread of its own: a test blocking one of the two
    /// cooperative threads of a 2-core machine starves every other test (and the in-process sandboxes).
    @discardableResult
    func tmux(_ arguments: [String]) async throws -> String {
        let outcome = try await TmuxCommand.runOffPool(socket: socket, arguments, scratch: directory)
        if outcome.timedOut { throw POSIXError(.ETIMEDOUT) }
        return outcome.output
    }

    /// Presses keys by tmux name (`Down`, `PageDown`, `Enter`, `Escape`, `C-c`, `BTab`, `M-x`, or a letter).
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", "e2e"] + keys) }
    func press(_ keys: String...) async throws { try await tmux(["send-keys", "-t", "e2e"] + keys) }

    /// Types `text` literally (UTF-8, so Cyrillic arrives as the terminal would send it).
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "e2e", "-l", text]) }
    func type(_ text: String) async throws { try await tmux(["send-keys", "-t", "e2e", "-l", text]) }

    /// Pastes `bytes` as a terminal does, through a tmux buffer. `bracketed`: `paste-buffer -p`,
    /// which wraps the text in `ESC[200~` … `ESC[201~` when the program turned on mode 2004 (and
    /// sends it bare otherwise); without it the text arrives as if typed (LF sent as CR).
    func paste(_ bytes: [UInt8], bracketed: Bool = true) async throws {
        let file = directory.appendingPathComponent("paste-\(UUID().uuidString)")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try await tmux(["load-buffer", "-b", "e2e-paste", file.path])
        try await tmux(["paste-buffer", "-d", "-b", "e2e-paste", "-t", "e2e"] + (bracketed ? ["-p"] : []))
    }
    func paste(_ text: String, bracketed: Bool = true) async throws { try await paste(Array(text.utf8), bracketed: bracketed) }

    /// Every screen captured so far (tests check that a secret never appeared on any of them).
    private(set) var screens: [String] = []

    /// The visible screen, one line per row.
    func screen() -> String {
        let text = (try? tmux(["capture-pane", "-p", "-t", "e2e"])) ?? ""
        screens.append(text)
        return text
    }

    /// The visible screen, captured off the cooperative pool.
    func screen() async -> String {
        let text = (try? await tmux(["capture-pane", "-p", "-t", "e2e"])) ?? ""
        screens.append(text)
        return text
    }

    /// Resizes the window (the program gets SIGWINCH).
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "e2e", "-x", String(width), "-y", String(height)])
    }
    func resize(width: Int, height: Int) async throws {
        try await tmux(["resize-window", "-t", "e2e", "-x", String(width), "-y", String(height)])
    }

    /// Waits until the screen satisfies `condition`; records an issue with the last screen on timeout.
    /// The screen is read once more after the deadline: on a loaded machine this task may have slept
    /// through the whole wait, and a stale capture must not fail the test.
    @discardableResult
    func waitForScreen(_ what: String, sourceLocation: SourceLocation = #_sourceLocation,
                       _ condition: (String) -> Bool) async -> String {
        let end = ContinuousClock.now + Self.deadline
        while ContinuousClock.now < end {
            let current = await screen()
            if condition(current) { return current }
            try? await Task.sleep(for: .milliseconds(100))
        }
        let last = await screen()
        if condition(last) { return last }
        Issue.record("timed out waiting for \(what); the screen was:\n\(last)", sourceLocation: sourceLocation)
        return last
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    func waitFor(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) async -> String {
        await waitForScreen("'\(text)'", sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// Waits for the program to exit (the script wrote its status). - Returns: the exit status, or nil.
    func waitForExit(sourceLocation: SourceLocation = #_sourceLocation) async -> Int? {
        let file = directory.appendingPathComponent("exit-status")
        let end = ContinuousClock.now + Self.deadline
        while ContinuousClock.now < end {
            // exit-status appears (renamed into place) only after stty-after is complete.
            if let text = try? String(contentsOf: file, encoding: .utf8), let status = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return status
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        if let text = try? String(contentsOf: file, encoding: .utf8), let status = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            return status  // the deadline passed while this task was not scheduled
        }
        Issue.record("amowidgets did not exit; the screen was:\n\(await screen())", sourceLocation: sourceLocation)
        return nil
    }

    /// The tty settings (`stty -a`, without the size line, which a resize may change) before and after.
    func sttyBeforeAndAfter() -> (before: [String], after: [String]) {
        func flags(_ name: String) -> [String] {
            let text = (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
            return text.split(separator: "\n").dropFirst().flatMap { $0.split(whereSeparator: { $0 == " " || $0 == ";" }) }.map(String.init)
        }
        return (flags("stty-before"), flags("stty-after"))
    }

    /// The pid of the running `amowidgets` (the pane's shell's child), or nil.
    func programPID() -> Int32? {
        guard let shell = Int32((try? tmux(["display-message", "-p", "-t", "e2e", "#{pane_pid}"]))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") else { return nil }
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").first.flatMap { Int32($0) }
    }

    /// CPU time (user + system, clock ticks) a process has used so far, from /proc/PID/stat.
    static func cpuTicks(_ pid: Int32) -> Int? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        return user + system
    }

    /// True while `pid` exists and is not a zombie.
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(after: close)...].split(separator: " ").first
        return state != "Z" && state != "X"
    }

    /// Kills the tmux server and removes the temp directory.
    func close() {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { close() }

    private static func quote(_ value: String) -> String { "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
