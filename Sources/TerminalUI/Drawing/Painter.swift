import CNCurses
import WidgetManager

/// Copies Canvases to curses: keeps the previous frame, writes only the rows that changed into
/// `stdscr`, then one `doupdate()` — so curses sends the terminal just the difference.
final class Painter {
    private var previous: Canvas?

    /// Forgets the previous frame so the next draw writes every row (after a resize and `clear`).
    func invalidate() { previous = nil }

    /// Draws `canvas` and places the cursor. - Returns: how many rows were copied to curses.
    @discardableResult
    func draw(_ canvas: Canvas, cursor: (x: Int, y: Int)?, session: CursesSession) -> Int {
        let window = session.window
        if session.takeRepaintRequest() { previous = nil }  // Ctrl-L: the screen is cleared, copy every row
        let rows = FrameDiff.changedRows(from: previous, to: canvas)
        for y in rows {
            for segment in FrameDiff.segments(of: canvas.rows[y], asciiOnly: !session.utf8) {
                switch segment {
                case .text(let x, let text, let style):
                    apply(style, session: session)
                    var wide = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
                    mvwaddnwstr(window, Int32(y), Int32(x), &wide, Int32(wide.count))
                case .lineDrawing(let x, let letter, let style):
                    apply(style, session: session)
                    mvwaddch(window, Int32(y), Int32(x), cn_acs(CChar(letter.asciiValue ?? 32)))
                }
            }
        }
        wattr_set(window, cn_a_normal(), 0, nil)
        previous = canvas
        session.placeCursor(cursor)
        wnoutrefresh(window)
        doupdate()
        return rows.count
    }

    private func apply(_ style: Style, session: CursesSession) {
        let look = Palette.look(for: style, colors: session.colors)
        wattr_set(session.window, Palette.cursesAttributes(look.attributes), look.pair, nil)
    }
}
