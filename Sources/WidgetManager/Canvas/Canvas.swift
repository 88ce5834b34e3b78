/// One cell of a `Canvas`: a grapheme cluster, the columns it takes, and its style.
///
/// A wide (2-column) character is stored in its first cell; the cell to its right holds an empty
/// `text` with `width == 0` (a continuation), so row arrays always have exactly `Canvas.width` cells.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var width: UInt8
    public var style: Style

    public init(_ text: String = " ", width: UInt8 = 1, style: Style = .plain) {
        self.text = text
        self.width = width
        self.style = style
    }

    public static let blank = Cell()
    static func continuation(_ style: Style) -> Cell { Cell("", width: 0, style: style) }
}

/// A grid of cells that a view draws into; the terminal layer copies the rows that changed since the
/// last frame to the screen. Coordinates are columns (x) and rows (y) from the top-left, 0-based;
/// anything drawn outside the grid is clipped, never an error.
public struct Canvas: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public internal(set) var rows: [[Cell]]

    /// A blank canvas of `width` x `height` cells (negative sizes are treated as 0).
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        // One buffer per row (not one row repeated): a shared row would be copied, cell by cell, on
        // the first write into each row of every frame.
        let w = self.width
        rows = (0..<self.height).map { _ in Array(repeating: .blank, count: w) }
    }

    /// Draws `text` (sanitized first) at (x, y), clipped to `maxWidth` columns and the canvas edge.
    /// A wide character that would straddle the clip edge is replaced by a space.
    /// - Returns: the column just after the last one drawn.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return x }
        let limit = min(width, maxWidth.map { x + max(0, $0) } ?? width)
        if let end = putASCII(text, x: x, y: y, limit: limit, style: style) { return end }
        var col = x
        for ch in TextSanitizer.clean(text) {
            let w = DisplayWidth.of(ch)
            if w == 0 {
                // A zero-width format character on its own (U+200B, U+FEFF, a stray ZWJ...) is dropped:
                // terminals disagree on whether it takes a column. A stray combining mark is attached
                // to the previous cell.
                if let first = ch.unicodeScalars.first, first.properties.generalCategory == .format || first.value == 0x200B { continue }
                if col > 0, col - 1 < width, col - 1 >= 0, rows[y][col - 1].width > 0 { rows[y][col - 1].text.append(ch) }
                continue
            }
            if col + w > limit {
                if col < limit, col >= 0 { rows[y][col] = Cell(" ", style: style); col += 1 }
                break
            }
            if col >= 0 {
                clearWide(at: col, y: y)
                rows[y][col] = Cell(String(ch), width: UInt8(w), style: style)
                if w == 2 { clearWide(at: col + 1, y: y); rows[y][col + 1] = .continuation(style) }
            }
            col += w
        }
        return col
    }

    /// Fills a rectangle with `character` (a 1-column character) in `style`.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, character: Character = " ", style: Style = .plain) {
        let x0 = max(0, x), y0 = max(0, y), x1 = min(width, x + w), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        let cell = Cell(String(character), style: style)  // built once: a frame fills thousands of cells
        for row in y0..<y1 {
            for col in x0..<x1 { rows[row][col] = cell }
        }
    }

    /// Applies `style` to the cells of a rectangle without changing their text (e.g. a selection bar).
    public mutating func restyle(x: Int, y: Int, width w: Int, height h: Int, style: Style) {
        let x0 = max(0, x), y0 = max(0, y), x1 = min(width, x + w), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 { for col in x0..<x1 { rows[row][col].style = style } }
    }

    /// The text of row `y` as the terminal would show it (continuations skipped). Tests compare this.
    public func text(row y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        return rows[y].reduce(into: "") { $0 += $1.text }
    }

    /// The whole canvas as text, rows joined by newlines, trailing spaces trimmed from each row.
    public var text: String {
        (0..<height).map { y in
            var line = text(row: y)
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// If a wide character's half is about to be overwritten, blank its other half so no row ever
    /// holds half a wide character.
    mutating func clearWide(at col: Int, y: Int) {
        guard col >= 0, col < width else { return }
        let cell = rows[y][col]
        if cell.width == 2, col + 1 < width { rows[y][col + 1] = Cell(" ", style: cell.style) }
        if cell.width == 0, col > 0, rows[y][col - 1].width == 2 { rows[y][col - 1] = Cell(" ", style: rows[y][col - 1].style) }
    }
}

extension Canvas {
    /// Replaces every non-ASCII character with its `ASCIILookalike` (`↑` → `^`, letters → `?`; a wide
    /// one fills both columns), for terminals whose locale cannot show them; the layout does not move
    /// because widths are kept.
    public mutating func replaceNonASCII() {
        for y in 0..<height {
            for x in 0..<width {
                let cell = rows[y][x]
                guard cell.width > 0, !cell.text.allSatisfy(\.isASCII) else { continue }
                let stand = String(ASCIILookalike.character(for: cell.text))
                rows[y][x] = Cell(stand, style: cell.style)
                if cell.width == 2, x + 1 < width { rows[y][x + 1] = Cell(stand, style: cell.style) }
            }
        }
    }

    /// Replaces punctuation and symbols a console font lacks (general punctuation such as `—` `…`,
    /// arrows, geometric shapes such as `▶`, dingbats, braille) with their `ASCIILookalike`; letters
    /// and box drawing (U+2500–U+259F, in code page 437) stay. Widths are kept.
    public mutating func replaceSymbols() {
        func lacking(_ value: UInt32) -> Bool {
            (0x2000...0x24FF).contains(value) || (0x25A0...0x27BF).contains(value) || (0x2800...0x28FF).contains(value)
                || (0x2B00...0x2BFF).contains(value) || (0x1F000...0x1FAFF).contains(value)
        }
        for y in 0..<height {
            for x in 0..<width {
                let cell = rows[y][x]
                guard cell.width > 0, let first = cell.text.unicodeScalars.first, lacking(first.value) else { continue }
                let stand = String(ASCIILookalike.character(for: cell.text))
                rows[y][x] = Cell(stand, style: cell.style)
                if cell.width == 2, x + 1 < width { rows[y][x + 1] = Cell(stand, style: cell.style) }
            }
        }
    }
}
