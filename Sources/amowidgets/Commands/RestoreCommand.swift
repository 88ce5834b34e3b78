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
        Console.message("Restoring \(code) from \(path)")
        let settings = record.settings
        let installed = try await AccountSession.with(account, options: global) { client in
            try await AuditTrail.record(.restore, code: code, settingsKeys: Array(settings.keys), account: account,
                                        context: ctx) {
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
}
