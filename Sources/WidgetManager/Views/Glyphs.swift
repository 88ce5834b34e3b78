/// The characters views draw lines, masks and the spinner with: Unicode box drawing in a UTF-8
/// terminal, plain ASCII otherwise (`AppOptions.asciiOnly`).
public struct Glyphs: Hashable, Sendable {
    /// Line characters.
    public var horizontal, vertical: Character
    /// Box corners.
    public var topLeft, topRight, bottomLeft, bottomRight: Character
    /// ├ ┤ ┬ ┴
    public var teeRight, teeLeft, teeDown, teeUp: Character
    /// Drawn for each character of a secret.
    public var mask: Character
    /// Spinner frames.
    public var spinner: [Character]
    /// Marks text cut short.
    public var ellipsis: String
    /// Drawn left of the selected row.
    public var selectionMark: Character
    /// Ends a value cut to fit a column: one cell, `…` where the font has it, else `~`.
    public var cutMark: String { ellipsis == "…" ? "…" : "~" }

    /// Box drawing for UTF-8 terminals.
    public static let unicode = Glyphs(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
                                       bottomRight: "┘", teeRight: "├", teeLeft: "┤", teeDown: "┬", teeUp: "┴",
                                       mask: "•", spinner: Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"), ellipsis: "…", selectionMark: "▶")
    /// Plain ASCII for other locales.
    public static let ascii = Glyphs(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
                                     bottomRight: "+", teeRight: "+", teeLeft: "+", teeDown: "+", teeUp: "+",
                                     mask: "*", spinner: Array("|/-\\"), ellipsis: "...", selectionMark: ">")

    /// Box drawing with ASCII symbols, for `AppOptions.consoleSymbols` (the Linux console's fonts
    /// have the box characters of code page 437 but no braille, `▶` or `…`).
    public static let console = Glyphs(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
                                       bottomRight: "┘", teeRight: "├", teeLeft: "┤", teeDown: "┬", teeUp: "┴",
                                       mask: "*", spinner: Array("|/-\\"), ellipsis: "...", selectionMark: ">")

    /// The set for `AppOptions.asciiOnly`.
    public static func `for`(asciiOnly: Bool) -> Glyphs { asciiOnly ? .ascii : .unicode }

    /// The set for `options`: ASCII without UTF-8, `console` for a console font, else Unicode.
    public static func `for`(_ options: AppOptions) -> Glyphs {
        options.asciiOnly ? .ascii : options.consoleSymbols ? .console : .unicode
    }

    /// Starts the "more above" mark of a scrolled form: `↑`, `^` in ASCII.
    public var moreAbove: String { horizontal == "-" ? "^" : "↑" }
    /// Starts the "more below" mark: `↓`, `v` in ASCII.
    public var moreBelow: String { horizontal == "-" ? "v" : "↓" }

    /// How many mask characters stand for any secret (its length never shows).
    public static let secretWidth = 8
    /// A fixed-length mask for a secret whose length should not show (detail pane, form boxes).
    public var secret: String { String(repeating: mask, count: Self.secretWidth) }
}

extension Canvas {
    /// Draws a horizontal line of `length` cells.
    mutating func hline(x: Int, y: Int, length: Int, _ g: Glyphs, style: Style = Style(.muted)) {
        guard length > 0 else { return }
        fill(x: x, y: y, width: length, height: 1, character: g.horizontal, style: style)
    }

    /// Draws a vertical line of `length` cells.
    mutating func vline(x: Int, y: Int, length: Int, _ g: Glyphs, style: Style = Style(.muted)) {
        guard length > 0 else { return }
        fill(x: x, y: y, width: 1, height: length, character: g.vertical, style: style)
    }

    /// Draws a frame around `r` (the frame takes the outermost cells) with `title` in its top edge,
    /// clearing the inside unless `clear` is false (the screen's frame on a fresh, blank canvas:
    /// clearing it again was a sixth of a frame's cost).
    mutating func box(_ r: Rect, title: String? = nil, _ g: Glyphs, style: Style = Style(.muted), clear: Bool = true) {
        guard r.width >= 2, r.height >= 2 else { return }
        if clear { fill(x: r.x, y: r.y, width: r.width, height: r.height) }
        hline(x: r.x + 1, y: r.y, length: r.width - 2, g, style: style)
        hline(x: r.x + 1, y: r.y + r.height - 1, length: r.width - 2, g, style: style)
        vline(x: r.x, y: r.y + 1, length: r.height - 2, g, style: style)
        vline(x: r.x + r.width - 1, y: r.y + 1, length: r.height - 2, g, style: style)
        put(String(g.topLeft), x: r.x, y: r.y, style: style)
        put(String(g.topRight), x: r.x + r.width - 1, y: r.y, style: style)
        put(String(g.bottomLeft), x: r.x, y: r.y + r.height - 1, style: style)
        put(String(g.bottomRight), x: r.x + r.width - 1, y: r.y + r.height - 1, style: style)
        if let title, r.width > 4 {
            putClipped(" " + title + " ", x: r.x + 2, y: r.y, width: r.width - 4, style: Style(.title, [.bold]), g)
        }
    }

    /// Draws `text` cut to `width` columns, ending in an ellipsis when cut.
    @discardableResult
    mutating func putClipped(_ text: String, x: Int, y: Int, width: Int, style: Style = .plain, _ g: Glyphs) -> Int {
        guard width > 0 else { return x }
        if DisplayWidth.of(text) <= width { return put(text, x: x, y: y, style: style, maxWidth: width) }
        let room = max(0, width - DisplayWidth.of(g.cutMark))
        let end = put(text, x: x, y: y, style: style, maxWidth: room)
        return put(g.cutMark, x: end, y: y, style: style, maxWidth: x + width - end)
    }
}

/// Text padding by display columns (String.padding counts Characters, wrong for wide letters).
enum Columns {
    /// `text` cut or padded with spaces to exactly `width` columns. With `g`, a cut text ends in
    /// `g.cutMark` (`…`, `~` in ASCII) so a cut value never reads as another whole one; without, it
    /// is cut bare (a text box's visible window, whose caret says where the text goes on).
    static func fit(_ text: String, _ width: Int, _ g: Glyphs? = nil) -> String {
        let clean = TextSanitizer.clean(text)
        let mark = g?.cutMark ?? ""
        let cut = DisplayWidth.of(clean) > width && !mark.isEmpty
        let room = cut ? max(0, width - DisplayWidth.of(mark)) : width
        var out = ""
        var used = 0
        for ch in clean {
            let w = DisplayWidth.of(ch)
            if used + w > room { break }
            out.append(ch)
            used += w
        }
        if cut && width > 0 { out += mark; used += DisplayWidth.of(mark) }
        return out + String(repeating: " ", count: max(0, width - used))
    }

    /// `text` right-aligned in `width` columns (cut from the left when too long).
    static func right(_ text: String, _ width: Int) -> String {
        let w = DisplayWidth.of(text)
        return w >= width ? String(text.suffix(width)) : String(repeating: " ", count: width - w) + text
    }
}
