import AmoCRM
import ArgumentParser
import Foundation
import WidgetManager

/// `amowidgets uninstall CODE`: backs up the widget's last known settings, then
/// `DELETE /api/v4/widgets/{code}`.
struct UninstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall",
        abstract: "Uninstall a widget, after backing up its last known settings (see `restore`).",
        discussion: """
            The last known settings are those the server returns for the widget, \
            else the last ones this program sent. They are saved (0600) before the \
            DELETE, and the backup's path is printed.

            Asks for confirmation on a terminal; elsewhere --yes is required.

            Examples:
              amowidgets uninstall amo_asterisk
              amowidgets uninstall amo_asterisk --yes
              amowidgets uninstall amo_dropbox --yes --no-backup

            \(ExitStatus.helpText)
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The widget code.") var code: String
    @Flag(name: [.customShort("y"), .long], help: "Do not ask for confirmation (required when stdin is not a terminal).")
    var yes = false
    @Flag(name: .customLong("no-backup"), help: "Do not back up the settings first.") var noBackup = false
    @Flag(help: "Print JSON: {\"code\", \"uninstalled\": true, \"backup\": path|null}.") var json = false

    func run() async throws {
        if global.readonly { throw CLIError.usage("--readonly: uninstall is a change; nothing was sent") }
        let account = try AccountResolver(options: global).resolve()
        if !yes {
            guard Console.stdinIsTerminal else {
                throw CLIError.usage("uninstall needs confirmation: pass --yes (stdin is not a terminal); nothing was changed")
            }
            guard try Console.confirm("Uninstall \(code) from \(account.host)?") else { throw CLIError.cancelled("cancelled; nothing was changed") }
        }
        let ctx = AppContext()
        let store = SettingsStore(paths: ctx.paths)
        let (backup, requestID): (String?, String?) = try await AccountSession.with(account, options: global) { client in
            var backup: String?
            if !noBackup {
                let widget = try await client.widget(code: code)
                let known = widget.settings ?? store.latest(code: code, host: account.host, kind: .sent)?.record.settings
                if let known, !known.isEmpty {
                    do {
                        backup = try store.save(code: code, host: account.host, kind: .uninstallBackup, settings: known)
                    } catch {
                        throw CLIError("cannot write the backup (\(error)); nothing was uninstalled", hints: ["Use --no-backup to uninstall without one."])
                    }
                } else {
                    Console.message("No settings are known for \(code): no backup written.")
                }
            }
            let reply = try await AuditTrail.record(.uninstall, code: code, settingsKeys: [], account: account, context: ctx) {
                try await client.uninstall(code: code)
            }
            return (backup, reply.requestID)
        }
        Console.message("Uninstalled \(code) from \(account.host)\(WidgetOutput.requestNote(requestID)).")
        if let backup { Console.message("Backup: \(backup)  (amowidgets restore \(code))") }
        if json {
            try JSONOutput.print(JSONValue.object(["code": .string(code), "uninstalled": .bool(true), "backup": backup.map(JSONValue.string) ?? .null,
                                                   "request_id": requestID.map(JSONValue.string) ?? .null]))
        } else if let backup {
            Console.out(backup + "\n")
        }
    }
}
