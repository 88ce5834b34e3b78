#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the terminal UI could not start. Each case's `message` is one line for the user.
public enum TerminalError: Error, Sendable, Equatable {
    /// stdin or stdout is not a terminal (piped or redirected).
    case notATerminal
    /// curses does not know the terminal type (`TERM`), or `TERM` is unset.
    case unknownTerminal(String)
    /// The terminal type cannot move the cursor (`TERM=dumb`, hard copy), so no screen can be drawn.
    case cannotAddressCursor(String)
    /// A system call failed: the call's name and `errno`.
    case system(String, Int32)

    /// A one-line explanation for the user.
    public var message: String {
        switch self {
        case .notATerminal:
            return "the terminal UI needs a terminal on stdin and stdout (use the subcommands with --json in scripts)"
        case .unknownTerminal(let term):
            return term.isEmpty ? "TERM is not set, so the terminal type is unknown (try TERM=xterm-256color)"
                : "the terminal type '\(term)' is unknown to ncurses (try TERM=xterm-256color)"
        case .cannotAddressCursor(let term):
            return "the terminal type '\(term)' cannot move the cursor, so the full-screen UI cannot run "
                + "(set TERM to your terminal, e.g. xterm-256color, or use the subcommands)"
        case .system(let call, let code):
            return "\(call) failed: \(String(cString: strerror(code)))"
        }
    }
}
