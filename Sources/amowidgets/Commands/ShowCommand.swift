import AmoCRM
import ArgumentParser
import Foundation

/// `amowidgets show CODE`: one widget (`GET /api/v4/widgets/{code}`).
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one widget: flags, settings template and (when known) settings.",
        discussion: """
            Settings of type pass and the passwords of users_lp are masked unless \
            --show-secrets.

            Examples:
              amowidgets show amo_asterisk
              amowidgets show amo_asterisk --json | jq '.settings_template'

            \(ExitStatus.helpText)
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The widget code.") var code: String
    @Flag(help: "Print secrets (pass values, users_lp passwords) instead of masking them.") var showSecrets = false
    @Flag(help: "Print the widget as JSON, in the API's shape (id, code, version, rating, settings_template, is_active_in_account, …, settings).")
    var json = false

    func run() async throws {
        let account = try AccountResolver(options: global).resolve()
        let widget = try await AccountSession.with(account, options: global) { try await WidgetLookup.widget(code, client: $0) }
        if json {
            try JSONOutput.print(try WidgetOutput.json(widget, showSecrets: showSecrets))
        } else {
            Console.out(WidgetOutput.detail(widget, showSecrets: showSecrets))
        }
    }
}
