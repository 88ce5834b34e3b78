import WidgetManager

/// A piece of one row to hand to curses: text in one style starting at column `x`, or a single
/// line-drawing character (`ACS_*`, named by its VT100 letter) for terminals without UTF-8.
public enum DrawSegment: Hashable, Sendable {
    case text(x: Int, String, Style)
    case lineDrawing(x: Int, vt100: Character, Style)
}

/// Decides what to copy to curses for a new frame. Pure: tested on Canvases, no terminal.
public enum FrameDiff {
    /// The rows of `new` that differ from `old`; every row when there is no previous frame or its
    /// size differs (after a resize the screen was cleared).
    public static func changedRows(from old: Canvas?, to new: Canvas) -> [Int] {
        guard let old, old.width == new.width, old.height == new.height else { return Array(0..<new.height) }
        return (0..<new.height).filter { old.rows[$0] != new.rows[$0] }
    }

    /// Splits a row into segments of one style each. A wide (2-column) character ends its segment, so
    /// a terminal whose `wcwidth` disagrees with ours cannot shift the rest of the row. With
    /// `asciiOnly` (a non-UTF-8 locale) box-drawing characters become `.lineDrawing` and any other
    /// non-ASCII text is replaced by `ASCIIFallback`, keeping every cell's width.
    public static func segments(of row: [Cell], asciiOnly: Bool) -> [DrawSegment] {
        var result: [DrawSegment] = []
        var text = "", start = 0, style: Style? = nil
        func flush() {
            if let style, !text.isEmpty { result.append(.text(x: start, text, style)) }
            text = ""
            style = nil
        }
        var x = 0
        for cell in row {
            defer { x += 1 }
            if cell.width == 0 { continue }  // the right half of a wide character
            if asciiOnly, let letter = ASCIIFallback.lineDrawingLetter(cell.text) {
                flush()
                result.append(.lineDrawing(x: x, vt100: letter, cell.style))
                continue
            }
            let piece = asciiOnly ? ASCIIFallback.text(for: cell.text, width: Int(cell.width)) : cell.text
            if style != cell.style { flush(); start = x; style = cell.style }
            text += piece
            if cell.width > 1 { flush() }
        }
        flush()
        return result
    }
}
