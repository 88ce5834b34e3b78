import AmoSandbox
import Foundation
import Testing

/// Issue 7, fault matrix for the terminal UI: every sandbox fault × load the list, open a detail,
/// install, uninstall, list users — the real binary in tmux, each cell with its own sandbox (faults
/// aimed by `@METHOD/PATH` at the one request the action depends on), home and tmux server, 4 cells
/// at a time. Each cell asserts: no crash (exit 0, tty restored); keys work (help opens and closes;
/// during a 5 s latency while the request still hangs); failures are said with the request id (a
/// reset has none); the typed form input survives a failed install; at most one POST/DELETE unless
/// the gateway refused it (429); the account is what the screen says. Prints the matrix.
@Suite struct TUIFaultMatrixTests {
    typealias Fault = TUIFaultDriver.Fault
    static let faults: [Fault] = [
        Fault(spec: "429", kind: .refused), Fault(spec: "403", kind: .refused),
        Fault(spec: "500:json", kind: .refused), Fault(spec: "500:html", kind: .refused),
        Fault(spec: "502", kind: .refused), Fault(spec: "503:json", kind: .refused),
        Fault(spec: "reset", kind: .ambiguous), Fault(spec: "truncate", kind: .ambiguous),
        Fault(spec: "content-type", kind: .ambiguous), Fault(spec: "latency:5000", kind: .slow),
        Fault(spec: "401", kind: .refused), Fault(spec: "204", kind: .noContent),
    ]
    typealias Action = TUIFaultDriver.Action
    static let actions: [Action] = [
        Action(name: "list", method: "GET", path: "/api/v4/widgets", changes: nil, code: nil),
        Action(name: "detail", method: "GET", path: "/api/v4/widgets/amo_asterisk", changes: nil, code: nil),
        Action(name: "install", method: "POST", path: "/api/v4/widgets/tg_notes", changes: "installed", code: "tg_notes"),
        Action(name: "uninstall", method: "DELETE", path: "/api/v4/widgets/zadarma_export", changes: "uninstalled", code: "zadarma_export"),
        Action(name: "users", method: "GET", path: "/api/v4/users", changes: nil, code: nil),
    ]
    /// Cells run at once (each is a TUI process, a tmux server and a sandbox).
    static let parallel = 4

    @Test func everyFaultAgainstEveryAction() async throws {
        let started = ContinuousClock.now
        let only = ProcessInfo.processInfo.environment["TUI_FAULT_CELLS"]  // e.g. "500:json/list,reset/install"
        var cells: [(Fault, Action)] = Self.faults.flatMap { f in Self.actions.map { (f, $0) } }
        if let only { cells = cells.filter { only.split(separator: ",").contains(Substring("\($0.0.spec)/\($0.1.name)")) } }
        var results: [TUIFaultDriver.Cell] = []
        await withTaskGroup(of: TUIFaultDriver.Cell.self) { group in
            var next = 0
            func add() {
                guard next < cells.count else { return }
                let (fault, action) = cells[next]
                next += 1
                group.addTask { await Self.runCell(fault: fault, action: action) }
            }
            for _ in 0..<Self.parallel { add() }
            for await cell in group {
                results.append(cell)
                add()
            }
        }
        if let catalog = TUIFaultDriver.catalog { try? FileManager.default.removeItem(atPath: catalog.path) }
        let order = Dictionary(uniqueKeysWithValues: cells.enumerated().map { ("\($0.element.0.spec)/\($0.element.1.name)", $0.offset) })
        results.sort { order["\($0.fault)/\($0.action)", default: 0] < order["\($1.fault)/\($1.action)", default: 0] }
        for cell in results {
            #expect(cell.problems.isEmpty, "\(cell.fault) × \(cell.action): \(cell.problems) — \(cell.message)\n\(cell.screen)\n\(cell.timeoutScreen)")
        }
        let wall = (ContinuousClock.now - started).seconds
        print(Self.table(results, wall: wall))
        #expect(wall < 180, "the matrix took \(Int(wall)) s")
    }

    /// One cell on a thread of its own, with a fresh sandbox (rate limit off: the faults are aimed).
    static func runCell(fault: Fault, action: Action) async -> TUIFaultDriver.Cell {
        var configuration = SandboxConfiguration()
        configuration.rateLimit = false
        guard let catalog = TUIFaultDriver.catalog else {
            return TUIFaultDriver.Cell(fault: fault.spec, action: action.name, problems: ["the catalogue could not be written"])
        }
        configuration.catalog = .directory(catalog.path)
        guard let sandbox = try? await Sandbox.start(configuration) else {
            return TUIFaultDriver.Cell(fault: fault.spec, action: action.name, problems: ["the sandbox did not start"])
        }
        let driver = TUIFaultDriver(sandbox: sandbox, fault: fault, action: action)
        let cell = await withCheckedContinuation { (continuation: CheckedContinuation<TUIFaultDriver.Cell, Never>) in
            let thread = Thread { continuation.resume(returning: driver.run()) }
            thread.start()
        }
        await sandbox.shutdown()
        return cell
    }

    static func table(_ cells: [TUIFaultDriver.Cell], wall: Double) -> String {
        var out = "TUI fault matrix\n"
        let widths = [14, 10, 8, 12, 6, 7, 6]
        let header = ["fault", "action", "said", "account", "sends", "keys", "cell", "message"]
        for row in [header] + cells.map({ c in
            [c.fault, c.action, c.outcome, c.account, c.action == "install" || c.action == "uninstall" ? "\(c.sends)" : "-",
             c.responsive, c.problems.isEmpty ? "ok" : "FAIL", String(c.message.prefix(150))]
        }) {
            out += zip(row, widths + [0]).map { $1 == 0 ? $0 : $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined() + "\n"
        }
        for c in cells where !c.problems.isEmpty {
            out += "FAILED \(c.fault) × \(c.action): \(c.problems.joined(separator: "; "))\n"
            if let file = ProcessInfo.processInfo.environment["TUI_FAULT_SCREENS"] {  // a file for the failed cells' screens
                let text = "\(c.fault) × \(c.action)\n\(c.screen)\n--- at the timeout:\n\(c.timeoutScreen)\n"
                if let handle = FileHandle(forWritingAtPath: file) ?? { FileManager.default.createFile(atPath: file, contents: nil); return FileHandle(forWritingAtPath: file) }() {
                    handle.seekToEndOfFile(); handle.write(Data(text.utf8)); try? handle.close()
                }
            }
        }
        let passed = cells.filter { $0.problems.isEmpty }.count
        return out + "\(passed)/\(cells.count) cells passed in \(Int(wall.rounded())) s (\(parallel) at a time)"
    }
}
