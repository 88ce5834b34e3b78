import AmoCRM

/// The widget list: a header and the visible rows only (the cached `Catalog.visible` is indexed
/// directly, so drawing costs the same for 10 or 10,000 widgets).
enum ListView {
    static let versionWidth = 9, ratingWidth = 6, flagsWidth = 5, fieldsWidth = 6
    /// The code column gets at least this many columns: on a narrow list FIELDS, then FLAGS, then
    /// RATING are left out to make room (the detail pane still shows them).
    static let minCodeWidth = 16

    /// Which columns a list `width` columns wide shows, and the code column's width.
    struct Plan: Equatable {
        var codeWidth: Int
        var rating = true, flags = true, fields = true
        /// FLAGS gave way: a one-letter `I` column still tells installed widgets apart (colour alone
        /// is lost without colours or under `NO_COLOR`).
        var installedMark: Bool { !flags }
    }

    static func plan(width: Int) -> Plan {
        var plan = Plan(codeWidth: 0)
        func code() -> Int {
            width - 2 - versionWidth - (plan.rating ? ratingWidth + 1 : 0) - (plan.flags ? flagsWidth + 1 : 0)
                - (plan.fields ? fieldsWidth + 1 : 0)
        }
        if code() < minCodeWidth { plan.fields = false }
        if code() < minCodeWidth { plan.flags = false }
        if code() < minCodeWidth { plan.rating = false }
        plan.codeWidth = max(4, code() - (plan.installedMark ? 2 : 0))
        return plan
    }

    static func draw(_ state: AppState, in r: Rect, into c: inout Canvas, _ g: Glyphs) {
        guard r.height > 0, r.width > 0 else { return }
        let plan = plan(width: r.width)
        let codeWidth = plan.codeWidth
        var header = " " + Columns.fit("CODE", codeWidth) + " " + Columns.fit("VERSION", versionWidth)
        if plan.rating { header += " " + Columns.right("RATING", ratingWidth) }
        if plan.flags { header += " " + Columns.fit("FLAGS", flagsWidth) }
        if plan.fields { header += " " + Columns.right("FIELDS", fieldsWidth) }
        if plan.installedMark { header += " I" }
        c.put(header, x: r.x, y: r.y, style: Style(.accent, [.bold]), maxWidth: r.width)
        let rows = r.height - 1
        let catalog = state.catalog
        if catalog.visible.isEmpty {
            c.put(emptyText(state, g), x: r.x + 1, y: r.y + 1, style: Style(.muted), maxWidth: r.width - 1)
            return
        }
        let focused = state.filterEditor == nil && state.form == nil
        for i in 0..<rows {
            let row = state.listTop + i
            guard let entry = catalog.shown(row) else { break }
            let y = r.y + 1 + i
            let w = entry.widget
            let selected = row == state.cursor
            let style: Style = selected ? Style(.selection, focused ? [.reverse] : [.underline])
                : entry.installed ? Style(.success) : .plain
            // Each column is put straight into its cells (clipped by maxWidth): no padded strings are
            // built, so a frame costs a few passes over the visible rows' text only.
            c.fill(x: r.x, y: y, width: r.width, height: 1, style: style)
            if selected { c.put(String(g.selectionMark), x: r.x, y: y, style: style) }
            var x = r.x + 1
            c.putClipped(w.code, x: x, y: y, width: min(codeWidth, r.width - 1), style: style, g)
            x += codeWidth + 1
            c.put(Columns.fit(w.version, versionWidth, g), x: x, y: y, style: style, maxWidth: versionWidth)
            x += versionWidth + 1
            if plan.rating {
                let ratingText = rating(w)
                c.put(ratingText, x: x + max(0, ratingWidth - DisplayWidth.of(ratingText)), y: y, style: style, maxWidth: ratingWidth)
                x += ratingWidth + 1
            }
            if plan.flags {
                c.put(flags(entry), x: x, y: y, style: style)
                x += flagsWidth + 1
            }
            if plan.fields {
                let count = String(w.settingsTemplate.count)
                c.put(count, x: x + max(0, fieldsWidth - count.count), y: y, style: style, maxWidth: fieldsWidth)
            }
            if plan.installedMark, entry.installed { c.put("I", x: x, y: y, style: style) }
        }
    }

    /// The rating as `2.8`, the raw text when it is not a number, `-` when absent.
    static func rating(_ w: Widget) -> String {
        guard let rating = w.rating else { return "-" }
        guard let v = rating.value else { return rating.raw }
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }

    /// I installed, L lead source, D Digital Pipeline, T CRM template — each in its own column.
    static func flags(_ e: CatalogEntry) -> String {
        (e.installed ? "I" : " ") + (e.widget.isLeadSource ? "L" : " ") + (e.widget.isWorkWithDP ? "D" : " ")
            + (e.widget.isCRMTemplate ? "T" : " ")
    }

    static func emptyText(_ state: AppState, _ g: Glyphs) -> String {
        if state.catalog.entries.isEmpty {
            if state.load.requestID != nil { return "Loading the catalogue" + g.ellipsis }
            if let failure = state.load.failure { return "Nothing loaded: \(failure)" }
            return "The catalogue is empty"
        }
        if !state.catalog.filter.isEmpty { return "No widget matches \"\(state.catalog.filter)\"" }
        return state.catalog.installedOnly ? "No installed widgets (a shows all)" : "No widgets"
    }
}
