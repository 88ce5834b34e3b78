import AmoCRM

/// The settings form: one line per text box (users fields get a row per user), errors beside the
/// fields, scrolled so the focused box is always on screen.
enum FormView {
    /// One drawn line: pieces at column offsets; `cursor` is the column of the caret on this line.
    struct Row {
        var pieces: [(x: Int, text: String, style: Style)] = []
        var cursor: Int?
        var focused = false
    }

    static func draw(_ state: AppState, in r: Rect, into c: inout Canvas, _ g: Glyphs) {
        guard let form = state.form, r.height > 0 else { return }
        let (rows, window) = layout(form, state: state, width: r.width, height: r.height, g)
        for i in 0..<min(r.height, rows.count - window.top) {
            // The edge rows say how much of the form is out of view, where there is more.
            if i == 0, window.above > 0 {
                c.put("\(g.moreAbove) \(window.above) more", x: r.x + 1, y: r.y, style: Style(.accent, [.bold]), maxWidth: r.width - 1)
                continue
            }
            if i == r.height - 1, window.below > 0 {
                c.put("\(g.moreBelow) \(window.below) more", x: r.x + 1, y: r.y + i, style: Style(.accent, [.bold]), maxWidth: r.width - 1)
                continue
            }
            for piece in rows[window.top + i].pieces where piece.x < r.width {
                c.putClipped(piece.text, x: r.x + piece.x, y: r.y + i, width: r.width - piece.x, style: piece.style, g)
            }
        }
    }

    /// Where the caret goes, in screen cells.
    static func cursor(_ state: AppState, in r: Rect, _ g: Glyphs) -> (x: Int, y: Int)? {
        guard let form = state.form else { return nil }
        let (rows, window) = layout(form, state: state, width: r.width, height: r.height, g)
        guard let i = rows.firstIndex(where: { $0.cursor != nil }), window.shows(i, height: r.height),
              let x = rows[i].cursor, x < r.width else { return nil }
        return (r.x + x, r.y + i - window.top)
    }

    /// Which rows of a form taller than its pane are drawn: from `top`, with the first line giving
    /// way to "↑ N more" when `above` > 0 and the last to "↓ N more" when `below` > 0 (N = rows
    /// out of view on that side, the mark's own row included).
    struct Window: Equatable {
        var top = 0
        var above = 0
        var below = 0

        /// Whether row `row` is drawn (inside the window and not under a mark).
        func shows(_ row: Int, height: Int) -> Bool {
            row >= top + (above > 0 ? 1 : 0) && row <= top + height - 1 - (below > 0 ? 1 : 0)
        }

        /// The first window, scrolling as little as possible, in which row `focused` of `count` rows
        /// shows in `height` lines. Panes under 3 lines get no marks (they would leave no row).
        static func showing(_ focused: Int, count: Int, height: Int) -> Window {
            guard count > height, height > 0 else { return Window() }
            guard height >= 3 else { return Window(top: max(0, min(focused, count - height))) }
            for top in 0...(count - height) {
                let window = Window(top: top, above: top > 0 ? top + 1 : 0,
                                    below: top + height < count ? count - (top + height - 1) : 0)
                if window.shows(focused, height: height) { return window }
            }
            return Window(top: count - height, above: count - height + 1)
        }
    }

    /// All rows of the form, and the window drawn so the focused one shows.
    static func layout(_ form: SettingsForm, state: AppState, width: Int, height: Int, _ g: Glyphs) -> ([Row], Window) {
        var rows: [Row] = []
        let verb = form.isReconfigure ? "Reconfigure" : "Install"
        var title = Row()
        title.pieces.append((1, "\(verb) \(form.code)", Style(.title, [.bold])))
        if form.submittingRequest != nil {
            title.pieces.append((3 + DisplayWidth.of("\(verb) \(form.code)"), "sending" + g.ellipsis, Style(.warning)))
        }
        rows.append(title)
        if let errorNotice = form.errorNotice {
            for line in TextWrap.lines(errorNotice, width: max(10, width - 2)) { rows.append(Row(pieces: [(1, line, Style(.error, [.bold]))])) }
        }
        if let notice = form.notice {
            // Wrapped, not cut: a warning that sending replaces everything must be read whole.
            for line in TextWrap.lines(notice, width: max(10, width - 2)) {
                rows.append(Row(pieces: [(1, line, form.noticeIsWarning ? Style(.error, [.bold]) : Style(.muted))]))
            }
        }
        if form.fields.isEmpty { rows.append(Row(pieces: [(1, "This widget has no settings: ^S installs it as is", Style(.muted))])) }
        let empty = form.emptyRequired
        if !empty.isEmpty {
            let names = empty.map(\.name).joined(separator: ", ")
            for line in TextWrap.lines("Required, still empty: \(names) (^G goes to the next)", width: max(10, width - 2)).prefix(2) {
                rows.append(Row(pieces: [(1, line, Style(.warning))]))
            }
        }
        rows.append(Row())
        let labelW = min(30, max(12, width / 3))
        let boxW = max(8, min(40, width - labelW - 4 - 18))
        let focus = form.focusedSlot
        for (f, field) in form.fields.enumerated() {
            // The required mark survives a cut name: "Адрес серве… *".
            let label = field.isRequired ? Columns.fit(field.name, max(1, labelW - 2), g).trimmingCharacters(in: .whitespaces) + " *" : field.name
            let keyNote = "\(field.key), \(field.typeName)"
            switch field.editor {
            case .line(let editor):
                var row = Row()
                row.pieces.append((1, Columns.fit(label, labelW, g), .plain))
                let slot = Slot(field: f, row: 0, cell: 0)
                box(&row, x: 2 + labelW, width: boxW, editor: editor, slot: slot, form: form, focus: focus, g)
                let after = 2 + labelW + boxW + 3
                let below = field.error.map { errorRows($0, beside: after, width: width) } ?? []
                let beside = below.isEmpty ? field.error ?? keyNote : keyNote
                row.pieces.append((after, beside, below.isEmpty && field.error != nil ? Style(.error, [.bold]) : Style(.muted)))
                rows.append(row)
                rows += below
                if let note = field.note { rows.append(Row(pieces: [(3, note, Style(.muted))])) }
            case .users(let userRows, let free):
                var head = Row()
                head.pieces.append((1, Columns.fit(label, labelW, g), .plain))
                head.pieces.append((2 + labelW, field.error ?? keyNote, field.error != nil ? Style(.error, [.bold]) : Style(.muted)))
                rows.append(head)
                switch state.users {
                case .loading: rows.append(Row(pieces: [(3, "Loading the account's users" + g.ellipsis, Style(.muted))]))
                case .unavailable(let reason):
                    // Wrapped, not cut: the reason names the failed request's id.
                    for line in TextWrap.lines(reason + " (^N adds a row)", width: max(10, width - 4)) {
                        rows.append(Row(pieces: [(3, line, Style(.warning))]))
                    }
                case .loaded: if userRows.isEmpty { rows.append(Row(pieces: [(3, "The account has no active users", Style(.muted))])) }
                }
                let captions = (free ? ["id"] : []) + (field.type == .usersLP ? ["login", "password"] : ["ext"])
                let cellW = max(6, min(16, (width - labelW - 6) / max(1, captions.count) - 10))
                for (r, userRow) in userRows.enumerated() {
                    var row = Row()
                    row.pieces.append((3, Columns.fit(free ? "user" : userRow.name, labelW - 2, g), .plain))
                    let indent = 2 + labelW
                    var x = indent
                    for (cIndex, cell) in userRow.cells.enumerated() {
                        let caption = cIndex < captions.count ? captions[cIndex] : ""
                        // A box that would pass the right edge (a users_lp password at 40 columns) goes
                        // on the next line under the first: a box out of view is typed into blind.
                        if x > indent, x + DisplayWidth.of(caption) + cellW + 3 > width {
                            rows.append(row)
                            row = Row()
                            x = indent
                        }
                        row.pieces.append((x, caption, Style(.muted)))
                        x += DisplayWidth.of(caption) + 1
                        box(&row, x: x, width: cellW, editor: cell, slot: Slot(field: f, row: r, cell: cIndex), form: form, focus: focus, g)
                        x += cellW + 3
                    }
                    let below = userRow.error.map { errorRows($0, beside: x, width: width) } ?? []
                    if let error = userRow.error, below.isEmpty { row.pieces.append((x, error, Style(.error, [.bold]))) }
                    rows.append(row)
                    rows += below
                }
            }
        }
        let focusedRow = rows.firstIndex { $0.focused } ?? 0
        return (rows, Window.showing(focusedRow, count: rows.count, height: height))
    }

    /// An error that does not fit beside its box from column `x`, as rows of its own under it
    /// (wrapped); [] when it fits beside. A cut error ("pas…") told nothing.
    static func errorRows(_ error: String, beside x: Int, width: Int) -> [Row] {
        guard DisplayWidth.of(error) > width - x else { return [] }
        return TextWrap.lines(error, width: max(10, width - 6)).map { Row(pieces: [(5, $0, Style(.error, [.bold]))]) }
    }

    /// A text box `[text]` of `width` columns inside the brackets. A hidden secret is drawn as the
    /// fixed-width `Glyphs.secret` (nothing when empty), so its length never shows; the cursor sits
    /// before the mask when at the start, else after it.
    static func box(_ row: inout Row, x: Int, width: Int, editor: LineEditor, slot: Slot, form: SettingsForm, focus: Slot?, _ g: Glyphs) {
        let shown: (text: String, cursorColumn: Int)
        let isFocused = focus == slot
        if form.isMasked(slot) {
            let mask = editor.text.isEmpty ? "" : String(g.secret.prefix(max(0, width - 1)))
            shown = (mask, editor.cursor == 0 ? 0 : mask.count)
        } else if isFocused {
            shown = editor.visible(width: width)  // a window around the caret
        } else {
            // Not being typed in: its start, marked when cut (its tail alone would read as another value).
            shown = (Columns.fit(editor.text, width, g), 0)
        }
        let style = isFocused ? Style(.accent, [.reverse]) : Style(.normal, [.underline])
        row.pieces.append((x, "[", Style(.muted)))
        row.pieces.append((x + 1, Columns.fit(shown.text, width), style))
        row.pieces.append((x + 1 + width, "]", Style(.muted)))
        if isFocused {
            row.cursor = x + 1 + shown.cursorColumn
            row.focused = true
        }
    }
}
