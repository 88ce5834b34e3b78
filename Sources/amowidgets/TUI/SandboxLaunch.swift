import AmoCRM
import AmoSandbox
import ArgumentParser
import Foundation
import Logging
import TerminalUI
import WidgetManager

/// `amowidgets --sandbox`: the whole TUI on an emulated account served in this process on a free
/// loopback port, with the live rate limit switched on (so the client's pacing is exercised), as the
/// sandbox's admin (`SandboxTokens.admin`). Everything stops when the UI ends.
extension TUILaunch {
    /// Starts the sandbox, the client and the widget manager; runs the loop; shuts down in order.
    /// - Throws: `ExitCode(1)` when the sandbox or the terminal cannot start (said in words on stderr),
    ///   `ExitCode(128 + signal)` when a signal ended the UI.
    /// - Parameter catalog: a catalogue folder served instead of the embedded one (`--sandbox-catalog`;
    ///   a missing or corrupt file stops the start with a message naming it); `faults`: injected failures
    ///   (hidden `--sandbox-faults`, the grammar of `amowidgets sandbox --faults`).
    static func runSandbox(logLevel: Logger.Level, readonly: Bool, catalog: String? = nil, faults: FaultSpec? = nil) async throws {
        TerminalRunner.limitMallocArenas()
        let log = LogFile.path(AppPaths(environment: ProcessInfo.processInfo.environment))
        LogFile.bootstrap(level: logLevel, path: log)
        let logger = Logger(label: "amowidgets")
        // The emulated account's backups, sent records and audit log go to a directory of this run
        // only: a sandbox session never mixes into a real account's records (even one whose
        // subdomain is "sandbox").
        let records: SandboxRecords
        do { records = try SandboxRecords() } catch {
            FileHandle.standardError.write(Data("amowidgets: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let paths = records.paths
        logger.info("sandbox records", metadata: ["dir": "\(records.directory)"])

        var configuration = SandboxConfiguration()
        configuration.port = 0
        configuration.rateLimit = true
        configuration.catalog = catalog.map { .directory($0) } ?? .embedded
        configuration.faults = faults
        let sandbox: RunningSandbox
        do {
            sandbox = try await Sandbox.start(configuration)
        } catch {
            _ = records.finish()
            FileHandle.standardError.write(Data("amowidgets: the sandbox could not start: \(error)\n".utf8))
            throw ExitCode(1)
        }
        logger.info("sandbox started", metadata: ["url": "\(sandbox.baseURL)"])

        let activity = ClientActivity()
        let client: AmoClient
        do {
            var clientConfiguration = AmoClientConfiguration(baseURL: try BaseURL(parsing: sandbox.baseURL),
                                                             credentials: .longLivedToken(SandboxTokens.admin))
            clientConfiguration.logger = Logger(label: "amowidgets.client")
            clientConfiguration.onEvent = { activity.record($0) }
            client = AmoClient(configuration: clientConfiguration)
        } catch {
            await sandbox.shutdown()
            _ = records.finish()
            FileHandle.standardError.write(Data("amowidgets: \(error)\n".utf8))
            throw ExitCode(1)
        }

        var options = AppOptions(readonly: readonly, asciiOnly: !TerminalRunner.localeIsUTF8(),
                                 accountHost: sandbox.accountSubdomain ?? "")
        options.consoleSymbols = TerminalRunner.terminalHasFewSymbols()
        let performer = WidgetEffects(client: client, paths: paths, activity: activity, profile: SandboxRecords.profile)
        let result = Result { try runTerminal(WidgetApp(options: options), performer: performer, log: log) }
        sayWhatHappened(try? result.get(), performer: performer)
        await client.shutdown()
        await sandbox.shutdown()
        logger.info("stopped")
        if let kept = records.finish() {
            FileHandle.standardError.write(Data("amowidgets: this sandbox session's records (backups, audit log) are in \(kept)\n".utf8))
        }
        let outcome = try result.get()
        try finish(signal: outcome?.signal)
    }
}
