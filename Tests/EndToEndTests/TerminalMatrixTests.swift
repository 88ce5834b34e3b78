import Foundation
import Synchronization
import Testing

extension ReliabilityTerminalTests {
    /// Issue 7, terminal matrix: `amowidgets --sandbox` in tmux for every TERM × locale × colour/NO_COLOR
    /// × pane size (5 × 2 × 2 × 3 = 60 cells), each a smoke run (`TerminalMatrixCell.run`): start, browse,
    /// filter, install form, Cyrillic typed, quit — no crash, a readable screen (ASCII in the C locale,
    /// colour only where the terminal has it and NO_COLOR is unset), typed text kept, the terminal
    /// restored. Cells run `parallel` at a time, each on its own thread, tmux server and home, so the
    /// suite stays within 90 s on a loaded 2-core machine. Prints the matrix as a table.
    @Suite(.serialized) struct TerminalMatrixTests {
        static let terms = ["xterm-256color", "tmux-256color", "screen", "vt100", "linux"]
        static let locales = ["C.UTF-8", "C"]
        static let sizes = [(80, 24), (200, 60), (40, 12)]
        static let parallel = 4

        static var cells: [TerminalMatrixCell] {
            terms.flatMap { term in locales.flatMap { locale in [false, true].flatMap { noColor in
                sizes.map { TerminalMatrixCell(term: term, locale: locale, noColor: noColor, width: $0.0, height: $0.1) }
            } } }
        }

        @Test func everyTerminalLocaleColourAndSize() async throws {
            for term in Self.terms {
                try #require(Self.terminfoExists(term), "terminfo entry \(term) is missing (ncurses-base / ncurses-term)")
            }
            let started = ContinuousClock.now
            let results = await Self.runAll(Self.cells)
            let elapsed = ContinuousClock.now - started
            print(Self.table(results) + "wall time \(elapsed.components.seconds) s for \(results.count) cells, \(Self.parallel) at a time")
            for cell in Self.cells {
                guard let result = results[cell] else { Issue.record("\(cell.name): not run"); continue }
                if let fault = result.fault { Issue.record("\(cell.name): \(fault)") }
            }
        }

        /// Outside the matrix: a terminal type that cannot move the cursor (`dumb`) or that ncurses does
        /// not know gets one clear line on stderr and exit status 1 — no garbled screen, tty as before.
        @Test(arguments: ["dumb", "no-such-terminal"])
        func terminalsThatCannotShowTheScreenGetAMessage(term: String) async throws {
            let tmux = try TmuxHarness(["--sandbox"], width: 80, height: 24, environment: ["TERM": term])
            defer { tmux.close() }
            #expect(await tmux.waitForExit() == 1)
            let stderr = (try? String(contentsOf: tmux.directory.appendingPathComponent("output"), encoding: .utf8)) ?? ""
            #expect(stderr.hasPrefix("amowidgets: the terminal type '\(term)'"), "stderr: \(stderr)")
            #expect(stderr.split(separator: "\n").count == 1, "one line: \(stderr)")
            #expect(await !tmux.screen().contains("amowidgets ─"), "a screen was drawn")
            var (before, after) = tmux.sttyBeforeAndAfter()
            for _ in 0..<20 where after.isEmpty { try await Task.sleep(for: .milliseconds(100)); (before, after) = tmux.sttyBeforeAndAfter() }
            #expect(!after.isEmpty && after == before, "tty modes changed")
        }

        /// Runs `cells`, `parallel` at a time, each on a thread of its own. - Returns: results by cell.
        static func runAll(_ cells: [TerminalMatrixCell]) async -> [TerminalMatrixCell: TerminalMatrixCell.Result] {
            final class Shared: Sendable {
                let queue: Mutex<[TerminalMatrixCell]>
                let results = Mutex<[TerminalMatrixCell: TerminalMatrixCell.Result]>([:])
                let running = Mutex(0)
                init(_ cells: [TerminalMatrixCell], workers: Int) { queue = Mutex(cells); running.withLock { $0 = workers } }
            }
            let workers = min(parallel, cells.count)
            let shared = Shared(cells, workers: workers)
            return await withCheckedContinuation { continuation in
                for _ in 0..<workers {
                    let thread = Thread {
                        while let cell = shared.queue.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
                            let result = cell.run()
                            shared.results.withLock { $0[cell] = result }
                        }
                        if shared.running.withLock({ $0 -= 1; return $0 }) == 0 {
                            continuation.resume(returning: shared.results.withLock { $0 })
                        }
                    }
                    thread.stackSize = 1 << 20
                    thread.start()
                }
            }
        }

        /// Rows TERM × locale, columns colour/NO_COLOR × size; each cell "ok" or "FAIL [n]", the faults
        /// listed by number below, then what the typed Cyrillic looked like per locale.
        static func table(_ results: [TerminalMatrixCell: TerminalMatrixCell.Result]) -> String {
            let columns = [false, true].flatMap { noColor in sizes.map { (noColor, $0.0, $0.1) } }
            func pad(_ text: String, _ n: Int) -> String { text + String(repeating: " ", count: max(1, n - text.count)) }
            var faults: [String] = []
            var text = "terminal matrix (amowidgets --sandbox in tmux: start, help, browse, filter, form, Cyrillic, send, quit)\n"
            text += pad("TERM / locale", 24) + columns.map { pad("\($0.0 ? "NO_COLOR" : "colour") \($0.1)x\($0.2)", 16) }.joined() + "\n"
            var shown: [String: Set<String>] = [:]
            var allPassed: [String: Bool] = [:]
            for term in terms {
                for locale in locales {
                    text += pad("\(term) \(locale)", 24)
                    for (noColor, w, h) in columns {
                        let cell = TerminalMatrixCell(term: term, locale: locale, noColor: noColor, width: w, height: h)
                        let result = results[cell] ?? TerminalMatrixCell.Result(fault: "not run")
                        if let value = result.shown { shown[locale, default: []].insert(value) }
                        allPassed[locale] = (allPassed[locale] ?? true) && result.fault == nil
                        guard let fault = result.fault else { text += pad("ok", 16); continue }
                        if !faults.contains(fault) { faults.append(fault) }
                        text += pad("FAIL [\((faults.firstIndex(of: fault) ?? 0) + 1)]", 16)
                    }
                    text += "\n"
                }
            }
            for (n, fault) in faults.enumerated() { text += "[\(n + 1)] \(fault)\n" }
            text += "\(results.values.filter { $0.fault == nil }.count)/\(results.count) cells passed\n"
            for locale in locales {
                text += "typed '\(TerminalMatrixCell.typed)' shown in the field under \(locale): "
                text += (shown[locale] ?? []).sorted().map { "'\($0)'" }.joined(separator: ", ")
                text += allPassed[locale] == true ? "; every sent record holds '\(TerminalMatrixCell.typed)'\n" : "\n"
            }
            return text + "slowest cell \(Int(results.values.map(\.seconds).max() ?? 0)) s\n"
        }

        /// True when a compiled terminfo entry for `term` exists where ncurses looks (`$TERMINFO`, then
        /// the system folders; Debian's `ncurses-base` puts the five in /lib/terminfo, `ncurses-term` in
        /// /usr/share/terminfo). No child process: nothing here can hang.
        static func terminfoExists(_ term: String) -> Bool {
            guard let first = term.first else { return false }
            let folders = [ProcessInfo.processInfo.environment["TERMINFO"], NSHomeDirectory() + "/.terminfo",
                           "/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo", "/usr/lib/terminfo"].compactMap { $0 }
            let hex = String(first.asciiValue ?? 0, radix: 16)
            return folders.contains { folder in
                FileManager.default.fileExists(atPath: "\(folder)/\(first)/\(term)") || FileManager.default.fileExists(atPath: "\(folder)/\(hex)/\(term)")
            }
        }
    }
}
