/// The process exit codes of `amowidgets`, documented in `--help` and the README.
enum ExitStatus: Int32, Sendable {
    /// Success.
    case ok = 0
    /// The operation failed (server error, validation, network, a file that could not be written).
    case failure = 1
    /// Usage error (bad flags or values), or the user cancelled (declined a prompt, Ctrl-C).
    case usage = 2
    /// Authentication needed or failed: no profile, no token, 401 from the server.
    case auth = 4

    /// The text for `--help`.
    static let helpText = """
        Exit codes: 0 success, 1 failure, 2 usage error or cancelled, \
        4 authentication needed or failed (no profile, rejected token).
        """
}

/// An error the command line reports itself: one message for stderr (already free of secrets),
/// optional hint lines, and the exit code.
struct CLIError: Error, Sendable, CustomStringConvertible {
    var message: String
    var status: ExitStatus
    var hints: [String]

    init(_ message: String, status: ExitStatus = .failure, hints: [String] = []) {
        self.message = message
        self.status = status
        self.hints = hints
    }

    var description: String { message }

    /// A usage error (exit 2).
    static func usage(_ message: String, hints: [String] = []) -> CLIError { CLIError(message, status: .usage, hints: hints) }
    /// The user declined or interrupted (exit 2).
    static func cancelled(_ message: String = "cancelled") -> CLIError { CLIError(message, status: .usage) }
    /// Authentication needed or failed (exit 4).
    static func auth(_ message: String, hints: [String] = []) -> CLIError { CLIError(message, status: .auth, hints: hints) }
}
