import Foundation

/// One cell of the terminal matrix (issue 7): a terminal type, a locale, colour or `NO_COLOR`, and a
/// pane size — and the smoke run `amowidgets --sandbox` gets in it. Synchronous on purpose: cells run
/// on their own threads (tmux calls block in `waitpid`), several at a time.
struct TerminalMatrixCell: Hashable, Sendable {
    var term: String
    var locale: String
    var noColor: Bool
    var width: Int
    var height: Int

    var utf8: Bool { locale.lowercased().contains("utf") }
    /// The terminal has the 8 ANSI colours (vt100 has none), so colour is expected unless NO_COLOR.
    var expectsColour: Bool { !noColor && term != "vt100" }
    var name: String { "\(term) \(locale) \(noColor ? "NO_COLOR" : "colour") \(width)x\(height)" }

    /// What a run found: the first fault (nil = ok) and how the typed Cyrillic was shown in the field.
    struct Result: Sendable {
        var fault: String?
        var shown: String?
        var seconds: Double = 0
    }

    static let typed = "Привет"

    /// Start, help (`?`, Esc), browse (↓, PgDn), filter ("tg_no"), open the install form of `tg_notes` (one text field),
    /// type Cyrillic (at 40×12 also shrink to "too small" and back), Ctrl-Q (the "unsaved input" question
    /// proves the text is held; `n` stays), send with
    /// Ctrl-S (the sent record must hold the Cyrillic), quit with `q`; then check the exit status,
    /// stderr, the tty modes and the cursor.
    func run() -> Result {
        let started = ContinuousClock.now
        var result = Result()
        var environment = ["TERM": term, "LANG": locale, "LC_ALL": locale, "E2E_HOLD": "60"]
        if noColor { environment["NO_COLOR"] = "1" }
        let tmux: TmuxHarness
        do { tmux = try TmuxHarness(["--sandbox"], width: width, height: height, environment: environment) } catch {
            result.fault = "tmux: \(error)"
            return result
        }
        defer { tmux.close() }
        result.fault = steps(tmux, &result.shown)
        result.seconds = Double((ContinuousClock.now - started).components.seconds)
        return result
    }

    private func steps(_ tmux: TmuxHarness, _ shown: inout String?) -> String? {
        var screen = ""
        func wait(_ what: String, seconds: Int = 12, _ condition: (String) -> Bool) -> String? {
            let end = ContinuousClock.now + .seconds(seconds)
            while ContinuousClock.now < end {
                screen = tmux.screen()
                if screen.contains("Fatal error") { return "crashed while waiting for \(what)" }
                if condition(screen) { return nil }
                if tmux.hasExited { return "exited while waiting for \(what)" }
                usleep(100_000)
            }
            return "no \(what)"
        }
        func press(_ keys: String...) -> String? {
            do { try tmux.press(keys); return nil } catch { return "send-keys: \(error)" }
        }
        // 1. The list, readable in this locale, coloured or not as the terminal and NO_COLOR say.
        if let fault = wait("list", seconds: 40, { $0.contains("All 600 widgets loaded") && $0.contains("CODE") }) { return fault }
        if let fault = TerminalMatrixScreen.readable(screen, utf8: utf8, consoleFont: term == "linux") { return fault }
        let styled = (try? tmux.tmux(["capture-pane", "-p", "-e", "-t", "e2e"])) ?? ""
        let colour = TerminalMatrixScreen.hasColour(styled)
        if colour != expectsColour { return expectsColour ? "no colour" : "colour despite \(noColor ? "NO_COLOR" : "no colours")" }
        if !TerminalMatrixScreen.hasAttributes(styled) { return "no bold/reverse" }
        if !TerminalMatrixScreen.selectionStandsOut(styled) { return "selection not highlighted" }
        // Help: readable at this size and locale (arrows as ^/v without UTF-8), then closed.
        if let fault = press("?") ?? wait("help", { $0.contains("Help:") }) { return fault }
        if let fault = TerminalMatrixScreen.readable(screen, utf8: utf8, consoleFont: term == "linux", list: false) { return "help: " + fault }
        if !utf8, screen.contains("? k") { return "help shows ? for an arrow" }
        if let fault = press("Escape") ?? wait("help closed", { !$0.contains("Help:") && $0.contains("CODE") }) { return fault }
        // 2. Browse: the selection leaves the first widget.
        let first = TerminalMatrixScreen.selectedRow(screen)
        if first == nil { return "no selection mark" }
        if let fault = press("Down") ?? wait("move down", { TerminalMatrixScreen.selectedRow($0) != first }) { return fault }
        let second = TerminalMatrixScreen.selectedRow(screen)
        // PgDn as the emulator sends it, whatever TERM says (vt100's entry has no kNP).
        if let fault = press("PageDown") ?? wait("page down", { TerminalMatrixScreen.selectedRow($0) != second }) { return fault }
        // 3. Filter by a few letters.
        // Keys reach the program in order through the pty: no need to wait for the prompt.
        if let fault = press("/") { return fault }
        do { try tmux.type("tg_no") } catch { return "type: \(error)" }
        if let fault = press("Enter") ?? wait("filtered list", { $0.contains("1 shown") && TerminalMatrixScreen.selectedRow($0) == "tg_notes" }) { return fault }
        // 4. The install form, Cyrillic typed into its text field.
        if let fault = press("i") ?? wait("form", { $0.contains("Install tg_notes") && $0.contains("Webhook URL") }) { return fault }
        do { try tmux.type(Self.typed) } catch { return "type: \(error)" }
        let expected = utf8 ? Self.typed : String(repeating: "?", count: Self.typed.count)
        if let fault = wait("typed text", { TerminalMatrixScreen.field($0) == expected }) {
            shown = TerminalMatrixScreen.field(screen) ?? "-"
            return fault + " (shown '\(shown ?? "-")')"
        }
        shown = expected
        if let fault = TerminalMatrixScreen.readable(screen, utf8: utf8, consoleFont: term == "linux", list: false) { return "form: " + fault }
        // At the smallest size: one row and column less gives the "too small" message, and the form
        // with its text comes back when the size does.
        if height <= 12 {
            do { try tmux.resize(width: width - 1, height: height - 1) } catch { return "resize: \(error)" }
            if let fault = wait("too-small message", { $0.contains("Terminal too small") }) { return fault }
            do { try tmux.resize(width: width, height: height) } catch { return "resize: \(error)" }
            if let fault = wait("form after resize", { TerminalMatrixScreen.field($0) == expected }) { return fault }
        }
        // 5. Ctrl-Q asks first (the input is held), n stays, Ctrl-S sends it.
        if let fault = press("C-q") ?? wait("quit question", { $0.contains("unsaved input") }) { return fault }
        if let fault = press("n") ?? wait("form again", { !$0.contains("unsaved input") && TerminalMatrixScreen.field($0) == expected }) { return fault }
        if let fault = press("C-s") ?? wait("install", { $0.contains("tg_notes installed") }) { return fault }
        // `--sandbox` keeps its records in a directory of the run under TMPDIR (the harness's `tmp/`).
        let record = TerminalMatrixScreen.sentRecords(tmux.directory.appendingPathComponent("tmp"))
        if !record.contains(Self.typed) { return "sent record lacks the text" }
        // 6. Quit and check what is left behind.
        if let fault = press("q") { return fault }
        let end = ContinuousClock.now + .seconds(20)
        while !tmux.hasExited, ContinuousClock.now < end { usleep(100_000) }
        guard let status = tmux.exitStatus else { return "did not exit" }
        if status != 0 { return "exit status \(status)" }
        let stderr = (try? String(contentsOf: tmux.directory.appendingPathComponent("output"), encoding: .utf8)) ?? ""
        if stderr.contains("Fatal error") || tmux.screen().contains("Fatal error") { return "Fatal error" }
        var (before, after) = tmux.sttyBeforeAndAfter()
        for _ in 0..<20 where after.isEmpty { usleep(100_000); (before, after) = tmux.sttyBeforeAndAfter() }
        if !after.contains("echo") || !after.contains("icanon") { return "echo/icanon off" }
        if after != before { return "tty modes changed" }
        let cursor = (try? tmux.tmux(["display-message", "-p", "-t", "e2e", "#{cursor_flag}"]))?.trimmingCharacters(in: .whitespacesAndNewlines)
        if cursor != "1" { return "cursor hidden" }
        return nil
    }
}

extension TmuxHarness {
    /// The program's exit status once the pane script wrote it, else nil.
    var exitStatus: Int? {
        let text = try? String(contentsOf: directory.appendingPathComponent("exit-status"), encoding: .utf8)
        return text.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// True once the program has exited.
    var hasExited: Bool { exitStatus != nil }

    /// Presses keys by tmux name (array form, for callers holding a list).
    func press(_ keys: [String]) throws { try tmux(["send-keys", "-t", "e2e"] + keys) }
}
