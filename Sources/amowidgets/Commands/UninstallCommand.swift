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
            The known settings are those the server returns for the widget, else \
            the newest this program sent or backed up for the account. They are saved \
            (0600) before the DELETE, and the backup's path is printed; the question \
            (and with --yes a warning) says when none are known and nothing can be \
            backed up.

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
        if !yes && !Console.stdinIsTerminal {
            throw CLIError.usage("uninstall needs confirmation: pass --yes (stdin is not a terminal); nothing was changed")
        }
        let ctx = AppContext()
        let store = SettingsStore(paths: ctx.paths)
        let (backup, requestID): (String?, String?) = try await AccountSession.with(account, options: global) { client in
            // What will be backed up is known before the question, so the question can say it.
            var known: KnownSettings?
            if !noBackup {
                let widget = try await WidgetLookup.widget(code, client: client)
                known = KnownSettings.best(server: widget.settings,
                                           sent: store.latest(code: code, host: account.host, kind: .sent)?.record,
                                           backup: store.latest(code: code, host: account.host, kind: .uninstallBackup)?.record)
                if known?.settings.isEmpty == true { known = nil }
            }
            let effect = noBackup ? "No backup is written (--no-backup): its settings are lost on uninstall."
                : known.map { k in
                    let n = k.settings.count
                    return "Its \(n) known setting\(n == 1 ? " (\(k.describe())) is" : "s (\(k.describe())) are") backed up first."
                }
                ?? "No settings are known for \(code) here: nothing can be backed up, and they are lost on uninstall."
            if yes {
                Console.message(known == nil ? "warning: " + effect : effect)
            } else {
                Console.message(effect)
                guard try Console.confirm("Uninstall \(code) from \(account.host)?") else { throw CLIError.cancelled("cancelled; nothing was changed") }
            }
            var backup: String?
            if let known {
                do {
                    backup = try store.save(code: code, host: account.host, kind: .uninstallBackup, settings: known.settings)
                } catch {
                    throw CLIError("cannot write the backup (\(error)); nothing was uninstalled", hints: ["Use --no-backup to uninstall without one."])
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
