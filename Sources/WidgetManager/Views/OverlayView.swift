/// Things drawn on top: the y/n dialogs, the help overlay, the "terminal too small" message.
enum OverlayView {
    static func dialog(_ state: AppState, _ dialog: Dialog, _ layout: Layout, into c: inout Canvas, _ g: Glyphs) {
        let (title, lines) = text(dialog, state)
        let all = lines + ["", "y yes    n no"]
        let inner = min(layout.width - 6, max(30, all.map { DisplayWidth.of($0) }.max() ?? 30))
        let height = min(layout.height - 2, all.count + 2)
        let r = Rect(x: (layout.width - inner - 4) / 2, y: max(1, (layout.height - height) / 2), width: inner + 4, height: height)
        c.box(r, title: title, g, style: Style(.warning, [.bold]))
        for (i, line) in all.prefix(height - 2).enumerated() {
            c.putClipped(line, x: r.x + 2, y: r.y + 1 + i, width: inner, style: i == all.count - 1 ? Style(.accent, [.bold]) : .plain, g)
        }
    }

    static func text(_ dialog: Dialog, _ state: AppState) -> (String, [String]) {
        switch dialog {
        case .confirmUninstall(let code):
            return ("Uninstall", ["Uninstall \(code) from \(state.host)?",
                                  "Its last known settings are backed up first."])
        case .discardForm:
            return ("Discard", ["Close the form and throw away what you typed?"])
        case .quit:
            return ("Quit", ["The form has unsaved input.", "Quit anyway and lose it?"])
        case .prefillFromBackup(let code, let path):
            return ("Backup found", ["A backup of \(code)'s settings exists:", path, "Start the form from it?"])
        }
    }

    /// The help overlay over the main area: the keymap's lines, in as many columns as fit.
    static func help(_ state: AppState, _ layout: Layout, into c: inout Canvas, _ g: Glyphs) {
        let r = layout.main
        c.fill(x: r.x, y: r.y, width: r.width, height: r.height)
        c.putClipped("Help: " + Keymap.helpNote, x: r.x + 1, y: r.y, width: r.width - 2, style: Style(.title, [.bold]), g)
        let lines = Keymap.helpLines(readonly: state.options.readonly)
        let rows = max(1, r.height - 2)
        let columns = (lines.count + rows - 1) / rows
        let colW = max(10, (r.width - 1) / max(1, columns))
        for (i, line) in lines.enumerated() {
            let col = i / rows, row = i % rows
            let isHeading = !line.hasPrefix(" ") && !line.isEmpty
            c.putClipped(line, x: r.x + 1 + col * colW, y: r.y + 2 + row, width: colW - 1,
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
