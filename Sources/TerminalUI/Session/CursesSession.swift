import CNCurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The curses screen while the UI is up: locale, terminal modes, colours, signal handlers and the
/// stderr redirection. Created and ended on the UI thread only; `end()` is idempotent and must run on
/// every exit path (the runner calls it from a `defer`).
final class CursesSession {
    /// False in a non-UTF-8 locale: draw with curses' line-drawing set and ASCII look-alikes.
    let utf8: Bool
    /// True when colour pairs are in use: `NO_COLOR` unset or empty (no-color.org), and the terminal
    /// has at least 8 colours.
    let colors: Bool
    let window: UnsafeMutablePointer<WINDOW>
    private var screen: OpaquePointer?
    private var savedStderr: Int32 = -1
    /// The cursor is shown (curses' state as `placeCursor` last set it).
    var cursorVisible = false
    /// Bytes of a UTF-8 sequence split across reads; what a broken one becomes depends on the locale.
    private var bytes: UTF8ByteAssembler
    /// Ctrl-L was read: the painter draws every row again (`takeRepaintRequest`).
    private var repaintRequested = false
    /// The last bytes read, to tell a typed Ctrl-L from a form feed inside a bracketed paste.
    private var recentBytes: [UInt8] = []
    private var inPaste = false
    private static let pasteStart = Array("\u{1B}[200~".utf8), pasteEnd = Array("\u{1B}[201~".utf8)

    /// Starts curses. - Parameters: `wake` receives a byte on SIGWINCH and terminating signals;
    /// `stderrPath` receives whatever is written to stderr while the screen is up (nil: discarded).
    /// - Throws: `TerminalError.notATerminal`, `.unknownTerminal(TERM)`, `.cannotAddressCursor(TERM)`.
    init(wake: WakePipe, stderrPath: String?) throws {
        setlocale(LC_ALL, "")  // before curses, or wide characters come out as escapes
        guard isatty(0) == 1, isatty(1) == 1 else { throw TerminalError.notATerminal }
        let codeset = nl_langinfo(nl_item(CODESET)).map { String(cString: $0) } ?? ""
        utf8 = Self.isUTF8(codeset: codeset)
        bytes = UTF8ByteAssembler(invalid: utf8 ? .replacement : .latin1)
        cn_save_tty()
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        var newScreen = cn_newterm()
        // A newer emulator's own name (xterm-kitty, xterm-ghostty) is often missing from a server's
        // terminfo; its family's common entry draws correctly, where refusing to start helps no one.
        var substitute: String?
        if newScreen == nil {
            for candidate in Self.fallbackTerminals(for: term) {
                setenv("TERM", candidate, 1)
                newScreen = cn_newterm()
                if newScreen != nil { substitute = candidate; break }
            }
            if newScreen == nil { setenv("TERM", term, 1) }
        }
        guard let screen = newScreen, let window = cn_stdscr() else { throw TerminalError.unknownTerminal(term) }
        guard cn_can_address_cursor() == 1 else {
            endwin()  // newterm already switched the tty modes: give them back before saying why
            delscreen(screen)
            throw TerminalError.cannotAddressCursor(term)
        }
        self.screen = screen
        self.window = window
        raw()  // Ctrl-C, Ctrl-S, Ctrl-Q, Ctrl-Z reach the program as keys
        noecho()
        keypad(window, true)
        nodelay(window, true)  // the loop blocks in poll(), never in curses
        set_escdelay(25)
        curs_set(0)
        leaveok(window, true)  // the cursor starts hidden (see placeCursor)
        let noColor = getenv("NO_COLOR").map { String(cString: $0).isEmpty == false } ?? false
        // The palette needs the 8 ANSI colours; fewer (or none, e.g. vt100) means attributes only.
        colors = !noColor && has_colors() && start_color() == OK && cn_colors() >= 8
        if colors {
            // Without default-colour support (no `op`), -1 is invalid: black background, white text instead.
            let defaults = use_default_colors() == OK
            for entry in Palette.pairs {
                init_pair(entry.pair, defaults || entry.foreground >= 0 ? entry.foreground : Int16(COLOR_WHITE),
                          defaults || entry.background >= 0 ? entry.background : Int16(COLOR_BLACK))
            }
        }
        cn_install_signals(wake.writeFD)
        _ = cn_bracketed_paste(1)  // pastes arrive marked (InputDecoder), not as keys; off in end()
        redirectStderr(to: stderrPath)
        if let substitute {  // stderr is the log file now: one line there, nothing over the screen
            let line = "amowidgets: TERM '\(term)' is unknown to ncurses here; drawing as '\(substitute)'\n"
            _ = line.withCString { write(2, $0, strlen($0)) }
        }
    }

    /// The entries tried, in order, when curses does not know `term`: the common entry of the family
    /// its name starts with (`xterm-kitty` -> `xterm-256color`), nothing for other names (those get
    /// the one-line "unknown terminal" message and exit 1, never a guessed, garbled screen).
    static func fallbackTerminals(for term: String) -> [String] {
        let families: [(prefix: String, entries: [String])] = [
            ("xterm", ["xterm-256color", "xterm"]),
            ("tmux", ["tmux-256color", "screen-256color", "screen"]),
            ("screen", ["screen-256color", "screen"]),
        ]
        guard let family = families.first(where: { term.hasPrefix($0.prefix + "-") }) else { return [] }
        return family.entries.filter { $0 != term }
    }

    /// Ctrl-L: something outside wrote over the screen (line noise, a `wall` message, another process
    /// on the tty), so curses' picture of it is wrong. The next update clears the terminal and draws
    /// every cell again; the painter copies every row (`takeRepaintRequest`).
    func repaintAll() {
        wclear(window)
        repaintRequested = true
    }

    /// True once after `repaintAll`: the painter forgets its previous frame.
    func takeRepaintRequest() -> Bool {
        defer { repaintRequested = false }
        return repaintRequested
    }

    /// Follows the bracketed-paste markers (ESC [200~ … ESC [201~) in the bytes read, which curses
    /// passes through undecoded. - Returns: true while `byte` is inside a paste.
    private func notePaste(_ byte: UInt8) -> Bool {
        recentBytes.append(byte)
        if recentBytes.count > 6 { recentBytes.removeFirst(recentBytes.count - 6) }
        if recentBytes == Self.pasteStart { inPaste = true }
        if recentBytes == Self.pasteEnd { inPaste = false }
        return inPaste
    }

    /// True for the codeset names `nl_langinfo(CODESET)` gives for UTF-8.
    static func isUTF8(codeset: String) -> Bool {
        let name = codeset.lowercased().filter { $0 != "-" && $0 != "_" }
        return name == "utf8"
    }

    /// Reads every key waiting in curses without blocking (`nodelay`), in arrival order. Bytes are
    /// read (`wgetch`) and reassembled by `UTF8ByteAssembler` in every locale: `wget_wch` drops
    /// non-ASCII text in a non-UTF-8 locale and swallows the bytes after a broken sequence in a UTF-8
    /// one (see `UTF8ByteAssembler`).
    func readInput(limit: Int = 4096) -> [RawInput] {
        var result: [RawInput] = []
        while result.count < limit {
            let code = wgetch(window)
            if code == ERR { break }
            if code > 0xFF {
                result += bytes.flush().map { .character($0) }
                result.append(.keyCode(code))
            } else {
                let byte = UInt8(truncatingIfNeeded: code)
                if !notePaste(byte), byte == 0x0C {
                    repaintAll()  // Ctrl-L: this layer's key, as Ctrl-Z; the program never sees it
                    continue
                }
                result += bytes.feed(byte).map { .character($0) }
            }
        }
        return result
    }

    /// The screen size curses uses now.
    var size: TerminalSize { .current() }

    /// After a SIGWINCH that curses has not turned into `KEY_RESIZE` yet: asks the kernel and resizes
    /// curses if it differs. - Returns: true when the size changed.
    func syncSizeWithKernel() -> Bool {
        var rows: Int32 = 0, cols: Int32 = 0
        guard cn_tty_size(&rows, &cols) == 0, rows != cn_lines() || cols != cn_cols() else { return false }
        resizeterm(rows, cols)
        return true
    }

    /// Shows the cursor at (x, y), or hides it for nil. Only changes curses' state when needed.
    func placeCursor(_ position: (x: Int, y: Int)?) {
        let size = size
        if let position, position.x >= 0, position.y >= 0, position.x < size.width, position.y < size.height {
            if !cursorVisible { curs_set(1); leaveok(window, false); cursorVisible = true }
            wmove(window, Int32(position.y), Int32(position.x))
        } else if cursorVisible {
            curs_set(0)
            // A hidden cursor may stay wherever the last change left it: no move after each frame.
            leaveok(window, true)
            cursorVisible = false
        }
    }

    /// Restores the terminal: cursor visible, `endwin` (tty modes back), bracketed paste off, handlers
    /// and stderr back.
    func end() {
        guard let screen else { return }
        self.screen = nil
        curs_set(1)
        endwin()
        _ = cn_bracketed_paste(0)
        cn_remove_signals()
        delscreen(screen)
        restoreStderr()
    }

    private func redirectStderr(to path: String?) {
        let fd = open(path ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        savedStderr = dup(2)
        dup2(fd, 2)
        close(fd)
    }

    private func restoreStderr() {
        guard savedStderr >= 0 else { return }
        dup2(savedStderr, 2)
        close(savedStderr)
        savedStderr = -1
    }

    deinit { end() }
}
