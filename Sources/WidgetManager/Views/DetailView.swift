import AmoCRM

/// The detail pane: every documented field of the selected widget in words, its settings template
/// as a table, the pipeline of a lead source, and the current settings (secrets masked).
enum DetailView {
    typealias Line = (text: String, style: Style)

    static func draw(_ state: AppState, in r: Rect, into c: inout Canvas, _ g: Glyphs) {
        guard r.width > 2, r.height > 0 else { return }
        let lines = self.lines(state, width: r.width - 1, g)
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
        out.append(("\(w.code)  v\(w.version)  rating \(ListView.rating(w))", Style(.title, [.bold])))
        out.append(("Installed: \(yes(entry.installed))   Widget id: \(w.id)", .plain))
        out.append(("Lead source: \(yes(w.isLeadSource))   Digital Pipeline: \(yes(w.isWorkWithDP))   CRM template: \(yes(w.isCRMTemplate))", .plain))
        if let pipeline = w.pipelineID {
            let name = state.pipelineNames[pipeline].map { "\($0) (id \(pipeline))" } ?? "id \(pipeline)"
            out.append(("Pipeline: \(name)", .plain))
        } else if w.isLeadSource {
            out.append(("Pipeline: none", .plain))
        }
        out.append(("Integration (client UUID): \(w.clientUUID ?? "none")", .plain))
        if let link = w.selfLink { out.append(("Link: \(link)", Style(.muted))) }
        if state.detailRequest?.code == code {
            out.append(("Loading details" + g.ellipsis, Style(.muted)))
        } else if let error = state.detailErrors[code] {
            out.append(("Details failed: \(error)", Style(.error)))
        }
        out.append(("", .plain))
        out += templateTable(w.settingsTemplate, width: width)
        out += currentSettings(state, widget: w, g)
        return out
    }

    static func templateTable(_ template: [SettingsField], width: Int) -> [Line] {
        guard !template.isEmpty else { return [("Settings template: no fields", .plain)] }
        var out: [Line] = [("Settings template (\(template.count) field\(template.count == 1 ? "" : "s")):", Style(.accent, [.bold]))]
        let typeW = max(4, template.map { DisplayWidth.of(FormField.typeName($0.type)) }.max() ?? 4)
        let reqW = 8
        let room = max(8, width - 2 - typeW - reqW - 3)
        let keyW = min(max(3, template.map { DisplayWidth.of($0.key) }.max() ?? 3), max(6, room / 2))
        let nameW = max(4, room - keyW)
        func row(_ a: String, _ b: String, _ t: String, _ r: String) -> String {
            "  " + Columns.fit(a, keyW) + " " + Columns.fit(b, nameW) + " " + Columns.fit(t, typeW) + " " + r
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
}
