import Testing
import WidgetManager
@testable import TerminalUI

/// Frame diffing: which rows change between Canvases and how a row splits into same-style runs.
@Suite struct FrameDiffTests {
    @Test func firstFrameAndResizeRedrawEveryRow() {
        let canvas = Canvas(width: 10, height: 3)
        #expect(FrameDiff.changedRows(from: nil, to: canvas) == [0, 1, 2])
        #expect(FrameDiff.changedRows(from: Canvas(width: 9, height: 3), to: canvas) == [0, 1, 2])
    }

    @Test func onlyChangedRowsAreCopied() {
        var old = Canvas(width: 20, height: 5)
        old.put("amo_asterisk", x: 0, y: 1)
        var new = old
        #expect(FrameDiff.changedRows(from: old, to: new).isEmpty)
        new.put("amo_dropbox", x: 0, y: 3)
        new.restyle(x: 0, y: 1, width: 20, height: 1, style: Style(.selection))
        #expect(FrameDiff.changedRows(from: old, to: new) == [1, 3])
    }

    @Test func rowSplitsIntoRunsByStyle() {
        var canvas = Canvas(width: 12, height: 1)
        canvas.put("ab", x: 0, y: 0)
        canvas.put("CD", x: 2, y: 0, style: Style(.error, .bold))
        let segments = FrameDiff.segments(of: canvas.rows[0], asciiOnly: false)
        #expect(segments == [
            .text(x: 0, "ab", .plain),
            .text(x: 2, "CD", Style(.error, .bold)),
            .text(x: 4, "        ", .plain),
        ])
    }

    @Test func wideCharacterEndsItsRunAndCyrillicDoesNot() {
        var canvas = Canvas(width: 8, height: 1)
        canvas.put("中a", x: 0, y: 0)
        canvas.put("Жж", x: 3, y: 0)
        let segments = FrameDiff.segments(of: canvas.rows[0], asciiOnly: false)
        #expect(segments == [.text(x: 0, "中", .plain), .text(x: 2, "aЖж   ", .plain)])
    }

    @Test func asciiOnlyUsesLineDrawingAndKeepsWidths() {
        var canvas = Canvas(width: 8, height: 1)
        canvas.put("│Ж★中", x: 0, y: 0)
        let segments = FrameDiff.segments(of: canvas.rows[0], asciiOnly: true)
        #expect(segments == [
            .lineDrawing(x: 0, vt100: "x", .plain),
            .text(x: 1, "?*??", .plain),
            .text(x: 5, "   ", .plain),
        ])
        let columns = segments.reduce(0) { total, segment in
            switch segment {
            case .text(_, let text, _): total + text.count
            case .lineDrawing: total + 1
            }
        }
        #expect(columns == 8)
    }

    @Test func asciiFallbackTable() {
        #expect(ASCIIFallback.lineDrawingLetter("┌") == "l")
        #expect(ASCIIFallback.lineDrawingLetter("┼") == "n")
        #expect(ASCIIFallback.lineDrawingLetter("a") == nil)
        #expect(ASCIIFallback.text(for: "↓", width: 1) == "v")
        #expect(ASCIIFallback.text(for: "⠋", width: 1) == "*")
        #expect(ASCIIFallback.text(for: "漢", width: 2) == "??")
        #expect(ASCIIFallback.text(for: "x", width: 1) == "x")
    }
}
