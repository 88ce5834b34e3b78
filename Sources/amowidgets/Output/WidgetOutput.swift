import AmoCRM
import Foundation
import TerminalUI
import WidgetManager

/// How widgets look on stdout: table rows and detail blocks for people, JSON for scripts.
///
/// JSON widget objects use the API's own snake_case shape (`Widget`'s encoding: `id`, `code`,
/// `version`, `rating`, `settings_template`, `is_lead_source`, `is_work_with_dp`, `is_crm_template`,
/// `is_active_in_account`, `client_uuid`, `pipeline_id`, `settings`, `_links`), with secrets masked
/// unless `--show-secrets` (see `masked(_:show:)`).
enum WidgetOutput {
    /// The rating as the TUI shows it (`2.8`, the raw text when not a number, `-`).
    static func rating(_ w: Widget) -> String { ListColumns.rating(w) }

    /// The list table: the TUI list's columns (`ListColumns`: CODE, VERSION, RATING, FLAGS, FIELDS)
    /// with `-` for an unset flag, so each row has one word per column.
    static func table(_ widgets: [Widget]) -> String {
        TableOutput.render(header: ListColumns.titles,
                         rows: widgets.map { ListColumns.cells($0, installed: $0.isActiveInAccount).map(TextSanitizer.clean) })
    }

    /// The detail block of `show` (and of install's result).
    static func detail(_ w: Widget, showSecrets: Bool) -> String {
        func yes(_ b: Bool) -> String { b ? "yes" : "no" }
        var out = TextTable.keyValues([
            ("Code", w.code), ("ID", String(w.id)), ("Version", w.version.isEmpty ? "-" : w.version),
            ("Rating", rating(w)), ("Installed", yes(w.isActiveInAccount)), ("Lead source", yes(w.isLeadSource)),
            ("Digital Pipeline", yes(w.isWorkWithDP)), ("CRM template", yes(w.isCRMTemplate)),
            ("Client UUID", w.clientUUID ?? "-"), ("Pipeline ID", w.pipelineID.map(String.init) ?? "-"),
            ("Link", w.selfLink ?? "-"),
        ])
        out += "\nSettings template (\(w.settingsTemplate.count)):\n"
        if w.settingsTemplate.isEmpty {
            out += "  (none)\n"
        } else {
            let rows = w.settingsTemplate.map { ["  " + $0.key, $0.name, $0.type.rawValue, $0.isRequired ? "required" : "optional"] }
            out += TextTable.render(header: ["  KEY", "NAME", "TYPE", "REQUIRED"], rows: rows)
        }
        if let settings = masked(w, show: showSecrets, mask: textMask).settings {
            out += "\nSettings:\n"
            for key in settings.keys.sorted() {
                out += "  \(TextSanitizer.clean(key)) = \(TextSanitizer.clean(compact(settings[key] ?? .null)))\n"
            }
        } else if w.isActiveInAccount {
            // GET /api/v4/widgets/CODE returns `settings` only to the widget's own integration.
            out += "\nSettings: not shown by the server (only the widget's own integration reads them);\n"
            out += "  the settings last sent from here are kept under `sent_dir` (see `amowidgets info`).\n"
        }
        return out
    }

    /// `w` with secret settings masked (`mask`, fixed width: `Widget.secretMask` in JSON), unless `show`.
    static func masked(_ w: Widget, show: Bool, mask: String = Widget.secretMask) -> Widget { show ? w : w.maskingSecrets(mask: mask) }

    /// `settings` with the secrets of `template`'s fields masked, unless `show`.
    static func masked(settings: [String: JSONValue], template: [SettingsField], show: Bool,
                       mask: String = Widget.secretMask) -> [String: JSONValue] {
        if show { return settings }
        return Widget(id: 0, code: "", settingsTemplate: template, settings: settings).maskingSecrets(mask: mask).settings ?? [:]
    }

    /// The mask of secrets in text for people: 8 bullets, or 8 asterisks when the locale is not UTF-8
    /// (JSON always carries `Widget.secretMask`).
    static var textMask: String { TerminalRunner.localeIsUTF8() ? Widget.secretMask : Widget.asciiSecretMask }

    /// One-line JSON text of a value (keys sorted).
    static func compact(_ v: JSONValue) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: e.encode(v), as: UTF8.self)) ?? "?"
    }

    /// The JSON object of a widget (masked unless `showSecrets`).
    static func json(_ w: Widget, showSecrets: Bool) throws -> JSONValue {
        guard case .object(var members) = try JSONOutput.value(masked(w, show: showSecrets)) else {
            return try JSONOutput.value(masked(w, show: showSecrets))
        }
        // A number a script can compare (the API sends "2,8"), beside the server's own text.
        members["rating"] = w.rating?.value.map(JSONValue.double) ?? .null
        members["rating_raw"] = w.rating.map { .string($0.raw) } ?? .null
        return .object(members)
    }

    /// The JSON object of an install's answer: the widget's object plus `request_id` (the reply's
    /// `X-Request-Id`, null when none was sent).
    static func json(_ reply: AmoReply<Widget>, showSecrets: Bool) throws -> JSONValue {
        guard case .object(var members) = try json(reply.value, showSecrets: showSecrets) else { return try json(reply.value, showSecrets: showSecrets) }
        members["request_id"] = reply.requestID.map(JSONValue.string) ?? .null
        return .object(members)
    }

    /// " (request id ID)" for a change's confirmation line, or "" when the reply had none.
    static func requestNote(_ requestID: String?) -> String {
        requestID.map { " (request id \(TextSanitizer.clean($0)))" } ?? ""
    }
}
