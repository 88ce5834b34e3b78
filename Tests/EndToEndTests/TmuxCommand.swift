import Foundation

/// One `tmux -L SOCKET ...` client command, run so that it can never hang a test.
///
/// Why not `Process` + `Pipe`: the first command on a socket forks the tmux server, which inherits
/// every descriptor of the client. With a pipe for stdout, reading to EOF then waits for the server to
/// exit (forever, while the pane's program waits for the test to type); Foundation's own exit
/// monitoring has the same trap. So the client is spawned with `posix_spawn`, stdin from `/dev/null`,
/// stdout into a file, stderr to `/dev/null`, and reaped with `waitpid(WNOHANG)` under a deadline
/// (SIGKILL after `timeout`).
enum TmuxCommand {
    /// What a run gives back.
    struct Outcome {
        /// The client's stdout.
        var output: String
        /// True when the client did not exit within the deadline and was killed.
        var timedOut: Bool
    }

    /// Runs `tmux -L socket arguments`; `scratch` is a folder for the output file.
    /// - Throws: `POSIXError` when tmux cannot be spawned (not installed).
    static func run(socket: String, _ arguments: [String], scratch: URL, timeout: Duration = .seconds(20)) throws -> Outcome {
        let outputPath = scratch.appendingPathComponent("tmux-out-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ["tmux", "-L", socket] + arguments
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for arg in cArgs { free(arg) } }
        // The tmux server forks from this client and would inherit this thread's blocked signals
        // (SIGCHLD among them: it would never reap its panes, and kill-server would hang): clear them.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, "tmux", &actions, &attributes, &cArgs, environ)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .ENOENT) }
        let timedOut = !reap(pid, within: timeout)
        return Outcome(output: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "", timedOut: timedOut)
    }

    /// `run` on a thread of its own, awaited: the cooperative pool (two threads on a 2-core machine)
    /// stays free for the other tests and the in-process sandboxes while the client runs.
    static func runOffPool(socket: String, _ arguments: [String], scratch: URL, timeout: Duration = .seconds(20)) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try run(socket: socket, arguments, scratch: scratch, timeout: timeout) })
            }
            thread.start()
        }
    }

    /// Waits for `pid` to exit, polling; kills and reaps it after `within`. - Returns: true if it exited.
    private static func reap(_ pid: pid_t, within: Duration) -> Bool {
        let end = ContinuousClock.now + within
        var exitStatus: Int32 = 0
        while true {
            let r = waitpid(pid, &exitStatus, WNOHANG)
            if r == pid || (r < 0 && errno != EINTR) { return true }
            if ContinuousClock.now >= end {
                kill(pid, SIGKILL)
                while waitpid(pid, &exitStatus, 0) < 0, errno == EINTR {}
                return false
            }
            usleep(2_000)
        }
    }
}
