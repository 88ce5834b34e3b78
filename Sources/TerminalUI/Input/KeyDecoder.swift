import CNCurses
import WidgetManager

/// One result of curses' `wget_wch`: a character (`OK`) or a function-key code (`KEY_CODE_YES`).
public enum RawInput: Hashable, Sendable {
    /// A character code (a Unicode scalar value in a UTF-8 locale; control codes included).
    case character(UInt32)
    /// A curses key code such as `KEY_UP` or `KEY_RESIZE` (octal 0400 and up).
    case keyCode(Int32)
}

/// What raw input means to the loop: a key for the program, "the terminal was resized", or pasted
/// text (only `InputDecoder` produces `.paste`; `KeyDecoder` alone never does).
public enum InputEvent: Hashable, Sendable {
    case key(KeyEvent)
    case resize
    /// A bracketed paste's raw text (see `TerminalEvent.paste`).
    case paste(String)
}

/// Turns `wget_wch` results into `KeyEvent`s. Pure: the loop hands it everything read in one wake-up,
/// so a CSI/SS3 sequence curses left undecoded is seen whole; an ESC followed by a printable character
/// (Alt-x, or Esc then x typed quickly) is Esc and then that key.
public enum KeyDecoder {
    /// Decodes one wake-up's worth of raw input, in order. Unknown key codes are dropped.
    public static func decode(_ inputs: [RawInput]) -> [InputEvent] {
        var events: [InputEvent] = []
        var index = 0
        while index < inputs.count {
            let input = inputs[index]
            index += 1
            switch input {
            case .keyCode(let code):
                if code == KEY_RESIZE { events.append(.resize) } else if let key = key(forCode: code) { events.append(.key(key)) }
            case .character(27):
                if let end = unknownSequenceEnd(inputs, from: index) {
                    // A sequence curses did not decode (its terminfo entry lacks it, e.g. PgDn under
                    // TERM=vt100 in an xterm): a standard VT220/xterm key if it is one, else dropped —
                    // never typed text.
                    if let key = standardKey(inputs[index..<end]) { events.append(.key(key)) }
                    index = end
                } else {
                    // Esc alone, or Esc and a key read together: over SSH a quick Esc then `k` often
                    // arrives in one packet, looking like Alt-k. The program binds no Alt keys, so it
                    // is always Esc followed by the key, never a key lost.
                    events.append(.key(.escape))
                }
            case .character(let code):
                if let key = key(forCharacter: code) { events.append(.key(key)) }
            }
        }
        return events
    }

    /// When `inputs[start...]` (just after an ESC) is a CSI (`[` params final) or SS3 (`O` final)
    /// sequence that curses passed through undecoded, the index just past it; otherwise nil.
    static func unknownSequenceEnd(_ inputs: [RawInput], from start: Int) -> Int? {
        if case .sequence(let end) = escapeTail(inputs, from: start) { return end }
        return nil
    }

    /// What follows an ESC, for `InputDecoder`, which must tell a sequence cut by the end of a read
    /// from an Esc key.
    enum EscapeTail: Equatable {
        /// A whole CSI/SS3 sequence; `end` is the index just past it.
        case sequence(end: Int)
        /// The input ends inside what could still become a sequence (ESC, `ESC [ 2 0`...), at most
        /// `maxSequenceLength` characters long.
        case incomplete
        /// Not a sequence: Esc, then whatever follows is a key of its own.
        case none
    }

    /// The longest CSI/SS3 sequence (after ESC) `InputDecoder` waits for; longer is garbage.
    static let maxSequenceLength = 32

    /// Classifies `inputs[start...]`, the input just after an ESC (see `EscapeTail`).
    static func escapeTail(_ inputs: [RawInput], from start: Int) -> EscapeTail {
        func code(_ i: Int) -> UInt32? {
            guard i < inputs.count, case .character(let c) = inputs[i] else { return nil }
            return c
        }
        if start >= inputs.count { return .incomplete }
        switch code(start) {
        case 0x5B:  // "[": parameter and intermediate bytes, then one final byte
            var i = start + 1
            while let c = code(i), (0x20...0x3F).contains(c) { i += 1 }
            if i >= inputs.count { return i - start < maxSequenceLength ? .incomplete : .none }
            guard let final = code(i), (0x40...0x7E).contains(final) else { return .none }
            return .sequence(end: i + 1)
        case 0x4F:  // "O": one final letter
            if start + 1 >= inputs.count { return .incomplete }
            guard let final = code(start + 1), (0x40...0x7E).contains(final) else { return .none }
            return .sequence(end: start + 2)
        default:
            return .none
        }
    }

    /// The key a CSI (`[` …) or SS3 (`O` …) sequence stands for on VT220/xterm-style terminals, for
    /// sequences without modifiers; nil for anything else (modified keys, mouse reports).
    static func standardKey(_ sequence: ArraySlice<RawInput>) -> KeyEvent? {
        let text = String(String.UnicodeScalarView(sequence.compactMap {
            if case .character(let c) = $0 { Unicode.Scalar(c) } else { nil }
        }))
        switch text {
        case "[A", "OA": return .up
        case "[B", "OB": return .down
        case "[C", "OC": return .right
        case "[D", "OD": return .left
        case "[H", "OH", "[1~", "[7~": return .home
        case "[F", "OF", "[4~", "[8~": return .end
        case "[2~": return .insert
        case "[3~": return .delete
        case "[5~": return .pageUp
        case "[6~": return .pageDown
        case "[Z": return .backTab
        case "OP", "[11~": return .function(1)
        case "OQ", "[12~": return .function(2)
        case "OR", "[13~": return .function(3)
        case "OS", "[14~": return .function(4)
        case "[15~": return .function(5)
        case "[17~": return .function(6)
        case "[18~": return .function(7)
        case "[19~": return .function(8)
        case "[20~": return .function(9)
        case "[21~": return .function(10)
        case "[23~": return .function(11)
        case "[24~": return .function(12)
        default: return nil
        }
    }

    /// The key for a character code: control codes become named keys or `.ctrl(letter)`.
    public static func key(forCharacter code: UInt32) -> KeyEvent? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 27: return .escape
        case 0: return .ctrl(" ")
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(code) + 96)))  // 1 -> "a"
        case 28...31: return .ctrl(Character(Unicode.Scalar(UInt8(code) + 64)))  // 28 -> "\\"
        default: return printable(code).map { .char($0) }
        }
    }

    /// The key for a curses key code (`KEY_*`), or nil for codes the program does not use.
    public static func key(forCode code: Int32) -> KeyEvent? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_FIND, KEY_A1: return .home       // KEY_FIND: Home on rxvt/linux-style terminals
        case KEY_END, KEY_SELECT, KEY_C1: return .end       // KEY_SELECT: End on the same terminals
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BTAB: return .backTab
        case cn_key_f(1)...cn_key_f(24): return .function(Int(code - cn_key_f(0)))
        default: return nil
        }
    }

    /// A character that can be typed into text: a valid scalar that is not a control character.
    static func printable(_ code: UInt32) -> Character? {
        guard code >= 32, code != 127, !(0x80..<0xA0).contains(code), let scalar = Unicode.Scalar(code) else { return nil }
        return Character(scalar)
    }
}
