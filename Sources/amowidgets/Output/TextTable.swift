import WidgetManager

/// Human output in columns, aligned by terminal display width (`DisplayWidth`), so Cyrillic, CJK and
/// emoji line up the way the terminal draws them. Every cell passes `TextSanitizer.clean` first: text
/// from the server can never move the cursor or break a row.
enum TextTable {
    /// The rows under `header`, columns separated by two spaces; the last column is not padded.
    /// Returns lines joined by "\n" with a trailing newline; an empty table is the header alone.
    static func render(header: [String], rows: [[String]]) -> String {
        let all = ([header] + rows).map { $0.map { TextSanitizer.clean($0) } }
        let columns = all.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in all {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(cell)) }
        }
        var out = ""
        for row in all {
            var line = ""
            for (i, cell) in row.enumerated() {
                line += cell
                if i < row.count - 1 {
                    line += String(repeating: " ", count: widths[i] - DisplayWidth.of(cell) + 2)
                }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }

    /// `label: value` lines with the values aligned after the widest label (display width).
    static func keyValues(_ pairs: [(String, String)]) -> String {
        let labels = pairs.map { TextSanitizer.clean($0.0) + ":" }
        let width = labels.map { DisplayWidth.of($0) }.max() ?? 0
        var out = ""
        for (label, pair) in zip(labels, pairs) {
            out += label + String(repeating: " ", count: width - DisplayWidth.of(label) + 1) + TextSanitizer.clean(pair.1) + "\n"
        }
        return out
    }
}
