/// A key press, decoded by the terminal layer from curses' `wget_wch` results.
///
/// Letters arrive as `.char`; Ctrl-letter combinations as `.ctrl` with the lowercase letter (Ctrl-C is
/// `.ctrl("c")`, never a signal, because the session runs in raw mode). There are no Alt keys: Alt-x
/// arrives as Esc then x, which is also how a quick Esc, x reaches the program over SSH. Ctrl-Z never
/// reaches the program: the terminal layer suspends the process on it (job control, `fg` resumes).
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
    /// Text the user pasted, delivered whole instead of as keys (xterm bracketed paste, mode 2004:
    /// the terminal wraps it in `ESC[200~` … `ESC[201~`). Raw: it may hold newlines, tabs and other
    /// control characters, so the program must clean it before use and must never read it as
    /// commands (a pasted "y" is not an answer). At most `TerminalEvent.pasteLimit` Unicode scalars:
    /// a longer paste arrives cut to that length. Bytes that are not UTF-8 arrive as U+FFFD (or, in a
    /// non-UTF-8 locale, as their Latin-1 characters). Terminals without bracketed paste send the
    /// text as ordinary keys instead.
    case paste(String)
    /// The answer to `Program.takeEditRequest`: the text as the external editor left it, or why the
    /// editor could not run (`text` nil, `error` in words).
    case edited(text: String?, error: String?)

    /// The most Unicode scalars one `.paste` carries (64 Ki): the terminal layer keeps no more, so a
    /// runaway paste cannot fill memory; a paste of exactly this length was probably cut.
    public static let pasteLimit = 65_536
}

/// A text the program wants edited in the user's editor (`$VISUAL`, else `$EDITOR`, else `vi`): the
/// terminal layer gives the terminal to the editor (as for Ctrl-Z), then answers `.edited`.
public struct EditRequest: Hashable, Sendable {
    /// The text the editor opens with.
    public var text: String
    /// The temporary file's ending, e.g. `.json`, so the editor picks its syntax.
    public var fileSuffix: String
    public init(text: String, fileSuffix: String) { self.text = text; self.fileSuffix = fileSuffix }
}
