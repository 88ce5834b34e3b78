import AmoCRM
import Foundation
import Logging
import TerminalUI
import WidgetManager

/// `amowidgets` on a configured account (a profile or `AMO_TOKEN` + `AMO_BASE_URL`): the same TUI
/// as `--sandbox`, on the real service. The client's waits go to the status line, not to stderr.
extension TUILaunch {
    /// Opens a client for `account`, runs the widget manager, shuts the client down.
    /// - Throws: the credential file's errors (said by the command's error report), `ExitCode(1)` when
    ///   the terminal cannot start, `ExitCode(128 + signal)` when a signal ended the UI.
    static func runAccount(_ account: ResolvedAccount, options: GlobalOptions) async throws {
        TerminalRunner.limitMallocArenas()
        let paths = AppPaths(environment: ProcessInfo.processInfo.environment)
        let log = LogFile.path(paths)
        LogFile.bootstrap(level: options.fileLogLevel, path: log)
        let credentials: Credentials
        switch account.credential {
        case .environmentToken(let token): credentials = .longLivedToken(token)
        case .stored(let profile): credentials = try SecretsVault(context: AppContext()).credentials(for: profile)
        }
        let activity = ClientActivity()
        var configuration = AmoClientConfiguration(baseURL: try AccountSession.parse(account.baseURL), credentials: credentials)
        configuration.logger = Logger(label: "amowidgets.client")
        configuration.onEvent = { activity.record($0) }
        let client = AmoClient(configuration: configuration)
        var appOptions = AppOptions(readonly: options.readonly, asciiOnly: !TerminalRunner.localeIsUTF8(), accountHost: account.host)
        appOptions.consoleSymbols = TerminalRunner.terminalHasFewSymbols()
        if case .environmentToken = account.credential { appOptions.tokenSource = .environment("AMO_TOKEN") }
        let app = WidgetApp(options: appOptions)
        let effects = WidgetEffects(client: client, paths: paths, activity: activity, profile: account.profileName)
        let result = Result { try runTerminal(app, performer: effects, log: log) }
        sayWhatHappened(try? result.get(), performer: effects)
        await client.shutdown()
        try finish(signal: try result.get()?.signal)
    }
}
