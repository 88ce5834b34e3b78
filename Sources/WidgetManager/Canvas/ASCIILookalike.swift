/// The ASCII stand-in for a character a non-UTF-8 terminal cannot show: arrows, stars, dashes,
/// quotes and the like get a look-alike (`↑` → `^`, `…` → `.`), anything else (letters) `?`.
/// One table for both the views (`Canvas.replaceNonASCII`) and the terminal layer's fallback, so the
/// help's "↑ k" reads "^ k" in a C locale instead of "? k" (and `?` is the help key).
public enum ASCIILookalike {
    /// The stand-in for `text` (one cell's grapheme cluster); ASCII text is its own stand-in.
    public static func character(for text: String) -> Character {
        guard let scalar = text.unicodeScalars.first else { return " " }
        if scalar.isASCII { return Character(scalar) }  // a base letter with combining marks: the letter
        switch scalar.value {
        case 0x2605, 0x2606, 0x2022, 0x25CF, 0x2731: return "*"          // ★ ☆ • ● ✱
        case 0x2026, 0x00B7: return "."                                   // … ·
        case 0x2191, 0x25B2: return "^"                                   // ↑ ▲
        case 0x2193, 0x25BC: return "v"                                   // ↓ ▼
        case 0x2190, 0x25C0, 0x00AB: return "<"                           // ← ◀ «
        case 0x2192, 0x25B6, 0x00BB: return ">"                           // → ▶ »
        case 0x2713, 0x2714: return "+"                                   // ✓ ✔
        case 0x2717, 0x2718, 0x00D7: return "x"                           // ✗ ✘ ×
        case 0x2013, 0x2014, 0x2212, 0x2500, 0x2501, 0x2550: return "-"   // – — − ─ ━ ═
        case 0x2502, 0x2503, 0x2551: return "|"                           // │ ┃ ║
        case 0x250C...0x254B, 0x2552...0x256C, 0x256D...0x2570: return "+"  // corners and tees
        case 0x201C, 0x201D, 0x201E: return "\""
        case 0x2018, 0x2019: return "'"
        case 0x23CE: return "~"                                           // ⏎ (a newline made visible)
        case 0x2588, 0x2591...0x2593: return "#"                          // █ ░ ▒ ▓
        case 0x2800...0x28FF: return "*"                                  // braille spinner frames
        case 0x25CB, 0x25EF: return "o"                                   // ○ ◯
        default: return "?"
        }
    }
}
