import Testing
@testable import WidgetManager

/// `Canvas.sameRow` (the frame diff's row comparison) and the ASCII path of `put` must give exactly
/// what the general code gives.
@Suite struct CanvasFastPathTests {
    /// A canvas with `text` drawn at column 1 of its only row.
    func canvas(_ text: String, style: Style = .plain, width: Int = 40) -> Canvas {
        var c = Canvas(width: width, height: 1)
        c.put(text, x: 1, y: 0, style: style)
        return c
    }

    @Test func sameRowAgreesWithRowEquality() {
        let pairs: [(Canvas, Canvas)] = [
            (canvas("amo_asterisk"), canvas("amo_asterisk")),
            (canvas("amo_asterisk"), canvas("amo_asterisK")),
            (canvas("amo"), canvas("amo", style: Style(.selection, [.reverse]))),
            (canvas("Логин 日本"), canvas("Логин 日本")),
            // A 25-byte emoji cluster is a heap string: equal text with different bits must still
            // compare equal, and a different cluster unequal.
            (canvas("x👩‍👩‍👧‍👦y"), canvas("x" + "👩‍👩‍👧‍👦" + "y")),
            (canvas("x👩‍👩‍👧‍👦y"), canvas("x👩‍👩‍👧‍👧y")),
            (canvas("e\u{301}"), canvas("é")),  // canonically equivalent: String == says equal
        ]
        for (a, b) in pairs {
            #expect(a.sameRow(0, as: b) == (a.rows[0] == b.rows[0]), "\(a.text) vs \(b.text)")
        }
        #expect(pairs[0].0.sameRow(0, as: pairs[0].1))
        #expect(!pairs[1].0.sameRow(0, as: pairs[1].1))
        #expect(!pairs[2].0.sameRow(0, as: pairs[2].1))
        #expect(pairs[4].0.sameRow(0, as: pairs[4].1))
        #expect(!pairs[5].0.sameRow(0, as: pairs[5].1))
        #expect(!canvas("a").sameRow(1, as: canvas("a")))
        #expect(!canvas("a").sameRow(0, as: canvas("a", width: 41)))
    }

    @Test func asciiTextClipsAndNeverLeavesHalfAWideCharacter() {
        var c = Canvas(width: 8, height: 1)
        c.put("日本語", x: 0, y: 0)               // cells 0-5
        c.put("ab", x: 1, y: 0)                  // over the right half of 日 and the left half of 本
        #expect(c.text(row: 0) == " ab 語  ")
        for x in 0..<8 where c.rows[0][x].width == 0 { #expect(x > 0 && c.rows[0][x - 1].width == 2) }
        let end = c.put("0123456789", x: -2, y: 0, maxWidth: 5)  // starts off the left edge
        #expect(end == 3)
        #expect(c.text(row: 0) == "234 語  ")
        #expect(c.put("xyz", x: 6, y: 0) == 8)
        #expect(c.text(row: 0) == "234 語xy")
    }

    @Test func asciiCellsEqualTheGeneralPathsCells() {
        // "é" sends the whole text down the general path; the ASCII cells before it must be identical.
        let general = canvas("amo_mailchimp é", style: Style(.success))
        let fast = canvas("amo_mailchimp", style: Style(.success))
        #expect(Array(general.rows[0][0..<14]) == Array(fast.rows[0][0..<14]))
        #expect(DisplayWidth.of("amo_mailchimp") == 13)
        #expect(DisplayWidth.of("a\tb") == 2)  // a control character is not one column
    }
}
