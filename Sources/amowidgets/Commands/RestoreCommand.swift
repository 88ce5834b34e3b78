import AmoCRM
import ArgumentParser
import Foundation
import WidgetManager

/// `amowidgets restore CODE`: installs a widget again with the settings of its latest uninstall backup
/// (or of a given backup file).
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Reinstall a widget from its latest uninstall backup, or from --from FILE.",
        discussion: """
            Backups live under the data folder (see `amowidgets info`), one folder \
            per account host.

            Examples:
              amowidgets restore amo_asterisk
              amowidgets restore amo_asterisk \\
                --from backups/example.amocrm.ru/amo_asterisk-20261129T084500.123Z.json

            \(ExitStatus.helpText)
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The widget code.") var code: String
    @Option(help: ArgumentHelp("A backup file to restore from (default: the latest for this account).", valueName: "file"))
    var from: String?
    @Flag(name: [.customShort("y"), .long], help: "Do not ask before replacing an installed widget's settings (required off a terminal then).")
    var yes = false
    @Flag(help: "Print JSON: the installed widget (as `show --json`, secrets masked).") var json = false

    func run() async throws {
        if global.readonly { throw CLIError.usage("--readonly: restore is a change; nothing was sent") }
        let account = try AccountResolver(options: global).resolve()
        let ctx = AppContext()
        let record: SettingsRecord
        let path: String
        if let from {
            // An unusable file is a failure (exit 1) with the system's reason, as the README says.
            let bytes: [UInt8]
            do {
                guard let read = try FileContents.read(from) else { throw CLIError("cannot read the backup \(from): no such file") }
                bytes = read
            } catch let error as FileContents.Failure {
                throw CLIError("cannot read the backup \(from): \(error.reason.lowercased())")
            }
            guard let r = try? JSONDecoder().decode(SettingsRecord.self, from: Data(bytes)) else {
                throw CLIError("\(from) is not a settings backup (JSON with code, host, settings)")
            }
            guard r.code == code else { throw CLIError.usage("\(from) is a backup of `\(r.code)`, not `\(code)`") }
            (record, path) = (r, from)
        } else {
            guard let latest = SettingsStore(paths: ctx.paths).latest(code: code, host: account.host, kind: .uninstallBackup) else {
                throw CLIError("no backup of \(code) for \(account.host)", hints: ["Backups are written by `amowidgets uninstall` and the TUI; see `amowidgets info`."])
            }
            (record, path) = latest
        }
        if record.host != account.host {
            Console.message("note: the backup was taken on \(record.host); restoring it to \(account.host)")
        }
        let settings = record.settings
        let installed = try await AccountSession.with(account, options: global) { client in
            // Restoring onto an installed widget replaces ALL its settings: say which keys change, ask.
            let widget = try await WidgetLookup.widget(code, client: client)
            if widget.isActiveInAccount && !yes {
                guard Console.stdinIsTerminal else {
                    throw CLIError.usage("\(code) is installed: restoring replaces all its settings; pass --yes (stdin is not a terminal); "
                                         + "nothing was changed")
                }
                Console.message("\(code) is installed in \(account.host); restoring replaces ALL its settings with the backup's.")
                // What is known of the current settings: the server's, else this program's newer records.
                let store = SettingsStore(paths: ctx.paths)
                let known = KnownSettings.best(server: widget.settings,
                                               sent: store.latest(code: code, host: account.host, kind: .sent)?.record,
                                               backup: nil)
                Console.message(Self.changedKeys(current: known?.settings, backup: settings)
                                + (known.map { " (current settings \($0.describe()))" } ?? ""))
                guard try Console.confirm("Replace them?") else { throw CLIError.cancelled("cancelled; nothing was changed") }
            }
            Console.message("Restoring \(code) from \(path)")
            return try await AuditTrail.record(.restore, code: code, settingsKeys: Array(settings.keys), account: account,
                                        context: ctx, sent: settings) {
                try await client.install(code: code, settings: settings)
            }
        }
        // Like install: what was sent is kept, so the next uninstall can back it up again.
        do {
            try SettingsStore(paths: ctx.paths).save(code: code, host: account.host, kind: .sent, settings: settings)
        } catch {
            Console.message("warning: the settings were sent but could not be recorded: \(error)")
        }
        Console.message("Restored \(code) in \(account.host)\(WidgetOutput.requestNote(installed.requestID)).")
        if json {
            try JSONOutput.print(try WidgetOutput.json(installed, showSecrets: false))
        } else {
            Console.out(WidgetOutput.detail(installed.value, showSecrets: false))
        }
    }

    /// Which keys the restore changes, in words (values never shown: they may be secrets).
    static func changedKeys(current: [String: JSONValue]?, backup: [String: JSONValue]) -> String {
        guard let current else { return "The server does not show the current settings: which keys change is unknown." }
        let changed = backup.keys.filter { current[$0] != nil && current[$0] != backup[$0] }.sorted()
        let added = backup.keys.filter { current[$0] == nil }.sorted()
        let removed = current.keys.filter { backup[$0] == nil }.sorted()
        let parts = [("changed", changed), ("added", added), ("removed", removed)].filter { !$0.1.isEmpty }
            .map { "\($0.0): \($0.1.joined(separator: ", "))" }
        return parts.isEmpty ? "No key changes: the backup holds the current settings." : "Keys " + parts.joined(separator: "; ")
    }
}
