/// The frame around everything: title bar, separator, status line, hint bar.
enum ChromeView {
    /// Draws the frame on a blank canvas (it does not clear the inside); `dividerX` is the column of
    /// the list/detail divider (its tees join the frame).
    static func draw(_ state: AppState, _ layout: Layout, dividerX: Int?, into c: inout Canvas, _ g: Glyphs) {
        let w = layout.width, h = layout.height
        c.box(Rect(x: 0, y: 0, width: w, height: h), g, clear: false)
        if let x = dividerX {
            c.put(String(g.teeDown), x: x, y: 0, style: Style(.muted))
            c.vline(x: x, y: 1, length: layout.main.height, g)
            c.put(String(g.teeUp), x: x, y: layout.separatorY, style: Style(.muted))
        }
        c.put(String(g.teeRight), x: 0, y: layout.separatorY, style: Style(.muted))
        c.hline(x: 1, y: layout.separatorY, length: w - 2, g)
        c.put(String(g.teeLeft), x: w - 1, y: layout.separatorY, style: Style(.muted))
        c.putClipped(" " + title(state, g) + " ", x: 2, y: 0, width: w - 4, style: Style(.title, [.bold]), g)
        drawStatus(state, layout, into: &c, g)
        let installedOnly = state.catalog.installedOnly
        let hints = Keymap.hintText(for: state.context, readonly: state.options.readonly, width: w - 4) { command in
            command == .toggleInstalledOnly && installedOnly ? "all widgets" : nil
        }
        c.putClipped(hints, x: 2, y: layout.hintsY, width: w - 4, style: Style(.muted), g)
    }

    /// "amowidgets ─ host ─ 37 shown / 250 loaded / total ? ─ filter: x ─ by code"
    static func title(_ state: AppState, _ g: Glyphs) -> String {
        let sep = " \(g.horizontal) "
        let catalog = state.catalog
        let total = state.load.complete ? String(catalog.entries.count) : "?"
        var parts = ["amowidgets", state.host,
                     "\(catalog.visible.count) shown / \(catalog.entries.count) loaded / total \(total)"]
        if !catalog.filter.isEmpty { parts.append("filter: \(catalog.filter)") }
        if catalog.installedOnly { parts.append("installed only") }
        parts.append(catalog.sort.title)
        if state.options.readonly { parts.append("read-only") }
        return parts.joined(separator: sep)
    }

    /// The status line: the filter being typed or the last message on the left, progress on the right.
    static func drawStatus(_ state: AppState, _ layout: Layout, into c: inout Canvas, _ g: Glyphs) {
        let y = layout.statusY, w = layout.width
        let progress = shownProgress(state, g, width: w)
        let progressW = DisplayWidth.of(progress)
        let leftW = max(0, w - 4 - (progressW > 0 ? progressW + 2 : 0))
        if let editor = state.filterEditor {
            c.put("/", x: 2, y: y, style: Style(.accent, [.bold]))
            let shown = editor.visible(width: max(1, leftW - 2))
            c.put(shown.text, x: 4, y: y, maxWidth: leftW - 2)
        } else if let status = state.status {
            c.putClipped(status.text, x: 2, y: y, width: leftW, style: status.isError ? Style(.error, [.bold]) : .plain, g)
        }
        if progressW > 0 { c.put(progress, x: w - 2 - progressW, y: y, style: Style(.warning)) }
    }

    /// Where the caret goes while the filter is typed.
    static func filterCursor(_ state: AppState, _ layout: Layout) -> (x: Int, y: Int)? {
        guard let editor = state.filterEditor else { return nil }
        let progressW = DisplayWidth.of(shownProgress(state, .ascii, width: layout.width))
        let leftW = max(0, layout.width - 4 - (progressW > 0 ? progressW + 2 : 0))
        return (4 + editor.visible(width: max(1, leftW - 2)).cursorColumn, layout.statusY)
    }

    /// `progress` cut to at most half the status line, marked when cut (a long code must not run
    /// over the frame or the message).
    static func shownProgress(_ state: AppState, _ g: Glyphs, width: Int) -> String {
        let text = progress(state, g), room = max(8, (width - 4) / 2)
        return DisplayWidth.of(text) > room ? Columns.fit(text, room, g).trimmingCharacters(in: .whitespaces) : text
    }

    /// Spinner and what runs, e.g. "⠹ loading page 3 (500 loaded)" or "⠹ waiting 4s (rate limit)".
    static func progress(_ state: AppState, _ g: Glyphs) -> String {
        guard state.isBusy else { return "" }
        let spin = String(g.spinner[state.spinnerFrame % g.spinner.count])
        if let seconds = state.activity.waitingSeconds {
            return "\(spin) waiting \(seconds)s (\(state.activity.reason ?? "rate limit"))"
        }
        if let (id, code) = state.installRequests.min(by: { $0.key < $1.key }) {
            return "\(spin) \(state.form?.submittingRequest == id && state.form?.isReconfigure == true ? "reconfiguring" : "installing") \(code)"
        }
        if let code = state.uninstallRequests.values.sorted().first { return "\(spin) uninstalling \(code)" }
        if state.load.requestID != nil {
            return "\(spin) loading page \(state.load.page) (\(state.catalog.entries.count) loaded)"
        }
        if state.usersRequest != nil { return "\(spin) loading users" }
        // A quick detail answer shows no spinner at all (see `AppState.detailLoadingAfterTicks`).
        if state.pendingOpen == nil && !state.detailLoadingShown { return "" }
        return "\(spin) loading details"
    }
}
