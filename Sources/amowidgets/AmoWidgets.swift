import ArgumentParser
import Foundation

/// The `amowidgets` command: the TUI on the current profile by default, scriptable subcommands beside it.
@main
struct AmoWidgets: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "amowidgets",
        abstract: "Manage the widgets of an amoCRM / Kommo account from the terminal.",
        discussion: """
            Without a subcommand, opens the interactive browser (TUI) on the \
            current profile.

            Examples:
              amowidgets login --subdomain example --token-stdin < token.txt
              amowidgets list --installed
              amowidgets install amo_asterisk --settings-file settings.json
              amowidgets --sandbox         # try it all on the emulated account

            \(ExitStatus.helpText)
            """,
        subcommands: [
            ListCommand.self, ShowCommand.self, InstallCommand.self, UninstallCommand.self, RestoreCommand.self,
            LoginCommand.self, LogoutCommand.self, ProfilesCommand.self, InfoCommand.self, LogCommand.self,
            SandboxCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions

    mutating func run() async throws {
        // Without an account there is nothing to browse: say how to get one (exit 4).
        _ = try AccountResolver(options: global).resolve()
        throw CLIError("the interactive browser is not part of this build yet; use the subcommands (amowidgets --help)")
    }

    /// Parses, runs, and exits with the documented codes (`ExitStatus`): the parser's own usage
    /// errors become 2 (not its default 64), errors print one line (and hints) to stderr.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            Foundation.exit(CommandFailure.report(error, parser: Self.self))
        }
    }
}
