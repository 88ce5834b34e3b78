import AmoCRM

/// The detail pane: every documented field of the selected widget in words, its settings template
/// as a table, the pipeline of a lead source, and the current settings (secrets masked).
enum DetailView {
    typealias Line = (text: String, style: Style)

    static func draw(_ state: AppState, in r: Rect, into c: inout Canvas, _ g: Glyphs) {
        guard r.width > 2, r.height > 0 else { return }
        var lines = self.lines(state, width: r.width - 1, g)
        if state.detailZoom {
            // The whole of every value: long lines wrap (a cut value cannot be read anywhere else).
            lines = lines.flatMap { line -> [Line] in
                guard DisplayWidth.of(line.text) > r.width - 1 else { return [line] }
                let indent = String(line.text.prefix { $0 == " " })
                return TextWrap.lines(line.text, width: r.width - 1 - indent.count).map { (indent + $0, line.style) }
            }
        }
        // Scrolled by J/K, never past the point where the last line shows.
        let top = max(0, min(state.detailTop, lines.count - r.height))
        for (i, line) in lines.dropFirst(top).prefix(r.height).enumerated() {
            c.putClipped(line.text, x: r.x + 1, y: r.y + i, width: r.width - 1, style: line.style, g)
        }
    }

    static func lines(_ state: AppState, width: Int, _ g: Glyphs) -> [Line] {
        guard let entry = state.selected else {
            return [("No widget selected", Style(.muted))]
        }
        let code = entry.widget.code
        let w = state.details[code] ?? entry.widget
        let yes: (Bool) -> String = { $0 ? "yes" : "no" }
        var out: [Line] = []
        out.append(("\(w.code)  \(Self.version(w.version))  rating \(ListView.rating(w))", Style(.title, [.bold])))
        if let uncertain = state.uncertain[code] {
            out.append(("Installed: unknown (the reply to the \(uncertain.change) was lost; r reloads)", Style(.warning, [.bold])))
        } else {
            out.append(("Installed: \(yes(entry.installed))   Widget id: \(w.id)", .plain))
        }
        out.append(("Lead source: \(yes(w.isLeadSource))   Digital Pipeline: \(yes(w.isWorkWithDP))   CRM template: \(yes(w.isCRMTemplate))", .plain))
        // Every widget gets the same rows in the same places (pipeline, link and the status row are
        // always there), so moving the selection rewrites only the text that differs, and the detail
        // answer arriving changes the status row at most: few bytes per keystroke over a slow link.
        if let pipeline = w.pipelineID {
            let name = state.pipelineNames[pipeline].map { "\($0) (id \(pipeline))" } ?? "id \(pipeline)"
            out.append(("Pipeline: \(name)", .plain))
        } else {
            out.append((w.isLeadSource ? "Pipeline: none" : "Pipeline: none (not a lead source)", w.isLeadSource ? .plain : Style(.muted)))
        }
        out.append(("Integration (client UUID): \(w.clientUUID ?? "none")", .plain))
        out.append(("Link: \(w.selfLink ?? "none")", Style(.muted)))
        out.append(statusLine(state, code: code, g))
        out += templateTable(w.settingsTemplate, width: width, g)
        out += currentSettings(state, widget: w, g)
        return out
    }

    /// The row between the widget's fields and its settings template: what the detail request is
    /// doing. Blank while the answer is quick: "Loading details…" shows only once the request has run
    /// for `AppState.detailLoadingAfterTicks` spinner ticks, so a fast answer changes nothing on the screen.
    static func statusLine(_ state: AppState, code: String, _ g: Glyphs) -> Line {
        if state.detailRequest?.code == code {
            return state.detailLoadingShown ? ("Loading details" + g.ellipsis, Style(.muted)) : ("", .plain)
        }
        if let error = state.detailErrors[code] { return ("Details failed: \(error)", Style(.error)) }
        return ("", .plain)
    }

    /// The widest settings field type name (`users_lp`); longer unknown types are clipped.
    static let typeWidth = 8

    /// The template table. Its columns depend on the pane width only, never on the widget, so the
    /// header and unchanged cells stay put when the selection moves.
    static func templateTable(_ template: [SettingsField], width: Int, _ g: Glyphs) -> [Line] {
        guard !template.isEmpty else { return [("Settings template: no fields", .plain)] }
        var out: [Line] = [("Settings template (\(template.count) field\(template.count == 1 ? "" : "s")):", Style(.accent, [.bold]))]
        let typeW = typeWidth
        let reqW = 8
        let room = max(8, width - 2 - typeW - reqW - 3)
        let keyW = max(6, min(24, room * 2 / 5))
        let nameW = max(4, room - keyW)
        func row(_ a: String, _ b: String, _ t: String, _ r: String) -> String {
            "  " + Columns.fit(a, keyW, g) + " " + Columns.fit(b, nameW, g) + " " + Columns.fit(t, typeW, g) + " " + r
        }
        out.append((row("KEY", "NAME", "TYPE", "REQUIRED"), Style(.muted)))
        for f in template {
            out.append((row(f.key, f.name, FormField.typeName(f.type), f.isRequired ? "yes" : "no"), .plain))
        }
        return out
    }

    /// Current settings: from the server when it returned them, else this program's last sent record,
    /// else the last uninstall backup — saying which. Secrets are always masked.
    static func currentSettings(_ state: AppState, widget w: Widget, _ g: Glyphs) -> [Line] {
        let records = state.local[w.code]
        let source: (String, [String: JSONValue])?
        if let s = w.settings {
            source = ("Current settings (from the server):", s)
        } else if let sent = records?.sent {
            source = ("Settings this program sent on \(sent.savedAt):", sent.settings)
        } else if let backup = records?.backup {
            source = ("Settings in the backup of \(backup.savedAt):", backup.settings)
        } else {
            source = nil
        }
        guard let (title, settings) = source else {
            return [("", .plain), ("Current settings: not shown by the server, none recorded here", Style(.muted))]
        }
        var names: [Int: String] = [:]
        if case .loaded(let users) = state.users { for u in users { names[u.id] = u.name } }
        let types = Dictionary(w.settingsTemplate.map { ($0.key, $0.type) }, uniquingKeysWith: { a, _ in a })
        var out: [Line] = [("", .plain), (title, Style(.accent, [.bold]))]
        if settings.isEmpty { out.append(("  (none)", Style(.muted))) }
        for key in settings.keys.sorted() {
            guard let value = settings[key] else { continue }
            out.append(("  \(key): " + SettingsValues.display(value, type: types[key], key: key, userNames: names, mask: g.secret), .plain))
        }
        return out
    }

    /// The version as the header shows it: "v" before a bare number ("1.4.10" -> "v1.4.10"); a version
    /// that already names itself ("v0.11", "V2") or is empty is kept as the server sent it.
    static func version(_ text: String) -> String {
        guard let first = text.first, first.isNumber else { return text }
        return "v" + text
    }
}
