import AmoSandbox
import Foundation

/// Drives one cell of the TUI fault matrix (`TUIFaultMatrixTests`): the real binary in its own tmux
/// server, its own `AMOWIDGETS_HOME`, pointed (`AMO_TOKEN` + `AMO_BASE_URL`) at its own in-process
/// sandbox, whose fault rules aim at the one request the action depends on. Runs synchronously on a
/// thread of its own (tmux is driven with blocking `posix_spawn` + `waitpid`, which must not occupy
/// the small cooperative pool the sandbox answers on). Every wait has a deadline; what went wrong is
/// returned as words, and the test records it.
struct TUIFaultDriver {
    /// A matrix column: what the user does and the request it depends on.
    struct Action: Sendable {
        let name, method, path: String
        /// The account changes on success ("installed" / "uninstalled"), nil for reads.
        let changes: String?
        /// The widget whose installed state the action changes.
        let code: String?
    }

    /// A matrix row: a `--faults` rule (without its `@target`) and how the server treated the request.
    struct Fault: Sendable {
        /// KIND[:PARAM] of the fault grammar.
        let spec: String
        enum Kind: Sendable { case refused, ambiguous, slow, noContent }
        let kind: Kind
        /// The reply carries an `X-Request-Id` that the message must name.
        var hasRequestID: Bool { spec != "reset" && kind != .slow && kind != .noContent }
    }

    /// One cell's findings.
    struct Cell: Sendable {
        var fault: String, action: String
        var outcome = "", message = "", account = "-", responsive = "-"
        var sends = 0
        var problems: [String] = []
        var seconds = 0.0
        /// The last screen read (printed when the cell fails).
        var screen = ""
        /// The screen when a wait timed out.
        var timeoutScreen = ""
    }

    let sandbox: RunningSandbox
    let fault: Fault
    let action: Action
    /// The catalogue every cell's sandbox serves: a slice of the embedded one (a single page, so
    /// the test process's sandboxes cost little next to the other suites that run beside this one),
    /// with amo_asterisk first, tg_notes (not installed) and zadarma_export (installed).
    static let catalog: (path: String, count: Int)? = {
        let files = SandboxCatalog.embeddedFiles
        guard let widgets = files["widgets.json"] else { return nil }
        let keep: Set<String> = ["amo_asterisk", "tg_notes", "zadarma_export"]
        var kept: [String] = []
        for (n, line) in widgets.split(separator: "\n").enumerated() where line.hasPrefix("{") {
            guard let code = line.firstMatch(of: #/"code":"([^"]*)"/#)?.1, String(code) >= "amo_asterisk" else { continue }
            if keep.contains(String(code)) || n % 15 == 0 { kept.append(String(line.hasSuffix(",") ? line.dropLast() : line)) }
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("amowidgets-tui-faults-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for (name, text) in files where name != "widgets.json" {
                try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
            try ("[\n" + kept.joined(separator: ",\n") + "\n]\n").write(to: dir.appendingPathComponent("widgets.json"), atomically: true, encoding: .utf8)
        } catch { return nil }
        return (dir.path, kept.count)
    }()
    /// The title once the whole catalogue is in.
    static var loaded: String { "\(catalog?.count ?? 0) shown / \(catalog?.count ?? 0) loaded" }

    /// Screen size: 100 x 30 puts list and detail side by side and the status line on row 27.
    static let width = 100, height = 30
    static let statusRow = height - 3
    /// A request id as the sandbox sends it (32 hex characters).
    static func namesRequestID(_ text: String) -> Bool { text.firstMatch(of: #/request [0-9a-f]{32}/#) != nil }

    /// Runs the cell; never throws (a harness failure is a problem of the cell).
    func run() -> Cell {
        var cell = Cell(fault: fault.spec, action: action.name)
        let started = ContinuousClock.now
        defer { cell.seconds = (ContinuousClock.now - started).seconds }
        let tmux: TmuxHarness
        do {
            // A slow cell delays the first matching request only (later pages and details are quick).
            let count = fault.kind == .slow ? "#1" : ""
            sandbox.setFaults(try FaultSpec(parsing: "\(fault.spec)@\(action.method)\(action.path)\(count)"))
            tmux = try TmuxHarness([], width: Self.width, height: Self.height,
                                   environment: ["AMO_TOKEN": "sandbox-admin-token", "AMO_BASE_URL": sandbox.baseURL])
        } catch {
            cell.problems.append("harness: \(error)")
            return cell
        }
        defer { tmux.close() }
        var session = Session(tmux: tmux, cell: cell)
        session.drive(action: action, fault: fault, sandbox: sandbox)
        return session.cell
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// The keys and screen reads of one cell.
struct Session {
    let tmux: TmuxHarness
    var cell: TUIFaultDriver.Cell
    var last = ""

    /// Polls the screen every 150 ms until `condition` holds; false (and a problem) after `timeout` s.
    @discardableResult
    mutating func wait(_ what: String, _ timeout: Double = 15, _ condition: (String) -> Bool) -> Bool {
        let end = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        repeat {
            last = tmux.screen()
            if condition(last) { return true }
            usleep(150_000)
        } while ContinuousClock.now < end
        cell.problems.append("timed out waiting for \(what)")
        cell.timeoutScreen = last
        return false
    }

    /// Like `wait`, but `condition` must hold on every poll for `quiet` seconds: a quick detail load
    /// shows no spinner for its first ticks, so one idle-looking screen does not prove it is done.
    @discardableResult
    mutating func waitSteady(_ what: String, _ timeout: Double, quiet: Double = 0.8, _ condition: (String) -> Bool) -> Bool {
        let end = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        var since: ContinuousClock.Instant?
        repeat {
            last = tmux.screen()
            if condition(last) {
                let start = since ?? ContinuousClock.now
                since = start
                if ContinuousClock.now - start >= .milliseconds(Int(quiet * 1000)) { return true }
            } else {
                since = nil
            }
            usleep(150_000)
        } while ContinuousClock.now < end
        cell.problems.append("timed out waiting for \(what)")
        cell.timeoutScreen = last
        return false
    }

    func press(_ keys: String...) { _ = try? tmux.tmux(["send-keys", "-t", "e2e"] + keys) }
    func type(_ text: String) { try? tmux.type(text) }

    static func rows(_ screen: String) -> [String] { screen.components(separatedBy: "\n") }

    /// The status line without the frame; the spinner's progress text stays in it.
    static func status(_ screen: String) -> String {
        let rows = rows(screen)
        guard rows.count > TUIFaultDriver.statusRow else { return "" }
        return rows[TUIFaultDriver.statusRow].trimmingCharacters(in: CharacterSet(charactersIn: "│ "))
    }

    /// The message as the user reads it: a long error in full from the band above the separator
    /// (`StatusOverflowView`), else the status line without the spinner.
    static func message(_ screen: String) -> String {
        let rows = rows(screen)
        let separator = TUIFaultDriver.statusRow - 1
        if let rule = rows.indices.last(where: { $0 < separator && rows[$0].contains("─ message ") }) {
            return rows[(rule + 1)..<separator].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }
                .joined(separator: " ")
        }
        return Self.status(screen).components(separatedBy: "  ").first ?? ""
    }

    /// True while the spinner turns (something runs in the background).
    static func busy(_ screen: String) -> Bool { status(screen).contains { "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏".contains($0) } }

    /// Opens help with `key`, waits for it, closes it with Esc, waits until it is gone.
    mutating func helpOpensAndCloses(key: String) -> Bool {
        press(key)
        guard wait("the help overlay", 5, { $0.contains("Help: Letters also work") }) else { return false }
        press("Escape")
        return wait("the help overlay to close", 5) { !$0.contains("Help: Letters also work") }
    }

    /// Quits the way a user would (closing a dialog or form first); expects exit status 0.
    mutating func quit() {
        for _ in 0..<6 {
            if exitStatus() != nil { break }
            let screen = tmux.screen()
            if screen.contains("y yes") { press(screen.contains("Discard") || screen.contains("Quit") ? "y" : "n") }
            else if screen.contains("^S send") { press("Escape") }
            else if screen.contains("Help: Letters") { press("Escape") }
            else { press("q") }
            let end = ContinuousClock.now + .seconds(2)
            while ContinuousClock.now < end, exitStatus() == nil, tmux.screen() == screen { usleep(100_000) }
        }
        let end = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < end, exitStatus() == nil { usleep(100_000) }
        let status = exitStatus()
        if status != 0 { cell.problems.append("exit status \(status.map(String.init) ?? "none") (crash or hang)") }
        let (before, after) = tmux.sttyBeforeAndAfter()
        if status != nil, after != before { cell.problems.append("tty modes not restored") }
    }

    func exitStatus() -> Int? {
        (try? String(contentsOf: tmux.directory.appendingPathComponent("exit-status"), encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
}
