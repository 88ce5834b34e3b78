import Foundation

/// Standard streams the way the command line uses them: data to stdout, messages and prompts to
/// stderr, answers from stdin when it is a terminal.
enum Console {
    /// Whether stdin is a terminal (prompts are allowed only then).
    static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// Writes `text` to stdout as is.
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes `text` and a newline to stderr.
    static func message(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Reads all of stdin as UTF-8 text (for `--token-stdin`, `--settings-file -`).
    /// - Throws: `CLIError.usage` when the bytes are not UTF-8.
    static func readAllStdin(what: String) throws -> String {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError.usage("\(what) from stdin is not UTF-8 text") }
        return text
    }

    /// Asks `question` on stderr and reads one line from the terminal.
    ///
    /// The terminal is put in non-canonical mode without echo or signals while reading, so the typed
    /// text is echoed only when `secret` is false, Ctrl-C and Ctrl-D cancel cleanly (the terminal mode
    /// is always restored), and Backspace works.
    /// - Returns: the line without its newline.
    /// - Throws: `CLIError.cancelled` on Ctrl-C / Ctrl-D / end of input; `CLIError.usage` when stdin is
    ///   not a terminal.
    static func ask(_ question: String, secret: Bool = false) throws -> String {
        guard stdinIsTerminal else { throw CLIError.usage("cannot ask for input: stdin is not a terminal") }
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { throw CLIError.usage("cannot read the terminal's mode") }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        // Raw mode first, then the question: answers typed ahead are kept (TCSANOW never discards
        // input) and are not echoed by the terminal before echo is off.
        tcsetattr(STDIN_FILENO, TCSANOW, &raw)
        defer {
            tcsetattr(STDIN_FILENO, TCSADRAIN, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        FileHandle.standardError.write(Data(question.utf8))
        var bytes: [UInt8] = []
        while true {
            var b: UInt8 = 0
            let n = read(STDIN_FILENO, &b, 1)
            if n < 0, errno == EINTR { continue }
            if n <= 0 { throw CLIError.cancelled() }
            switch b {
            case 0x0A, 0x0D:
                return String(decoding: bytes, as: UTF8.self)
            case 0x03:
                throw CLIError.cancelled()
            case 0x04:
                if bytes.isEmpty { throw CLIError.cancelled() }
            case 0x7F, 0x08:
                // Drop one whole UTF-8 character (its continuation bytes are 10xxxxxx).
                while let last = bytes.popLast(), last & 0xC0 == 0x80 {}
                if !secret { FileHandle.standardError.write(Data("\u{8} \u{8}".utf8)) }
            default:
                if b < 0x20 { continue }
                bytes.append(b)
                if !secret { FileHandle.standardError.write(Data([b])) }
            }
        }
    }

    /// Asks a yes/no question; only `y`/`yes` (or Cyrillic `д`/`да`) is yes.
    static func confirm(_ question: String) throws -> Bool {
        let answer = try ask(question + " [y/N] ").trimmingCharacters(in: .whitespaces).lowercased()
        return ["y", "yes", "д", "да"].contains(answer)
    }
}
