import Foundation
@testable import WidgetManager

/// Text a hostile or broken server could send (issue 7, "hostile text"), and the checks that a
/// drawn `Canvas` holds nothing a terminal would interpret and keeps its layout.
enum HostileText {
    /// Named hostile strings; each must reach the screen only as harmless, measured text.
    static let samples: [(name: String, text: String)] = [
        ("CSI clear + colour", "ev\u{1B}[2J\u{1B}[31mil\u{1B}[0m"),
        ("OSC title + BEL", "t\u{1B}]0;pwned\u{07}x"),
        ("C1 CSI, DEL, NUL", "a\u{9B}31mb\u{7F}c\u{0}d"),
        ("cursor moves, CR LF, tab", "row\r\n\u{1B}[10;10Hmoved\tend"),
        ("RTL override", "abc\u{202E}gnp.exe\u{202C}"),
        ("RTL/LTR/ALM marks, isolates", "\u{200F}mark\u{200E}\u{061C}\u{2067}iso\u{2069}"),
        ("zero-width", "z\u{200B}w\u{200C}j\u{200D}n\u{FEFF}x\u{2060}"),
        ("combining pile", "e" + String(repeating: "\u{301}", count: 60) + "Z\u{337}\u{327}\u{31B}a"),
        ("lone combining", "\u{301}\u{302}start"),
        ("wide + emoji", "表示👩‍👩‍👧‍👦🇷🇺x"),
        ("10,000 characters", String(repeating: "Ж", count: 5_000) + String(repeating: "w", count: 5_000)),
    ]

    /// Scalars that must never be in a cell: C0/C1 controls, DEL, bidi embeddings/overrides/isolates
    /// and the bidi marks (a bidi-aware terminal would reorder the row).
    static func isForbidden(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (0x7F..<0xA0).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// Problems found in `canvas`: forbidden scalars, cell widths that disagree with the text, rows whose
    /// widths do not add up to the canvas width, a continuation cell not after a wide one.
    static func problems(_ canvas: Canvas) -> [String] {
        var out: [String] = []
        for (y, row) in canvas.rows.enumerated() {
            if row.count != canvas.width { out.append("row \(y): \(row.count) cells, not \(canvas.width)") }
            var columns = 0
            for (x, cell) in row.enumerated() {
                if let bad = cell.text.unicodeScalars.first(where: isForbidden) {
                    out.append("row \(y) col \(x): U+\(String(bad.value, radix: 16, uppercase: true)) in a cell")
                }
                switch cell.width {
                case 0:
                    if x == 0 || row[x - 1].width != 2 { out.append("row \(y) col \(x): continuation without a wide cell") }
                case 1, 2:
                    columns += Int(cell.width)
                    if cell.text.count != 1 { out.append("row \(y) col \(x): \(cell.text.count) characters in one cell") }
                    else if let ch = cell.text.first, DisplayWidth.of(ch) != Int(cell.width), !(DisplayWidth.of(ch) == 0 && cell.width == 1) {
                        out.append("row \(y) col \(x): width \(cell.width) for a \(DisplayWidth.of(ch))-column character")
                    }
                default: out.append("row \(y) col \(x): width \(cell.width)")
                }
            }
            if columns != canvas.width { out.append("row \(y): \(columns) columns drawn, not \(canvas.width)") }
        }
        return out
    }

    /// The layout skeleton of a screen: for each row, the frame columns (first and last cell) and
    /// whether it is a divider; text inside is left out. Two screens with the same layout compare equal.
    static func skeleton(_ canvas: Canvas) -> [String] {
        canvas.rows.map { row in
            guard let first = row.first, let last = row.last else { return "" }
            let divider = row.count > 2 && row[1].text == "─" && row[row.count / 2].text == "─"
            return first.text + (divider ? "─" : " ") + last.text
        }
    }
}
