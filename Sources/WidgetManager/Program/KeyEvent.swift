/// A key press, decoded by the terminal layer from curses' `wget_wch` results.
///
/// Letters arrive as `.char`; Ctrl-letter combinations as `.ctrl` with the lowercase letter (Ctrl-C is
/// `.ctrl("c")`, never a signal, because the session runs in raw mode). There are no Alt keys: Alt-x
/// arrives as Esc then x, which is also how a quick Esc, x reaches the program over SSH.
public enum KeyEvent: Hashable, Sendable {
    case char(Character)
    case ctrl(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete, insert
    case function(Int)
}

/// Everything the terminal layer tells the application: keys, size changes, and pasted text.
public enum TerminalEvent: Hashable, Sendable {
    case key(KeyEvent)
    /// The terminal now has `width` columns and `height` rows.
    case resize(width: Int, height: Int)
}
