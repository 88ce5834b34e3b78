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
        return (0..<new.height).filter { !new.sameRow($0, as: old) }
    }

    /// Splits a row into segments of one style each. A wide (2-column) character ends its segment, so
    /// a terminal whose `wcwidth` disagrees with ours cannot shift the rest of the row. With
    /// `asciiOnly` (a non-UTF-8 locale) box-drawing characters become `.lineDrawing` and any other
    /// non-ASCII text is replaced by `ASCIIFallback`, keeping every cell's width.
    public static func segments(of row: [Cell], asciiOnly: Bool) -> [DrawSegment] {
        var runs = Runs(capacity: row.count)
        // Cells are read in place (borrowed), not copied out of the row one by one.
        row.withUnsafeBufferPointer { cells in
            for x in cells.indices {
                let width = cells[x].width, style = cells[x].style
                if width == 0 { continue }  // the right half of a wide character
                if asciiOnly, let letter = ASCIIFallback.lineDrawingLetter(cells[x].text) {
                    runs.flush()
                    runs.result.append(.lineDrawing(x: x, vt100: letter, style))
                    continue
                }
                if runs.style != style { runs.flush(); runs.start = x; runs.style = style }
                if asciiOnly { runs.add(ASCIIFallback.text(for: cells[x].text, width: Int(width))) } else { runs.add(cells[x].text) }
                if width > 1 { runs.flush() }
            }
        }
        runs.flush()
        return runs.result
    }
}

/// The segments of one row being built: the current run's text is gathered as UTF-8 bytes and made
/// a String once (appending each cell's String to a String cost more than the rest of a changed
/// row's work).
private struct Runs {
    var result: [DrawSegment] = []
    var bytes: [UInt8] = []
    var start = 0
    var style: Style?

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            if utf8.count == 1 { bytes.append(utf8[0]) } else { bytes.append(contentsOf: utf8) }
        }
    }

    /// Ends the current run (if it has text).
    mutating func flush() {
        if let style, !bytes.isEmpty { result.append(.text(x: start, String(decoding: bytes, as: UTF8.self), style)) }
        bytes.removeAll(keepingCapacity: true)
        style = nil
    }
}
