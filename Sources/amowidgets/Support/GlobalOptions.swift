import ArgumentParser
import Foundation
import Logging

/// Options every command accepts, before or after the subcommand name
/// (`amowidgets --profile work list` and `amowidgets list --profile work` are the same).
///
/// Precedence for each setting: these flags, then the environment (`AMO_PROFILE`, `AMO_BASE_URL`,
/// `AMO_TOKEN`), then `config.toml`.
struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The profile to use (default: $AMO_PROFILE, then the current profile).", valueName: "name"))
    var profile: String?

    @Option(name: .customLong("base-url"),
            help: ArgumentHelp("The account's URL, e.g. https://example.amocrm.ru (default: $AMO_BASE_URL, then the profile's). http:// only for loopback.", valueName: "url"))
    var baseURL: String?

    @Flag(help: "Change nothing: install, uninstall and restore refuse (exit 2).")
    var readonly = false

    @Option(name: .customLong("log-level"),
            help: ArgumentHelp("How much to log: subcommands log to stderr (default: error), the TUI to its log file (default: info, one line per request).",
                               valueName: "level"))
    var logLevel: LogLevelArgument?

    @Option(help: ArgumentHelp("With --json: print what this jq-like expression selects (a subset: . .name .[N] .[] | length keys select(PATH == LITERAL); strings raw).",
                               valueName: "expr"))
    var jq: String?

    /// Parses `--jq` once for the whole process (`JQFilter.current`, read by `JSONOutput.print`).
    mutating func validate() throws {
        guard let jq else { return }
        let filter: JQFilter
        do { filter = try JQFilter(jq) } catch let error as CLIError { throw ValidationError(error.message) }
        JQFilter.current.withLock { $0 = filter }
    }

    /// The level of the subcommands' stderr log: `--log-level`, else `error`.
    var commandLogLevel: Logger.Level { logLevel?.level ?? .error }
    /// The level of the TUI's log file: `--log-level`, else `info` (a line per request: method and
    /// path, status, request id, duration — the client never logs tokens or settings).
    var fileLogLevel: Logger.Level { logLevel?.level ?? .info }

    /// A logger writing to stderr at `--log-level` (messages never go to stdout, which carries data).
    func logger(label: String = "amowidgets") -> Logger {
        let level = commandLogLevel
        return Logger(label: label) {
            var handler = StreamLogHandler.standardError(label: $0)
            handler.logLevel = level
            return handler
        }
    }
}

/// A `Logger.Level` as a command-line value.
struct LogLevelArgument: ExpressibleByArgument, Sendable {
    let level: Logger.Level
    init(_ level: Logger.Level) { self.level = level }
    init?(argument: String) {
        guard let l = Logger.Level(rawValue: argument.lowercased()) else { return nil }
        level = l
    }
    var defaultValueDescription: String { level.rawValue }
    static var allValueStrings: [String] { Logger.Level.allCases.map(\.rawValue) }
}
