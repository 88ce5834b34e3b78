import AmoCRM
import ArgumentParser
import Foundation
import WidgetManager

/// `amowidgets install CODE`: installs a widget, or reconfigures an installed one
/// (`POST /api/v4/widgets/{code}` with the settings as the body).
struct InstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install a widget (or reconfigure an installed one) with settings from a file and/or --set.",
        discussion: """
            Settings by field type: text and pass as strings (--set login=admin); \
            users as --set phones.USER_ID=EXTENSION; users_lp as --set KEY.USER_ID.login=… \
            and --set KEY.USER_ID.password=…; custom as JSON (--set 'conf={"a":1}'). \
            --set wins over the file.

            On an installed widget the given settings are merged onto its known \
            current settings (the server's when it shows them, else what this program \
            last sent or backed up for the account), because the API replaces ALL of \
            a widget's settings with what is sent. When none are known the command \
            refuses (exit 2) unless --replace-all says to send exactly what was given.

            Missing required fields are asked for on a terminal (pass without echo); \
            elsewhere they are an error naming them. The settings are checked before \
            sending, as the TUI's form does.

            Examples:
              amowidgets install amo_asterisk --settings-file secret.json \\
                --set login=admin --set script_path=https://pbx.example.com/ \\
                --set phones.504141=1039
              echo '{"password":"s3cret"}' | \\
                amowidgets install amo_asterisk --settings-file - --set login=admin
              amowidgets install amo_dropbox --dry-run --json

            \(ExitStatus.helpText)
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The widget code.") var code: String
    @Option(name: .customLong("settings-file"), help: ArgumentHelp("A JSON object of settings; - reads stdin.", valueName: "file"))
    var settingsFile: String?
    @Option(name: .customLong("set"), help: ArgumentHelp("One setting (repeatable); see the forms above.", valueName: "key=value"))
    var assignments: [String] = []
    @Flag(name: .customLong("replace-all"), help: "On an installed widget, send exactly the given settings: every other setting is removed.")
    var replaceAll = false
    @Flag(name: .customLong("dry-run"), help: "Check the settings as the real request would (user ids against the account), print the request (secrets masked) and send nothing.")
    var dryRun = false
    @Flag(help: "Print JSON: the installed widget (as `show --json`, secrets masked); with --dry-run {\"method\", \"url\", \"body\"}.")
    var json = false

    func run() async throws {
        if global.readonly && !dryRun { throw CLIError.usage("--readonly: install is a change; nothing was sent") }
        let account = try AccountResolver(options: global).resolve()
        let ctx = AppContext()
        try await AccountSession.with(account, options: global) { client in
            let widget = try await WidgetLookup.widget(code, client: client)
            let template = widget.settingsTemplate
            let store = SettingsStore(paths: ctx.paths)
            var settings: [String: JSONValue] = [:]
            if widget.isActiveInAccount && !replaceAll {
                // A POST replaces every setting: what is given goes on top of what is known.
                let sent = store.latest(code: code, host: account.host, kind: .sent)
                if widget.settings == nil {
                    for path in store.unreadableNewer(than: sent?.path, code: code, host: account.host, kind: .sent) {
                        Console.message("warning: \(path) is newer but cannot be read; it is passed over")
                    }
                }
                guard let known = KnownSettings.best(server: widget.settings,
                                                     sent: sent?.record,
                                                     backup: store.latest(code: code, host: account.host, kind: .uninstallBackup)?.record) else {
                    throw CLIError.usage("\(code) is installed, and the server does not show its current settings and none are recorded "
                                         + "here: a reconfigure would replace ALL of them with only what was given; nothing was sent",
                                         hints: ["Pass --replace-all to send exactly the given settings (every other setting is removed)."])
                }
                settings = known.settings
                Console.message("Merging onto the current settings of \(code) \(known.describe()) (\(known.settings.count) key\(known.settings.count == 1 ? "" : "s")).")
            }
            let fromFile: [String: JSONValue] = try settingsFile.map(SettingsInput.load(file:)) ?? [:]
            // A key the template does not have is refused, as `--set` refuses it: nothing unseen is sent.
            let unknownKeys = fromFile.keys.filter { key in !template.contains { $0.key == key } }.sorted()
            if !unknownKeys.isEmpty {
                throw CLIError.usage("--settings-file: \(code) has no setting " + unknownKeys.map { "`\($0)`" }.joined(separator: ", ")
                                     + "; nothing was sent", hints: ["Its settings: " + template.map(\.key).joined(separator: ", ")])
            }
            settings.merge(fromFile) { _, given in given }
            settings = try SettingsInput.apply(assignments, to: settings, template: template)
            settings = try await SettingsPrompt.fillMissing(settings, template: template, client: client)
            var problems = SettingsInput.problems(in: settings, template: template)
            if problems.isEmpty { problems = SettingsInput.formProblems(in: settings, template: template, code: code) }
            if problems.isEmpty { problems = try await SettingsInput.unknownUsers(in: settings, template: template, client: client) }
            if !problems.isEmpty {
                throw CLIError.usage("the settings are not valid; nothing was sent", hints: problems.map { "  " + $0 })
            }
            let masked = WidgetOutput.masked(settings: settings, template: template, show: false)
            let url = account.baseURL + "/api/v4/widgets/" + code
            if dryRun {
                if json {
                    try JSONOutput.print(JSONValue.object(["method": .string("POST"), "url": .string(url), "body": .object(masked)]))
                } else {
                    let text = WidgetOutput.masked(settings: settings, template: template, show: false, mask: WidgetOutput.textMask)
                    Console.out("POST \(url)\n" + (try JSONOutput.text(JSONValue.object(text))) + "\n")
                }
                Console.message("Dry run: nothing was sent.")
                return
            }
            // What was sent is kept (0600) so a later uninstall can back it up and restore it (also
            // when the reply was lost: the install may have happened).
            func record(_ settings: [String: JSONValue]) {
                do {
                    try store.save(code: code, host: account.host, kind: .sent, settings: settings)
                } catch {
                    Console.message("warning: the settings were sent but could not be recorded: \(error)")
                }
            }
            let action: AuditRecord.Action = widget.isActiveInAccount ? .reconfigure : .install
            let installed = try await AuditTrail.record(action, code: code, settingsKeys: Array(settings.keys),
                                                        account: account, context: ctx, sent: settings,
                                                        ifOutcomeUnknown: { record(settings) }) {
                try await client.install(code: code, settings: settings)
            }
            record(settings)
            Console.message("\(action == .install ? "Installed" : "Reconfigured") \(code) in \(account.host)\(WidgetOutput.requestNote(installed.requestID)).")
            if json {
                try JSONOutput.print(try WidgetOutput.json(installed, showSecrets: false))
            } else {
                Console.out(WidgetOutput.detail(installed.value, showSecrets: false))
            }
        }
    }
}
