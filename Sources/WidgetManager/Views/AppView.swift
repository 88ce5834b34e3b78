/// The whole screen for a state: `view(state, size) -> Canvas`, pure.
public enum AppView {
    /// Draws the screen for a `width` x `height` terminal.
    public static func render(_ state: AppState, width: Int, height: Int) -> Canvas {
        let layout = Layout(width: width, height: height)
        if layout.tooSmall { return OverlayView.tooSmall(width: width, height: height) }
        let g = Glyphs.for(state.options)
        var c = Canvas(width: width, height: height)
        let sideBySide = state.form == nil && !state.detailZoom && !layout.stacked
        ChromeView.draw(state, layout, dividerX: sideBySide ? layout.detail.x - 1 : nil, into: &c, g)
        if state.form != nil {
            FormView.draw(state, in: formPane(state, layout, g), into: &c, g)
        } else if state.detailZoom {
            DetailView.draw(state, in: formPane(state, layout, g), into: &c, g)
        } else {
            ListView.draw(state, in: listPane(state, layout, g), into: &c, g)
            if layout.stacked {
                let y = layout.list.y + layout.list.height
                c.put(String(g.teeRight), x: 0, y: y, style: Style(.muted))
                c.hline(x: 1, y: y, length: width - 2, g)
                c.put(String(g.teeLeft), x: width - 1, y: y, style: Style(.muted))
            }
            DetailView.draw(state, in: layout.detail, into: &c, g)
        }
        StatusOverflowView.draw(state, layout, into: &c, g)
        if state.showHelp { OverlayView.help(state, layout, into: &c, g) }
        if let dialog = state.dialog { OverlayView.dialog(state, dialog, layout, into: &c, g) }
        if state.options.asciiOnly { c.replaceNonASCII() } else if state.options.consoleSymbols { c.replaceSymbols() }
        return c
    }

    /// Where the caret is shown: in the filter while typing it, in the focused form box; else hidden.
    public static func cursor(_ state: AppState, width: Int, height: Int) -> (x: Int, y: Int)? {
        let layout = Layout(width: width, height: height)
        guard !layout.tooSmall, !state.showHelp, state.dialog == nil else { return nil }
        if state.filterEditor != nil { return ChromeView.filterCursor(state, layout) }
        let g = Glyphs.for(state.options)
        if state.form != nil { return FormView.cursor(state, in: formPane(state, layout, g), g) }
        return nil
    }

    /// The form's pane: the main area above the long-message band (`StatusOverflowView`), if any.
    static func formPane(_ state: AppState, _ layout: Layout, _ g: Glyphs) -> Rect {
        var pane = layout.main
        pane.height = max(0, pane.height - StatusOverflowView.height(state, layout, g))
        return pane
    }

    /// The list's pane: `layout.list` ending above the long-message band, if any. `Update` scrolls
    /// the list by the same pane (`Update.listRows`), so the cursor's row is never under the band.
    static func listPane(_ state: AppState, _ layout: Layout, _ g: Glyphs) -> Rect {
        var pane = layout.list
        let bandTop = layout.main.y + layout.main.height - StatusOverflowView.height(state, layout, g)
        pane.height = max(0, min(pane.height, bandTop - pane.y))
        return pane
    }
}
