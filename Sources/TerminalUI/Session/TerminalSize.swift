import CNCurses

/// The size of the curses screen in cells, read from ncurses' `COLS` / `LINES` (valid after `initscr`).
public struct TerminalSize: Hashable, Sendable {
    public var width: Int
    public var height: Int

    /// The current curses screen size.
    static func current() -> TerminalSize { TerminalSize(width: Int(cn_cols()), height: Int(cn_lines())) }
}
