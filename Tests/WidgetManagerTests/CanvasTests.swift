import Testing
@testable import WidgetManager

@Suite struct CanvasTests {
    @Test func cyrillicTakesOneColumnPerLetter() {
        var c = Canvas(width: 10, height: 1)
        let end = c.put("Логин", x: 1, y: 0)
        #expect(end == 6)
        #expect(c.text(row: 0) == " Логин    ")
    }

    @Test func wideCharactersTakeTwoCellsAndClipWhole() {
        var c = Canvas(width: 5, height: 1)
        c.put("日本語", x: 0, y: 0)
        // Two wide characters fit in 4 columns; the third would straddle the edge and becomes a space.
        #expect(c.text(row: 0) == "日本 ")
        #expect(c.rows[0][1].width == 0)
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var c = Canvas(width: 4, height: 1)
        c.put("日", x: 0, y: 0)
        c.put("x", x: 1, y: 0)
        #expect(c.text(row: 0) == " x  ")
    }

    @Test func controlCharactersNeverReachTheCanvas() {
        var c = Canvas(width: 20, height: 1)
        c.put("a\u{1B}[2Jb\nc\u{202E}d", x: 0, y: 0)
        #expect(c.text(row: 0) == "a\u{FFFD}[2Jb⏎cd" + String(repeating: " ", count: 11))
    }

    @Test func maxWidthClips() {
        var c = Canvas(width: 10, height: 1)
        let end = c.put("abcdef", x: 2, y: 0, maxWidth: 3)
        #expect(end == 5)
        #expect(c.text == "  abc")
    }

    @Test func widthsMatchTheTerminal() {
        #expect(DisplayWidth.of("amo_asterisk") == 12)
        #expect(DisplayWidth.of("Путь к скрипту") == 14)
        #expect(DisplayWidth.of("e\u{301}") == 1)        // e + combining acute
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.of("한국") == 4)
        #expect(DisplayWidth.of("a\u{200B}b") == 2)
    }
}
