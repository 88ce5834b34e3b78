import Testing
@testable import WidgetManager

@Suite struct LineEditorTests {
    @Test func typingCyrillicMovesOneStepPerLetter() {
        var e = LineEditor()
        for ch in "Логин" { e.apply(.char(ch)) }
        #expect(e.text == "Логин")
        #expect(e.cursor == 5)
        e.apply(.left); e.apply(.left)
        e.apply(.char("X"))
        #expect(e.text == "ЛогXин")
        e.apply(.backspace)
        #expect(e.text == "Логин")
        e.apply(.delete)
        #expect(e.text == "Логн")
    }

    @Test func homeEndAndKills() {
        var e = LineEditor("hello big world")
        e.apply(.home)
        #expect(e.cursor == 0)
        e.apply(.delete)
        #expect(e.text == "ello big world")
        e.apply(.end)
        e.apply(.ctrl("w"))
        #expect(e.text == "ello big ")
        e.apply(.ctrl("w"))
        #expect(e.text == "ello ")
        e.apply(.left)
        e.apply(.ctrl("u"))
        #expect(e.text == " ")
        #expect(e.cursor == 0)
    }

    @Test func controlCharactersAreNotInserted() {
        var e = LineEditor("a")
        let consumedEscape = e.apply(.char("\u{1B}"))
        #expect(consumedEscape)
        #expect(e.text == "a")
        let tab = e.apply(.tab), enter = e.apply(.enter)
        #expect(tab == false && enter == false)
    }

    @Test func visibleScrollsToKeepTheCursorAndMasks() {
        let e = LineEditor("abcdefghij")
        let v = e.visible(width: 5)
        #expect(v.text == "ghij")
        #expect(v.cursorColumn == 4)
        let m = LineEditor("Пароль").visible(width: 10, mask: "•")
        #expect(m.text == "••••••")
        #expect(m.cursorColumn == 6)
        // Wide letters count two columns.
        let wide = LineEditor("日本語").visible(width: 10)
        #expect(wide.cursorColumn == 6)
    }
}
