import AmoCRM
import ArgumentParser
import Foundation
import WidgetManager

/// `amowidgets log`: the audit log of changes (install, reconfigure, uninstall, restore), oldest first.
struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Show the audit log: every install, reconfigure, uninstall and restore, from the TUI or the CLI.",
        discussion: """
            One entry per change: time (UTC), profile, account host, widget code, \
            action, outcome, HTTP status, X-Request-Id and the KEYS of the settings \
            sent (never their values).

            Examples:
              amowidgets log
              amowidgets log --code amo_asterisk --last 5
              amowidgets log --json | jq '.entries[] | select(.outcome=="failed")'

            \(ExitStatus.helpText)
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Only entries for this widget code.", valueName: "code")) var code: String?
    @Option(help: ArgumentHelp("Only the last N entries.", valueName: "n")) var last: Int?
    @Flag(help: "Print JSON: {\"entries\": [{time, profile, account_host, widget_code, action, outcome, http_status, request_id, settings_keys, error}], \"unreadable_lines\": N}.")
    var json = false

    func validate() throws {
        if let last, last < 1 { throw ValidationError("--last must be at least 1") }
    }

    func run() async throws {
        let ctx = AppContext()
        let (all, bad) = try ctx.auditLog.read()
        var entries = all
        if let code { entries = entries.filter { $0.widgetCode == code } }
        if let last { entries = Array(entries.suffix(last)) }
        if json {
            try JSONOutput.print(AuditLogOutput(entries: entries, unreadableLines: bad))
            return
        }
        if bad > 0 { Console.message("warning: \(bad) line(s) of \(ctx.auditLogPath) could not be read and are not shown") }
        if entries.isEmpty {
            if all.isEmpty {
                Console.message("The audit log is empty (\(ctx.auditLogPath)).")
            } else {
                let scope = code.map { "for \($0)" } ?? "in the last \(last ?? 0)"
                Console.message("No audit entries \(scope) (\(all.count) entr\(all.count == 1 ? "y" : "ies") in \(ctx.auditLogPath)).")
            }
            return
        }
        let iso = ISO8601DateFormatter()
        let rows = entries.map { e in
            [iso.string(from: e.time), e.profile ?? "-", e.accountHost, e.widgetCode, e.action.rawValue,
             e.outcome.rawValue, e.httpStatus.map(String.init) ?? "-", e.requestID ?? "-",
             e.settingsKeys.isEmpty ? "-" : e.settingsKeys.joined(separator: ",")]
        }
        Console.out(TableOutput.render(header: ["TIME", "PROFILE", "HOST", "CODE", "ACTION", "OUTCOME", "STATUS", "REQUEST ID", "KEYS"], rows: rows))
    }
}

/// The `log --json` document.
struct AuditLogOutput: Encodable {
    var entries: [AuditRecord]
    var unreadableLines: Int

    enum CodingKeys: String, CodingKey {
        case entries
        case unreadableLines = "unreadable_lines"
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(unreadableLines, forKey: .unreadableLines)
        // Dates as ISO 8601 text whatever the encoder's date strategy.
        let iso = ISO8601DateFormatter()
        var list = c.nestedUnkeyedContainer(forKey: .entries)
        for e in entries {
            var v = try JSONOutput.value(e)
            if case .object(var o) = v { o["time"] = .string(iso.string(from: e.time)); v = .object(o) }
            try list.encode(v)
        }
    }
}
