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

    /// ASCII text exactly `width` columns wide standing for `text` (one cell's grapheme cluster).
    public static func text(for text: String, width: Int) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII }) { return text }
        let symbol: Character
        switch text.unicodeScalars.first?.value ?? 0 {
        case 0x2605, 0x2606, 0x2022, 0x25CF, 0x2731: symbol = "*"          // ★ ☆ • ● ✱
        case 0x2026, 0x00B7: symbol = "."                                   // … ·
        case 0x2191, 0x25B2: symbol = "^"                                   // ↑ ▲
        case 0x2193, 0x25BC: symbol = "v"                                   // ↓ ▼
        case 0x2190, 0x25C0, 0x00AB: symbol = "<"                           // ← ◀ «
        case 0x2192, 0x25B6, 0x00BB: symbol = ">"                           // → ▶ »
        case 0x2713, 0x2714: symbol = "+"                                   // ✓ ✔
        case 0x2717, 0x2718, 0x00D7: symbol = "x"                           // ✗ ✘ ×
        case 0x2013, 0x2014, 0x2212: symbol = "-"                           // – — −
        case 0x201C, 0x201D, 0x201E: symbol = "\""
        case 0x2018, 0x2019: symbol = "'"
        case 0x23CE: symbol = "~"                                           // ⏎ (a newline made visible)
        case 0x2588, 0x2591...0x2593: symbol = "#"                          // █ ░ ▒ ▓
        case 0x2800...0x28FF: symbol = "*"                                  // braille spinner frames
        case 0x25CB, 0x25EF: symbol = "o"                                   // ○ ◯
        default: symbol = "?"
        }
        return String(repeating: symbol, count: max(1, width))
    }
}
