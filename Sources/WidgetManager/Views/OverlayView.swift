/// Things drawn on top: the y/n dialogs, the help overlay, the "terminal too small" message.
enum OverlayView {
    static func dialog(_ state: AppState, _ dialog: Dialog, _ layout: Layout, into c: inout Canvas, _ g: Glyphs) {
        let (title, text) = text(dialog, state)
        let inner = min(layout.width - 6, max(30, (text + ["y yes    n no"]).map { DisplayWidth.of($0) }.max() ?? 30))
        // Wrapped, not cut: a question must be read whole before it is answered.
        let lines = text.flatMap { TextWrap.lines($0, width: inner).isEmpty ? [""] : TextWrap.lines($0, width: inner) }
        let all = lines + ["", "y yes    n no"]
        let height = min(layout.height - 2, all.count + 2)
        let r = Rect(x: (layout.width - inner - 4) / 2, y: max(1, (layout.height - height) / 2), width: inner + 4, height: height)
        c.box(r, title: title, g, style: Style(.warning, [.bold]))
        for (i, line) in all.prefix(height - 2).enumerated() {
            c.putClipped(line, x: r.x + 2, y: r.y + 1 + i, width: inner, style: i == all.count - 1 ? Style(.accent, [.bold]) : .plain, g)
        }
    }

    static func text(_ dialog: Dialog, _ state: AppState) -> (String, [String]) {
        switch dialog {
        case .confirmUninstall(let code, let backup):
            guard let backup else {
                return ("Uninstall", ["Uninstall \(code) from \(state.host)?",
                                      "No settings are known for \(code) here: nothing can be",
                                      "backed up, and they are lost on uninstall."])
            }
            let count = backup.settings.count
            return ("Uninstall", ["Uninstall \(code) from \(state.host)?",
                                  "Its \(count) known setting\(count == 1 ? " (\(backup.describe())) is" : "s (\(backup.describe())) are")",
                                  "backed up here first: amowidgets restore \(code) brings them back."])
        case .confirmReplaceAll(let code, let filled, let total):
            return ("Replace all settings", ["The server does not show \(code)'s current settings",
                                             "and none are recorded here. Sending replaces ALL of them",
                                             "with this form: \(filled) of \(total) field\(total == 1 ? "" : "s") filled. Replace?"])
        case .discardForm:
            return ("Discard", ["Close the form and throw away what you typed?"])
        case .quit:
            return ("Quit", ["The form has unsaved input.", "Quit anyway and lose it?"])
        case .prefillFromBackup(let code, let path):
            return ("Backup found", ["A backup of \(code)'s settings exists:", path, "Start the form from it?"])
        }
    }

    /// The narrowest help column: a key label and a few words.
    static let helpColumnWidth = 24

    /// How the help overlay lays out for a state: the note's lines, the keymap's lines, and the grid.
    struct HelpGrid {
        var note: [String]
        var lines: [String]
        /// Rows and columns of keymap lines shown at once, and a column's width.
        var rows: Int, columns: Int, columnWidth: Int
        /// Not everything fits: the last row says which lines show and how to scroll.
        var scrolls: Bool
        /// Lines shown at once.
        var page: Int { rows * columns }
        /// The greatest first line (the last page shows the end).
        var maxTop: Int { max(0, lines.count - page) }
    }

    static func helpGrid(_ state: AppState, _ layout: Layout) -> HelpGrid {
        let r = layout.main
        let raw = "Help: " + (state.options.asciiOnly ? Keymap.helpNoteASCII : Keymap.helpNote)
        // The note wraps (two lines at most) rather than losing "Esc closes" at 80 columns.
        let note = Array(TextWrap.lines(raw, width: max(10, r.width - 2)).prefix(2))
        let lines = Keymap.helpLines(readonly: state.options.readonly)
        var rows = max(1, r.height - note.count - 1)
        var columns = max(1, (lines.count + rows - 1) / rows)
        var colW = (r.width - 1) / columns
        var scrolls = false
        if colW < helpColumnWidth {
            // A small terminal: only as many readable columns as fit inside the frame, scrolled by
            // j/k and PgDn/PgUp, the last row saying where (narrow columns cut every key to "...").
            columns = max(1, (r.width - 1) / helpColumnWidth)
            colW = (r.width - 1) / columns
            rows = max(1, rows - 1)
            scrolls = lines.count > rows * columns
        }
        return HelpGrid(note: note, lines: lines, rows: rows, columns: columns, columnWidth: colW, scrolls: scrolls)
    }

    /// The help overlay over the main area: the keymap's lines, in as many columns as fit; scrolled
    /// from `state.helpTop` when they do not.
    static func help(_ state: AppState, _ layout: Layout, into c: inout Canvas, _ g: Glyphs) {
        let r = layout.main
        c.fill(x: r.x, y: r.y, width: r.width, height: r.height)
        // The frame's sides: the stacked layout's separator tees underneath would join nothing here.
        c.vline(x: r.x - 1, y: r.y, length: r.height, g)
        c.vline(x: r.x + r.width, y: r.y, length: r.height, g)
        let grid = helpGrid(state, layout)
        for (i, line) in grid.note.enumerated() {
            c.putClipped(line, x: r.x + 1, y: r.y + i, width: r.width - 2, style: Style(.title, [.bold]), g)
        }
        var lines = grid.lines
        if grid.scrolls {
            let top = min(max(0, state.helpTop), grid.maxTop)
            lines = Array(lines[top..<min(lines.count, top + grid.page)])
            let where_ = "lines \(top + 1)-\(top + lines.count) of \(grid.lines.count): j k PgDn PgUp"
            c.putClipped(where_, x: r.x + 1, y: r.y + r.height - 1, width: r.width - 2, style: Style(.muted), g)
        }
        for (i, line) in lines.enumerated() {
            let col = i / grid.rows, row = i % grid.rows
            let isHeading = !line.hasPrefix(" ") && !line.isEmpty
            c.putClipped(line, x: r.x + 1 + col * grid.columnWidth, y: r.y + grid.note.count + 1 + row, width: grid.columnWidth - 1,
                         style: isHeading ? Style(.accent, [.bold]) : .plain, g)
        }
    }

    static func tooSmall(width: Int, height: Int) -> Canvas {
        var c = Canvas(width: width, height: height)
        let lines = ["Terminal too small", "\(width)x\(height), need \(Layout.minWidth)x\(Layout.minHeight)"]
        for (i, line) in lines.enumerated() {
            let x = max(0, (width - DisplayWidth.of(line)) / 2)
            c.put(line, x: x, y: max(0, height / 2 - 1) + i, style: Style(.warning, [.bold]))
        }
        return c
    }
}
