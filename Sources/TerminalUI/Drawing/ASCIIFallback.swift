import WidgetManager

/// What to draw instead of non-ASCII text when the locale is not UTF-8 (`nl_langinfo(CODESET)`):
/// box-drawing characters become curses' line-drawing set, common symbols an ASCII look-alike, and
/// anything else `?` — one per column, so the layout computed for UTF-8 still lines up.
public enum ASCIIFallback {
    /// The VT100 line-drawing letter (`ACS_*`) for a box-drawing character, or nil.
    public static func lineDrawingLetter(_ text: String) -> Character? {
        guard let scalar = text.unicodeScalars.first, text.unicodeScalars.count == 1 else { return nil }
        switch scalar {
        case "─", "━", "═": return "q"
        case "│", "┃", "║": return "x"
        case "┌", "┏", "╔", "╭": return "l"
        case "┐", "┓", "╗", "╮": return "k"
        case "└", "┗", "╚", "╰": return "m"
        case "┘", "┛", "╝", "╯": return "j"
        case "├", "┣", "╠": return "t"
        case "┤", "┫", "╣": return "u"
        case "┬", "┳", "╦": return "w"
        case "┴", "┻", "╩": return "v"
        case "┼", "╋", "╬": return "n"
        default: return nil
        }
    }

    /// ASCII text exactly `width` columns wide standing for `text` (one cell's grapheme cluster):
    /// its `ASCIILookalike`, repeated per column.
    public static func text(for text: String, width: Int) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII }) { return text }
        return String(repeating: ASCIILookalike.character(for: text), count: max(1, width))
    }
}
