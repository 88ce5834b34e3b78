import AmoCRM
import ArgumentParser
import Foundation
import WidgetManager

/// Turns any error a command throws into one message on stderr and a documented exit code
/// (`ExitStatus`). Messages carry the server's detail and `X-Request-Id` (from `AmoError.message`)
/// and never a secret.
enum CommandFailure {
    /// Prints `error` and returns the exit code for it.
    static func report(_ error: Error, parser: ParsableCommand.Type) -> Int32 {
        switch error {
        case let e as CLIError:
            show(e.message, hints: e.hints)
            return e.status.rawValue
        case let e as AmoError:
            return reportAmo(e)
        case let e as ConfigFileError:
            show(e.description, hints: [])
            return ExitStatus.failure.rawValue
        case let e as AuditLogError:
            show(e.description, hints: [])
            return ExitStatus.failure.rawValue
        case let e as AtomicFile.Failure:
            show("cannot write \(e.description)", hints: [])
            return ExitStatus.failure.rawValue
        default:
            // The parser's own errors: help and version (exit 0, to stdout), usage errors (exit 2).
            let code = parser.exitCode(for: error)
            let text = parser.fullMessage(for: error)
            if code == .success {
                if !text.isEmpty { Console.out(text + "\n") }
                return 0
            }
            if !text.isEmpty { Console.message(text) }
            if error is ExitCode { return code.rawValue }
            return code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue
        }
    }

    /// The exit code for a client error: 4 for 401, 2 for cancelled, 1 otherwise.
    static func status(for error: AmoError) -> ExitStatus {
        switch error {
        case .unauthorized: .auth
        case .cancelled: .usage
        default: .failure
        }
    }

    private static func reportAmo(_ error: AmoError) -> Int32 {
        var hints: [String] = []
        switch error {
        case .unauthorized:
            hints.append(error.isRevokedToken
                         ? "Log in again: amowidgets login (see amowidgets login --help)."
                         : "The token was rejected. Log in again: amowidgets login --help.")
        case .validation(let fields, let c):
            // The headline names the request; each field's error is said once, below it (the
            // one-line `message` repeats the first two, for the TUI's status line).
            var head = "Invalid settings" + (c.status.map { " (\($0))" } ?? "") + ": the server refused them"
            if let endpoint = c.endpoint { head += " — \(endpoint)" }
            if let id = c.requestID { head += " [request \(id)]" }
            show(fields.isEmpty ? error.message : head, hints: [])
            for f in fields { Console.message("  \(f.path.isEmpty ? "?" : f.path): \(f.detail.isEmpty ? f.code : f.detail)") }
            return status(for: error).rawValue
        default:
            break
        }
        show(error.message, hints: hints)
        return status(for: error).rawValue
    }

    private static func show(_ message: String, hints: [String]) {
        Console.message("error: " + message)
        for h in hints { Console.message(h) }
    }
}
