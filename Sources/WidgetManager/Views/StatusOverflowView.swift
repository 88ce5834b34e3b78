/// A long message in full: when it does not fit the status line (a server error with its
/// endpoint and 32-character request id rarely does), it is also drawn wrapped in a band just above
/// the separator, under a `─ message ─` rule, until the next message replaces it.
enum StatusOverflowView {
    /// At most this many wrapped lines; the last is cut with an ellipsis beyond it.
    static let maxLines = 5

    /// The wrapped lines of the current error message, or [] when it fits the status line.
    static func lines(_ state: AppState, _ layout: Layout, _ g: Glyphs) -> [String] {
        guard let status = state.status, state.filterEditor == nil else { return [] }
        let progressW = DisplayWidth.of(ChromeView.progress(state, g))
        let statusW = max(0, layout.width - 4 - (progressW > 0 ? progressW + 2 : 0))
        guard DisplayWidth.of(status.text) > statusW else { return [] }
        var lines = TextWrap.lines(status.text, width: max(1, layout.width - 4))
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] = String(lines[maxLines - 1].dropLast(1)) + g.ellipsis
        }
        return lines
    }

    /// Rows the band takes at the bottom of `layout.main` (its rule and lines; 0 when not drawn).
    /// The form pane is shortened by it, so the band never hides the focused box or the "↓ N more" mark.
    static func height(_ state: AppState, _ layout: Layout, _ g: Glyphs) -> Int {
        let lines = lines(state, layout, g)
        guard !lines.isEmpty, layout.main.height >= lines.count + 3 else { return 0 }
        return lines.count + 1
    }

    static func draw(_ state: AppState, _ layout: Layout, into c: inout Canvas, _ g: Glyphs) {
        let lines = lines(state, layout, g)
        guard !lines.isEmpty, layout.main.height >= lines.count + 3 else { return }
        let w = layout.width
        let top = layout.separatorY - lines.count - 1
        c.put(String(g.teeRight), x: 0, y: top, style: Style(.muted))
        c.hline(x: 1, y: top, length: w - 2, g)
        c.put(String(g.teeLeft), x: w - 1, y: top, style: Style(.muted))
        c.put(" message ", x: 2, y: top, style: Style(.error, [.bold]))
        for (i, line) in lines.enumerated() {
            c.fill(x: 1, y: top + 1 + i, width: w - 2, height: 1)
            c.put(line, x: 2, y: top + 1 + i, style: state.status?.isError == true ? Style(.error) : .plain, maxWidth: w - 4)
        }
    }
}
