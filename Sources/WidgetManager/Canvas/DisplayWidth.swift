/// Terminal column widths of text, measured the way `wcwidth(3)` does in a UTF-8 locale, but without
/// depending on the process locale (tests and non-UTF-8 sessions measure the same way).
///
/// Source of the ranges: Unicode East Asian Width (W and F) and the emoji presentation property.
public enum DisplayWidth {
    /// The width of one Unicode scalar in terminal columns: 0 (combining, format, control), 1 or 2.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }  // fast path: Latin, most punctuation
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B { return 0 }  // zero width space is Cf on some tables, Zs on none: keep it 0
        if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// The width of one grapheme cluster: its first non-zero scalar decides; VS16 (U+FE0F) makes it 2.
    public static func of(_ character: Character) -> Int {
        var width = 0
        for scalar in character.unicodeScalars {
            if scalar.value == 0xFE0F { return 2 }
            if width == 0 { width = of(scalar) }
        }
        return width
    }

    /// The width of a string in terminal columns (after `TextSanitizer.clean`, control characters count 0).
    public static func of(_ text: some StringProtocol) -> Int {
        // Printable ASCII is one column a byte: no grapheme breaking for the common case.
        var ascii = true
        for byte in text.utf8 where byte < 0x20 || byte > 0x7E { ascii = false; break }
        if ascii { return text.utf8.count }
        var total = 0
        for ch in text { total += of(ch) }
        return total
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
             0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
