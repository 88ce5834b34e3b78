import AmoCRM
import ArgumentParser
import Foundation
import WidgetManager

/// `amowidgets list`: the account's widget catalogue (`GET /api/v4/widgets`), one page or all of them.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the account's widgets (the catalogue, or only the installed ones).",
        discussion: """
            Without --page or --all, shows page 1 on a terminal — but with --installed \
            or --filter, or when stdout is a pipe or a file, reads every page (a \
            pipe never gets page 1 alone; --json keeps page 1 and says next_page). \
            The total goes to stderr. Piped, the rows are tab-separated with a \
            header line.

            The columns and order are the TUI list's: CODE, VERSION, RATING, FLAGS, \
            FIELDS (settings template size), sorted by code. FLAGS: one letter per \
            position, I installed, L lead source, D Digital Pipeline, T CRM template, \
            `-` when off. --json lists the widgets in the same order.

            Examples:
              amowidgets list
              amowidgets list --page 2 --limit 50
              amowidgets list --installed
              amowidgets list --filter asterisk --json | jq -r '.widgets[].code'

            \(ExitStatus.helpText)
            """
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Only widgets installed in the account (is_active_in_account).") var installed = false
    @Option(help: ArgumentHelp("Only widgets whose code contains TEXT (case-insensitive; a leading ! inverts), as the TUI's / filter.", valueName: "text")) var filter: String?
    @Flag(help: "Fetch every page.") var all = false
    @Option(help: ArgumentHelp("The page to fetch (from 1).", valueName: "n")) var page: Int?
    @Option(help: ArgumentHelp("Widgets per request, 1...250 (default: 50 for one page, 250 for all pages).", valueName: "n"))
    var limit: Int?
    @Flag(help: "Print JSON: {\"page\": N|null, \"next_page\": N|null, \"widgets\": [widget]} (widget: see `show --json`).")
    var json = false

    func validate() throws {
        if all && page != nil { throw ValidationError("--all and --page exclude each other") }
        if let page, page < 1 { throw ValidationError("--page must be at least 1") }
        if let limit, !(1...250).contains(limit) { throw ValidationError("--limit must be between 1 and 250") }
    }

    func run() async throws {
        let account = try AccountResolver(options: global).resolve()
        let everything = all || (page == nil && (installed || filter != nil || (!TableOutput.stdoutIsTerminal && !json)))
        let limit = self.limit ?? (everything ? 250 : 50)
        let (widgets, shownPage, nextPage) = try await AccountSession.with(account, options: global) { client in
            if everything {
                var list: [Widget] = []
                for try await p in client.allWidgets(limit: limit) { list += p.widgets }
                return (list, nil as Int?, nil as Int?)
            }
            let n = page ?? 1
            guard let p = try await client.widgetsPage(page: n, limit: limit) else { return ([], n, nil) }
            return (p.widgets, n, p.nextLink == nil ? nil : n + 1)
        }
        // The TUI list's order (by code) and its filter (case-insensitive code substring, `!` inverts).
        let shown = ListColumns.shown(widgets, installedOnly: installed, filter: filter ?? "")
        if json {
            try JSONOutput.print(JSONValue.object([
                "page": shownPage.map { .integer(Int64($0)) } ?? .null,
                "next_page": nextPage.map { .integer(Int64($0)) } ?? .null,
                "widgets": .array(try shown.map { try WidgetOutput.json($0, showSecrets: false) }),
            ]))
            return
        }
        if shown.isEmpty {
            Console.message(shownPage.map { "No widgets on page \($0)." } ?? "No widgets match.")
        } else {
            Console.out(WidgetOutput.table(shown))
        }
        if let shownPage {
            Console.message("Page \(shownPage): \(shown.count) widget\(shown.count == 1 ? "" : "s")"
                            + (nextPage.map { "; more: --page \($0), or --all" } ?? "; the last page") + ".")
        } else {
            Console.message(shown.count == widgets.count ? "\(shown.count) widget\(shown.count == 1 ? "" : "s")."
                            : "\(shown.count) of \(widgets.count) widgets.")
        }
    }
}
