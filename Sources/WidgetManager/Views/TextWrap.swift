/// Word wrapping by terminal columns (for messages too long for one line: a server error with its
/// request id must be read whole, not cut at the edge).
enum TextWrap {
    /// `text` (sanitized) broken into lines of at most `width` columns, at spaces where possible;
    /// a word longer than a line is split. Empty text gives no lines.
    static func lines(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var out: [String] = []
        var line = "", used = 0
        func flush() { if !line.isEmpty { out.append(line) }; line = ""; used = 0 }
        for word in TextSanitizer.clean(text).split(separator: " ", omittingEmptySubsequences: true) {
            let w = DisplayWidth.of(word)
            if used > 0, used + 1 + w > width { flush() }
            if w > width {
                for ch in word {
                    let cw = DisplayWidth.of(ch)
                    if used + cw > width { flush() }
                    line.append(ch)
                    used += cw
                }
                continue
            }
            if used > 0 { line += " "; used += 1 }
            line += word
            used += w
        }
        flush()
        return out
    }
}
