/// Makes text from the server (or from anywhere outside this program) safe to draw: nothing in it may
/// move the cursor or change the terminal's state.
///
/// C0/C1 control characters (ESC among them) and DEL become U+FFFD, a newline becomes `⏎`, a tab one
/// space; bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the bidi marks
/// (LRM U+200E, RLM U+200F, ALM U+061C) are dropped: a bidi-aware terminal would reorder the row.
public enum TextSanitizer {
    /// Returns `text` with every control character made visible or removed (see the type's doc).
    public static func clean(_ text: some StringProtocol) -> String {
        var needsWork = false
        for s in text.unicodeScalars where isUnsafe(s) { needsWork = true; break }
        if !needsWork { return String(text) }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s.value {
            case 0x0A, 0x0D: out.append("⏎")
            case 0x09: out.append(" ")
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: continue
            default: out.append(isUnsafe(s) ? "\u{FFFD}" : s)
            }
        }
        return String(out)
    }

    @inline(__always)
    static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (v >= 0x7F && v < 0xA0) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C
    }
}
