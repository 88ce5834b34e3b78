import CNCurses
import Testing
import WidgetManager
@testable import TerminalUI

/// Key decoding: `wget_wch` results -> `KeyEvent`s, as curses delivers them in raw + keypad mode.
@Suite struct KeyDecoderTests {
    private func keys(_ inputs: [RawInput]) -> [KeyEvent] {
        KeyDecoder.decode(inputs).compactMap { if case .key(let key) = $0 { key } else { nil } }
    }

    private func chars(_ text: String) -> [RawInput] { text.unicodeScalars.map { .character($0.value) } }

    @Test func cursorAndEditingKeyCodes() {
        let codes: [(Int32, KeyEvent)] = [
            (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
            (KEY_HOME, .home), (KEY_END, .end), (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown),
            (KEY_DC, .delete), (KEY_IC, .insert), (KEY_BACKSPACE, .backspace), (KEY_BTAB, .backTab),
            (KEY_ENTER, .enter), (KEY_FIND, .home), (KEY_SELECT, .end),
        ]
        for (code, expected) in codes { #expect(keys([.keyCode(code)]) == [expected], "code \(code)") }
    }

    @Test func functionKeysAndUnknownCodes() {
        #expect(keys([.keyCode(cn_key_f(1)), .keyCode(cn_key_f(12))]) == [.function(1), .function(12)])
        #expect(keys([.keyCode(KEY_MOUSE)]).isEmpty)
        #expect(KeyDecoder.decode([.keyCode(KEY_RESIZE)]) == [.resize])
    }

    @Test func controlCharacters() {
        #expect(keys([.character(127), .character(8)]) == [.backspace, .backspace])
        #expect(keys([.character(9), .character(13), .character(10)]) == [.tab, .enter, .enter])
        #expect(keys([.character(3), .character(19), .character(17), .character(21), .character(23)])
            == [.ctrl("c"), .ctrl("s"), .ctrl("q"), .ctrl("u"), .ctrl("w")])
        #expect(keys([.character(1), .character(26)]) == [.ctrl("a"), .ctrl("z")])
        #expect(keys([.character(0x9B)]).isEmpty)  // a C1 control character is never text
    }

    @Test func escapeAloneAndEscapeThenAKey() {
        #expect(keys([.character(27)]) == [.escape])
        // Esc then k read in one wake-up (one SSH packet, or Alt-k): both keys, the k not lost.
        #expect(keys([.character(27)] + chars("k")) == [.escape, .char("k")])
        #expect(keys([.character(27)] + chars("/x")) == [.escape, .char("/"), .char("x")])
        #expect(keys([.character(27), .character(27)]) == [.escape, .escape])
        #expect(keys([.character(27), .keyCode(KEY_UP)]) == [.escape, .up])
        #expect(keys([.character(27), .character(13)]) == [.escape, .enter])
    }

    @Test func undecodedEscapeSequencesAreDroppedNotTyped() {
        // Ctrl-Left as xterm sends it (ESC [ 1 ; 5 D) on a terminfo entry without it, then "x".
        #expect(keys([.character(27)] + chars("[1;5Dx")) == [.char("x")])
        #expect(keys([.character(27)] + chars("[200~a")) == [.char("a")])
        // ESC [ and ESC O with nothing after them are not sequences: Esc, then the character.
        #expect(keys([.character(27)] + chars("[")) == [.escape, .char("[")])
        #expect(keys([.character(27)] + chars("O")) == [.escape, .char("O")])
    }

    /// Keys whose terminfo entry lacks them (TERM=vt100 in an xterm: no kpp, knp, khome, kdch1, kcbt)
    /// arrive undecoded; the standard VT220/xterm sequences still become keys.
    @Test func standardSequencesCursesDidNotDecodeBecomeKeys() {
        #expect(keys([.character(27)] + chars("[6~") + [.character(27)] + chars("[5~")) == [.pageDown, .pageUp])
        #expect(keys([.character(27)] + chars("OHx")) == [.home, .char("x")])
        #expect(keys([.character(27)] + chars("[F") + [.character(27)] + chars("[3~")) == [.end, .delete])
        #expect(keys([.character(27)] + chars("[Z") + [.character(27)] + chars("[15~")) == [.backTab, .function(5)])
        #expect(keys([.character(27)] + chars("OP")) == [.function(1)])
        // Modified keys stay dropped: they are not what their plain key means.
        #expect(keys([.character(27)] + chars("[6;5~")).isEmpty)
    }

    @Test func wideAndCyrillicCharacters() {
        #expect(keys(chars("Логин")) == "Логин".map { .char($0) })
        #expect(keys(chars("a中é")) == [.char("a"), .char("中"), .char("é")])
        #expect(keys([.character(0xD800)]).isEmpty)  // a lone surrogate is not a scalar
    }
}
