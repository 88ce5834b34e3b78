import CNCurses
import WidgetManager
#if canImport(Glibc)
import Glibc
#endif

/// `$EDITOR` for a value (kubectl edit, git commit and gh do the same): the terminal is handed to
/// the editor as on Ctrl-Z and taken back after it exits.
extension CursesSession {
    /// Writes `request.text` to a new temporary file (0600, `$TMPDIR` or /tmp), runs `$VISUAL`, else
    /// `$EDITOR`, else `vi` on it through `/bin/sh` (so `EDITOR="code --wait"` works) with the screen
    /// given back, reads the file and removes it. Ctrl-C in the editor reaches the editor only.
    /// - Returns: the edited text, or nil and why (no temporary file, the editor could not start or
    ///   exited non-zero: then nothing is taken from it).
    func runEditor(_ request: EditRequest) -> (text: String?, error: String?) {
        let dir = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(dir)/amowidgets-edit-XXXXXX\(request.fileSuffix)".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, Int32(request.fileSuffix.utf8.count)) }
        guard fd >= 0 else { return (nil, "cannot create a temporary file in \(dir): \(String(cString: strerror(errno)))") }
        let path = String(cString: template)
        defer { unlink(path) }
        let bytes = Array(request.text.utf8)
        let wrote = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard wrote == bytes.count else { return (nil, "cannot write \(path)") }

        var editor = "vi"
        for name in ["EDITOR", "VISUAL"] {  // VISUAL wins: read last
            if let value = getenv(name).map({ String(cString: $0) }), !value.isEmpty { editor = value }
        }
        endwin()
        _ = cn_bracketed_paste(0)
        // The editor owns Ctrl-C and Ctrl-\ meanwhile: the tty sends them to the whole foreground
        // group, and this process must not take them for "quit".
        var ignore = sigaction(), oldInt = sigaction(), oldQuit = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        sigaction(SIGINT, &ignore, &oldInt)
        sigaction(SIGQUIT, &ignore, &oldQuit)
        let status = Self.spawnAndWait(["/bin/sh", "-c", editor + " \"$1\"", "sh", path])
        sigaction(SIGINT, &oldInt, nil)
        sigaction(SIGQUIT, &oldQuit, nil)
        _ = cn_bracketed_paste(1)
        _ = syncSizeWithKernel()
        wclear(window)

        guard let status else { return (nil, "cannot start /bin/sh for the editor `\(editor)`") }
        guard status == 0 else { return (nil, "the editor `\(editor)` exited with status \(status)") }
        guard let file = fopen(path, "r") else { return (nil, "cannot read \(path) back") }
        defer { fclose(file) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            out += buffer[0..<n]
        }
        return (String(decoding: out, as: UTF8.self), nil)
    }

    /// Runs `argv` (absolute path first) with this terminal as its stdin/stdout/stderr and waits.
    /// - Returns: its exit status (128 + signal when killed), nil when it could not start.
    private static func spawnAndWait(_ argv: [String]) -> Int32? {
        var pid = pid_t()
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        guard posix_spawn(&pid, argv[0], nil, nil, &cArgs, environ) == 0 else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 { if errno != EINTR { return nil } }
        let exited = status & 0x7f == 0
        return exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
