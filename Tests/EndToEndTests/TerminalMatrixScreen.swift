import Foundation

/// Reading the terminal matrix's screen captures: what is visible, the selection, the focused form
/// field, and the colours and attributes in `capture-pane -e` output.
enum TerminalMatrixScreen {
    /// A fault when the screen is not readable: title and list header must show, and in a non-UTF-8
    /// locale only ASCII may be on it (the ASCII fallback); in UTF-8 the frame is box drawing.
    /// With `consoleFont` (TERM=linux) the symbols a console font lacks (`▶`, `…`, braille) must not show.
    static func readable(_ screen: String, utf8: Bool, consoleFont: Bool = false, list: Bool = true) -> String? {
        if !screen.contains("amowidgets") { return "no title" }
        if list, !screen.contains("CODE") || !screen.contains("tg_notes") && !screen.contains("amo_") { return "no list" }
        if screen.contains("\u{FFFD}") { return "U+FFFD on screen" }
        // The frame is whole: every row begins and ends with a frame character (nothing overran it).
        let left: Set<Character> = ["│", "├", "┌", "└", "|", "+"], right: Set<Character> = ["│", "┤", "┐", "┘", "|", "+"]
        for line in screen.split(separator: "\n") where !line.isEmpty {
            guard let first = line.first, let last = line.last, left.contains(first), right.contains(last) else {
                return "frame broken: '\(line.prefix(12))…\(line.suffix(6))'"
            }
        }
        if utf8 {
            if !screen.contains("┌") || !screen.contains("│") { return "no box drawing" }
            if consoleFont, let bad = screen.unicodeScalars.first(where: { (0x2000...0x24FF).contains($0.value) || (0x25A0...0x28FF).contains($0.value) }) {
                return "U+\(String(bad.value, radix: 16, uppercase: true)) on a console font"
            }
        } else if let bad = screen.unicodeScalars.first(where: { !$0.isASCII }) {
            return "non-ASCII U+\(String(bad.value, radix: 16, uppercase: true)) in C locale"
        }
        return nil
    }

    /// The code on the list row carrying the selection mark (`▶`, or `>` in ASCII), or nil.
    static func selectedRow(_ screen: String) -> String? {
        for line in screen.split(separator: "\n") {
            let cells = Array(line)
            guard cells.count > 2, cells[1] == "▶" || cells[1] == ">", cells[0] == "│" || cells[0] == "|" else { continue }
            return String(cells[2...].prefix(while: { $0 != " " }))
        }
        return nil
    }

    /// The text in the box of the "Webhook URL" field, trailing spaces removed; nil when not shown.
    static func field(_ screen: String) -> String? {
        guard let line = screen.split(separator: "\n").first(where: { $0.contains("Webhook U") }),  // cut to "Webhook U… *" at 40 columns
              let open = line.firstIndex(of: "["), let close = line[open...].firstIndex(of: "]") else { return nil }
        var text = String(line[line.index(after: open)..<close])
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The SGR parameter lists in `styled` (`capture-pane -e` output).
    static func sgrParameters(_ styled: String) -> [[Int]] {
        var result: [[Int]] = []
        var rest = Substring(styled)
        while let start = rest.range(of: "\u{1B}[") {
            let body = rest[start.upperBound...]
            guard let end = body.firstIndex(where: { !($0.isNumber || $0 == ";") }) else { break }
            if body[end] == "m" { result.append(body[..<end].split(separator: ";").compactMap { Int($0) }) }
            rest = body[end...]
        }
        return result
    }

    /// True when any foreground or background colour other than the default is set.
    static func hasColour(_ styled: String) -> Bool {
        sgrParameters(styled).contains { params in
            params.contains { (30...37).contains($0) || (40...47).contains($0) || (90...97).contains($0)
                || (100...107).contains($0) || $0 == 38 || $0 == 48 }
        }
    }

    /// True when the list row with the selection mark stands out: reverse video or a background colour
    /// (without colour the selection must still be visible).
    static func selectionStandsOut(_ styled: String) -> Bool {
        guard let line = styled.split(separator: "\n").first(where: { $0.contains("▶") || $0.contains(">amo_") }) else { return false }
        return sgrParameters(String(line)).contains { params in
            params.contains(7) || params.contains { (40...47).contains($0) || (100...107).contains($0) || $0 == 48 }
        }
    }

    /// True when bold or reverse is used (what tells roles apart without colour).
    static func hasAttributes(_ styled: String) -> Bool {
        sgrParameters(styled).contains { $0.contains(1) || $0.contains(7) }
    }

    /// The text of every sent-settings record under `home` (`sent/<host>/<code>-<time>.json`).
    static func sentRecords(_ home: URL) -> String {
        let files = FileManager.default.enumerator(atPath: home.path)?.compactMap { $0 as? String } ?? []
        return files.filter { ($0.hasPrefix("sent/") || $0.contains("/sent/")) && $0.hasSuffix(".json") }
            .compactMap { try? String(contentsOf: home.appendingPathComponent($0), encoding: .utf8) }
            .joined(separator: "\n")
    }
}
