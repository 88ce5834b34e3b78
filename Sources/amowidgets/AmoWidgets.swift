import AmoSandbox
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
        version: BuildInfo.line,  // --version: the version, commit and build date
        subcommands: [
            ListCommand.self, ShowCommand.self, InstallCommand.self, UninstallCommand.self, RestoreCommand.self,
            LoginCommand.self, LogoutCommand.self, ProfilesCommand.self, InfoCommand.self, LogCommand.self,
            UsersCommand.self, SandboxCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Open the browser on the built-in sandbox: an emulated amoCRM account served on loopback in this process.")
    var sandbox = false

    @Option(help: ArgumentHelp("Catalogue folder for --sandbox (as `amowidgets sandbox --catalog`), e.g. a big one from scripts/generate_catalog.py.",
                               valueName: "dir"))
    var sandboxCatalog: String?

    /// With --sandbox: injected failures in the `--faults` grammar of `amowidgets sandbox` (hidden: tests).
    @Option(name: .customLong("sandbox-faults"), help: .hidden)
    var sandboxFaults: String?

    /// A diagnostic screen showing how each key decodes (hidden: for checking a terminal or SSH client).
    @Flag(help: .hidden)
    var debugKeys = false

    mutating func run() async throws {
        if debugKeys { return try await TUILaunch.runKeyTester(logLevel: global.fileLogLevel) }
        if sandbox || sandboxCatalog != nil {
            let faults: FaultSpec?
            do { faults = try sandboxFaults.map { try FaultSpec(parsing: $0) } }
            catch { throw ValidationError("--sandbox-faults: \(error)") }
            return try await TUILaunch.runSandbox(logLevel: global.fileLogLevel, readonly: global.readonly, catalog: sandboxCatalog, faults: faults)
        }
        // Without an account there is nothing to browse: say how to get one (exit 4).
        let account = try AccountResolver(options: global).resolve()
        try await TUILaunch.runAccount(account, options: global)
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
