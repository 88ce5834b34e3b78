import ArgumentParser
import Foundation
import Logging
import TerminalUI
import WidgetManager

/// Starts the terminal UI for the root command and turns how it ended into the process's exit.
///
/// The loop blocks its thread in `poll()`, so it runs on the main actor (the process's main thread),
/// never on a thread of the small cooperative pool that the effect tasks and network code need.
@MainActor
enum TUILaunch {
    /// Runs the hidden key-test screen (`--debug-keys`).
    static func runKeyTester(logLevel: Logger.Level) throws {
        let log = LogFile.path(AppPaths(environment: ProcessInfo.processInfo.environment))
        LogFile.bootstrap(level: logLevel, path: log)
        let outcome = try runTerminal(KeyTester(), performer: KeyTester.Performer(), log: log)
        try finish(signal: outcome?.signal)
    }

    /// Runs `program` in the terminal; prints a terminal setup error in words (after curses is down).
    /// - Returns: nil when the terminal could not be set up (the message has been printed).
    static func runTerminal<P: Program, E: EffectPerformer>(_ program: P, performer: E, log: String) throws -> TerminalOutcome<P>?
    where E.Effect == P.Effect, E.Message == P.Message {
        do {
            return try TerminalRunner.run(program: program, performer: performer, options: TerminalOptions(stderrPath: log))
        } catch let error as TerminalError {
            FileHandle.standardError.write(Data("amowidgets: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// After the screen closed: records the changes still without an answer as `unknown`
    /// (`WidgetEffects.recordAbandoned`) and says on stderr what happened to every change answered
    /// while quitting and to every one left unanswered: no exit leaves a change unsaid or unrecorded.
    static func sayWhatHappened(_ outcome: TerminalOutcome<WidgetApp>?, performer: WidgetEffects) {
        let lines = (outcome?.program.state.farewell ?? []) + performer.recordAbandoned()
        for line in lines { FileHandle.standardError.write(Data("amowidgets: \(line)\n".utf8)) }
    }

    /// Ends the process the way a signal would have (exit status 128 + signal) when one stopped the UI.
    static func finish(signal: Int32?) throws {
        if let signal { throw ExitCode(128 + signal) }
    }
}
