/// A one-line text editor: the text, a cursor, and the editing keys of a shell prompt.
///
/// The text is kept as grapheme clusters (`Character`s), so a Cyrillic or CJK letter, or an emoji with
/// modifiers, is one step for the cursor and for Backspace. Widths on screen come from `DisplayWidth`.
public struct LineEditor: Hashable, Sendable {
    /// The characters typed so far.
    public private(set) var characters: [Character]
    /// The cursor's position: an index into `characters` (0 = before the first, `count` = after the last).
    public private(set) var cursor: Int

    /// An editor holding `text` with the cursor at its end.
    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    /// The text as a string.
    public var text: String { String(characters) }
    /// True when nothing is typed.
    public var isEmpty: Bool { characters.isEmpty }

    /// Replaces the whole text and puts the cursor at the end.
    public mutating func setText(_ text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    /// Inserts `text` at the cursor and puts the cursor after it (a paste). The caller cleans the text
    /// first (`PastedText`); control characters that slip through are still left out, as when typed.
    public mutating func insert(_ text: String) {
        let added = text.filter { !$0.unicodeScalars.contains(where: { TextSanitizer.isUnsafe($0) }) }
        characters.insert(contentsOf: added, at: cursor)
        cursor += added.count
    }

    /// Applies one key. Returns true when the key was an editing key (consumed), false otherwise
    /// (the caller then treats it as a command, e.g. Tab or Enter).
    ///
    /// Keys: printable characters insert; ←/→ move; Home/End or Ctrl-A/Ctrl-E jump; Backspace and
    /// Ctrl-H delete before the cursor; Delete and Ctrl-D after it; Ctrl-U deletes to the start;
    /// Ctrl-K to the end; Ctrl-W deletes the word before the cursor (and the spaces before it).
    @discardableResult
    public mutating func apply(_ key: KeyEvent) -> Bool {
        switch key {
        case .char(let c):
            // Control characters never enter a field (a pasted newline or escape stays out).
            if c.unicodeScalars.contains(where: { TextSanitizer.isUnsafe($0) }) { return true }
            characters.insert(c, at: cursor)
            cursor += 1
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .backspace, .ctrl("h"):
            if cursor > 0 { characters.remove(at: cursor - 1); cursor -= 1 }
        case .delete, .ctrl("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .ctrl("u"):
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .ctrl("k"):
            characters.removeSubrange(cursor..<characters.count)
        case .ctrl("w"):
            var start = cursor
            while start > 0, characters[start - 1].isWhitespace { start -= 1 }
            while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        default:
            return false
        }
        return true
    }

    /// What to draw in a box `width` columns wide, and the cursor's column inside it.
    ///
    /// The text scrolls sideways so the cursor stays visible. With `mask`, every character is drawn as
    /// `mask` (one column each), so a password's length shows but never its letters.
    public func visible(width: Int, mask: Character? = nil) -> (text: String, cursorColumn: Int) {
        guard width > 0 else { return ("", 0) }
        let widths = characters.map { mask == nil ? max(1, DisplayWidth.of($0)) : 1 }
        // Scroll so the cursor (plus one column for it) fits: find the first visible character.
        var start = 0
        var used = widths[0..<cursor].reduce(0, +)
        while used >= width, start < cursor { used -= widths[start]; start += 1 }
        var out = ""
        var col = 0
        var i = start
        while i < characters.count, col + widths[i] <= width {
            out.append(mask ?? characters[i])
            col += widths[i]
            i += 1
        }
        return (out, used)
    }
}
