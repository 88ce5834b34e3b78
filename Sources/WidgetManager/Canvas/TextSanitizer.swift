/// Makes text from the server (or from anywhere outside this program) safe to draw: nothing in it may
/// move the cursor or change the terminal's state.
///
/// C0/C1 control characters (ESC among them) and DEL become U+FFFD, a newline becomes `⏎`, a tab one
/// space; bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the bidi marks
/// (LRM U+200E, RLM U+200F, ALM U+061C) are dropped: a bidi-aware terminal would reorder the row;
/// invisible format characters (zero-width space/joiners outside emoji, BOM, soft hyphen) are dropped.
public enum TextSanitizer {
    /// Returns `text` with every control character made visible or removed (see the type's doc).
    public static func clean(_ text: some StringProtocol) -> String {
        var needsWork = false
        for s in text.unicodeScalars where isUnsafe(s) || isInvisibleFormat(s) { needsWork = true; break }
        if !needsWork { return String(text) }
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for s in text.unicodeScalars {
            defer { previous = s }
            switch s.value {
            case 0x0A, 0x0D: out.append("⏎")
            case 0x09: out.append(" ")
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: continue
            // A zero-width joiner stays only inside an emoji sequence (👩‍👧); elsewhere it and the other
            // invisible format characters go: terminals disagree on them and would shift the row.
            case 0x200D where previous.map(isEmojiPart) ?? false: out.append(s)
            default:
                if isInvisibleFormat(s) { continue }
                out.append(isUnsafe(s) ? "\u{FFFD}" : s)
            }
        }
        return String(out)
    }

    /// Zero-width format characters (general category Cf: U+200B–U+200D, U+2060–U+2064, U+FEFF, the
    /// soft hyphen...), except the emoji tag characters (U+E0020–U+E007F, subdivision flags).
    static func isInvisibleFormat(_ s: Unicode.Scalar) -> Bool {
        guard s.value >= 0xAD else { return false }
        if (0xE0020...0xE007F).contains(s.value) { return false }
        return s.value == 0x200B || s.properties.generalCategory == .format
    }

    /// True for a scalar an emoji ZWJ sequence continues from: a pictograph, VS16, a skin tone.
    static func isEmojiPart(_ s: Unicode.Scalar) -> Bool {
        s.value == 0xFE0F || (s.value >= 0x2000 && s.properties.isEmoji)
    }

    @inline(__always)
    static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (v >= 0x7F && v < 0xA0) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C
    }
}
