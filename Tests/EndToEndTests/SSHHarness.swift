import Foundation
import Testing

/// OpenSSH's server for one test: `/usr/sbin/sshd -D` on a free loopback port, with a host key and a
/// client key made by `ssh-keygen` in the test's temp folder and its own `sshd_config` (no PAM, only
/// that key, `AcceptEnv LANG LC_*`, `PermitUserEnvironment no`), for the user who runs the tests.
/// `stop()` ends it by pid, with every process under it (sessions and what they run).
final class SSHServer: @unchecked Sendable {
    static let sshd = "/usr/sbin/sshd"
    /// True when sshd, ssh and ssh-keygen are installed (the test script installs openssh-server).
    static var isInstalled: Bool {
        FileManager.default.isExecutableFile(atPath: sshd)
            && ["/usr/bin/ssh", "/usr/bin/ssh-keygen"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The temp folder: keys, config, sshd's log, and whatever the test puts there for the far end.
    let directory: URL
    /// The port sshd listens on (127.0.0.1).
    private(set) var port: UInt16 = 0
    private(set) var pid: pid_t = 0
    /// The login name the client uses: whoever runs the tests.
    let user: String = String(cString: getpwuid(getuid()).pointee.pw_name)

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("amowidgets-ssh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.keygen(path("host_key"))
        try Self.keygen(path("client_key"))
        try FileManager.default.copyItem(atPath: path("client_key.pub"), toPath: path("authorized_keys"))
        chmod(path("authorized_keys"), 0o600)
        // Run as root, sshd wants its privilege separation folder (the package's tmpfiles make it at
        // boot; a container never booted).
        if getuid() == 0 { mkdir("/run/sshd", 0o755) }
        // A port taken between choosing it and sshd's bind makes sshd exit: try another.
        for _ in 0..<5 {
            port = try Self.freePort()
            try config().write(toFile: path("sshd_config"), atomically: true, encoding: .utf8)
            pid = try spawn([Self.sshd, "-D", "-f", path("sshd_config"), "-E", path("sshd.log")], output: path("sshd.out"))
            if waitUntilListening() { return }
            stop(removing: false)
        }
        throw POSIXError(.EADDRINUSE)
    }

    /// A file in the folder.
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func config() -> String {
        """
        ListenAddress 127.0.0.1:\(port)
        HostKey \(path("host_key"))
        PidFile none
        AuthorizedKeysFile \(path("authorized_keys"))
        AuthenticationMethods publickey
        PubkeyAuthentication yes
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        UsePAM no
        PermitRootLogin prohibit-password
        AcceptEnv LANG LC_*
        PermitUserEnvironment no
        StrictModes no
        PrintMotd no
        PrintLastLog no
        UseDNS no
        X11Forwarding no
        AllowTcpForwarding no
        MaxStartups 50
        LogLevel VERBOSE

        """
    }

    /// `ssh` arguments that reach this server through `port` (the relay's), trusting only its host key.
    /// - Parameters: `tty`: `-tt` (a pty at the far end even though ssh's stdin is tmux's pane, which
    ///   is a tty anyway); `sendLocale`: pass LANG and LC_* as Debian's ssh_config does (without it
    ///   the far end has no LANG: the C locale).
    func sshArguments(port: UInt16, tty: Bool, sendLocale: Bool = true) throws -> [String] {
        let hostKey = try String(contentsOfFile: path("host_key.pub"), encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
        try "[127.0.0.1]:\(port) \(hostKey)\n".write(toFile: path("known_hosts"), atomically: true, encoding: .utf8)
        var arguments = ["-F", "/dev/null", "-p", String(port), "-i", path("client_key"), "-o", "IdentitiesOnly=yes",
                         "-o", "UserKnownHostsFile=\(path("known_hosts"))", "-o", "StrictHostKeyChecking=yes",
                         "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10"]
        if sendLocale { arguments += ["-o", "SendEnv=LANG LC_*"] }
        if tty { arguments.append("-tt") } else { arguments.append("-T") }
        return arguments + ["\(user)@127.0.0.1"]
    }

    /// Every process below sshd now: its sessions and what they run (the far end), deepest last.
    func descendants() -> [pid_t] { Self.descendants(of: pid) }

    static func descendants(of root: pid_t) -> [pid_t] {
        var found: [pid_t] = [], queue = [root]
        while let next = queue.popLast() {
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(next)/task")) ?? []
            for task in tasks {
                let text = (try? String(contentsOfFile: "/proc/\(next)/task/\(task)/children", encoding: .utf8)) ?? ""
                for child in text.split(separator: " ").compactMap({ pid_t($0) }) where !found.contains(child) {
                    found.append(child)
                    queue.append(child)
                }
            }
        }
        return found
    }

    /// Kills sshd and every process under it, reaps sshd, removes the folder (unless told not to).
    func stop(removing: Bool = true) {
        if pid > 0 {
            let below = descendants()
            kill(pid, SIGTERM)
            for child in below { kill(child, SIGKILL) }
            if !Self.reap(pid, within: .seconds(5)) { kill(pid, SIGKILL); _ = Self.reap(pid, within: .seconds(5)) }
            pid = 0
        }
        if removing { try? FileManager.default.removeItem(at: directory) }
    }

    deinit { stop() }

    private func waitUntilListening() -> Bool {
        let end = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < end {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { pid = 0; return false }  // it gave up (port taken)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = SSHRelay.loopback(port: port)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(fd)
            if connected == 0 { return true }
            usleep(20_000)
        }
        return false
    }

    private static func keygen(_ file: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/ssh-keygen")
        p.arguments = ["-q", "-t", "ed25519", "-N", "", "-C", "amowidgets-ssh-test", "-f", file]
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        Binary.watchdog(p, after: 20)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw POSIXError(.EIO) }
    }

    private static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = SSHRelay.loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard ok else { throw POSIXError(.EADDRINUSE) }
        return UInt16(bigEndian: address.sin_port)
    }

    /// Waits for `pid` (a child of this process) to exit, polling. - Returns: true if it exited.
    static func reap(_ pid: pid_t, within: Duration) -> Bool {
        let end = ContinuousClock.now + within
        var status: Int32 = 0
        while ContinuousClock.now < end {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid || (r < 0 && errno != EINTR) { return true }
            usleep(5_000)
        }
        return false
    }
}

/// Starts `argv` with `posix_spawn`: stdin `/dev/null`, stdout and stderr into `output`, and no
/// blocked or ignored signals (a test thread's mask would otherwise be inherited: a daemon with
/// SIGCHLD blocked never reaps its sessions). - Returns: the pid, for `kill` and `waitpid`.
func spawn(_ argv: [String], output: String) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t(), allSignals = sigset_t()
    sigemptyset(&noSignals)
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    defer { for arg in cArgs { free(arg) } }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, argv[0], &actions, &attributes, &cArgs, environ)
    guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .ENOENT) }
    return pid
}

/// One test's world over SSH: sshd, the relay in front of it, an `amowidgets sandbox` process as the
/// account (its `--state` file shows what it holds), a far-end `AMOWIDGETS_HOME` logged in to it, and
/// the client: `ssh -tt` in a tmux pane (`TmuxHarness`, so tmux is the user's terminal).
///
/// The far end runs `far.sh`, which records its pid and the program's exit status beside it and keeps
/// the program's stderr (`far-output`). Call `close()` on every path (`SSHLink.with` does).
final class SSHLink: @unchecked Sendable {
    let server: SSHServer
    let relay: SSHRelay
    let sandbox: SandboxProcess?
    /// The sandbox's base URL.
    let baseURL: String
    /// The far end's folder (in the server's): `home/` is its `AMOWIDGETS_HOME`, `tmp/` its `TMPDIR`.
    let far: URL
    /// The client pane, once `startTUI` ran.
    private(set) var tmux: TmuxHarness!

    /// Runs `body` with a fresh link and always closes it.
    /// - Parameters: `sandboxArguments`: options for `amowidgets sandbox` (nil: no sandbox process, no
    ///   login); `delay` one way and `bitsPerSecond` each way for the relay.
    static func with<T>(sandboxArguments: [String]? = [], delay: Duration = .milliseconds(50), bitsPerSecond: Int? = 256_000,
                        _ body: (SSHLink) async throws -> T) async throws -> T {
        let link = try await SSHLink(sandboxArguments: sandboxArguments, delay: delay, bitsPerSecond: bitsPerSecond)
        do {
            let result = try await body(link)
            await link.close()
            return result
        } catch {
            await link.close()
            throw error
        }
    }

    private init(sandboxArguments: [String]?, delay: Duration, bitsPerSecond: Int?) async throws {
        server = try await offPool { try SSHServer() }
        relay = try SSHRelay(to: server.port, delay: delay, bitsPerSecond: bitsPerSecond)
        far = server.directory.appendingPathComponent("far")
        for folder in ["home", "tmp"] {
            try FileManager.default.createDirectory(at: far.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        if let sandboxArguments {
            let process = try SandboxProcess(["--port", "0", "--state", far.appendingPathComponent("account-state.json").path] + sandboxArguments)
            sandbox = process
            let line = await process.readLine() ?? ""
            guard line.hasPrefix("sandbox listening on ") else {
                _ = await process.stop()
                server.stop()
                relay.close()
                throw POSIXError(.ECONNREFUSED)
            }
            baseURL = String(line.dropFirst("sandbox listening on ".count))
            let login = try await CLIHarness(home: far.appendingPathComponent("home"), sandbox: nil)
                .run(["login", "--base-url", baseURL, "--token-stdin"], stdin: "sandbox-admin-token\n")
            #expect(login.status == 0, "login: \(login.stderr)")
        } else {
            sandbox = nil
            baseURL = ""
        }
    }

    /// A file in the far end's folder.
    func farPath(_ name: String) -> String { far.appendingPathComponent(name).path }

    /// Starts `amowidgets arguments` at the far end through `ssh -tt` in a `width` x `height` tmux pane.
    /// - Parameters: `terminal`: the client's TERM (ssh sends it to the far end); `sendLocale`: ssh
    ///   passes LANG (C.UTF-8 here); `farEnvironment`: more variables set by `far.sh`.
    func startTUI(_ arguments: [String] = [], width: Int = 100, height: Int = 30, terminal: String = "screen",
                  sendLocale: Bool = true, farEnvironment: [String: String] = [:]) throws {
        var exports = ["AMOWIDGETS_HOME": farPath("home"), "TMPDIR": farPath("tmp"), "SWIFT_BACKTRACE": "enable=no"]
        exports.merge(farEnvironment) { $1 }
        // The program runs as a job of this shell, which passes a hang-up on to it as a login shell
        // does (the kernel signals only the session leader), then waits for its exit status.
        let script = """
        cd \(quote(far.path))
        \(exports.sorted { $0.key < $1.key }.map { "export \($0.key)=\(quote($0.value))" }.joined(separator: "\n"))
        echo $$ > far-shell.pid
        \(quote(Binary.url.path)) "$@" 2> far-output < /dev/tty &
        child=$!
        echo $child > far-program.pid
        trap 'echo hangup >> far-shell-signals; kill -HUP $child 2>/dev/null' HUP
        wait $child
        while kill -0 $child 2>/dev/null; do wait $child; done
        wait $child
        status=$?
        echo $status > far-exit.tmp && mv far-exit.tmp far-exit
        exit $status

        """
        try script.write(toFile: farPath("far.sh"), atomically: true, encoding: .utf8)
        let ssh = try server.sshArguments(port: relay.port, tty: true, sendLocale: sendLocale)
        let remote = (["sh", farPath("far.sh")] + arguments).map(quote).joined(separator: " ")
        tmux = try TmuxHarness(ssh + [remote], width: width, height: height,
                               environment: ["TERM": terminal, "LANG": sendLocale ? "C.UTF-8" : ""], executable: "/usr/bin/ssh")
    }

    /// Runs `ssh` without a tty at the far end (`-T`): `command` there, with the far end's home.
    /// - Returns: ssh's exit status (the far end's), stdout, stderr.
    func runRemote(_ command: [String]) async throws -> CLIHarness.Run {
        let remote = "AMOWIDGETS_HOME=\(quote(farPath("home"))) TMPDIR=\(quote(farPath("tmp"))) exec "
            + ([Binary.url.path] + command).map(quote).joined(separator: " ")
        let arguments = try server.sshArguments(port: relay.port, tty: false) + [remote]
        return try await CLIHarness(home: server.directory, sandbox: nil).run(arguments, executable: URL(fileURLWithPath: "/usr/bin/ssh"))
    }

    /// The far-end program's pid (`far.sh` records it).
    func farProgramPID() -> pid_t? {
        (try? String(contentsOfFile: farPath("far-program.pid"), encoding: .utf8)).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// The pid of `far.sh`'s shell.
    func farShellPID() -> pid_t? {
        (try? String(contentsOfFile: farPath("far-shell.pid"), encoding: .utf8)).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// The far-end program's exit status once `far.sh` recorded it.
    func farExitStatus() -> Int? {
        (try? String(contentsOfFile: farPath("far-exit"), encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// The sandbox's state file: the codes of the installed widgets and their settings.
    func installed() -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: farPath("account-state.json")),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object["installed"] as? [String: Any] ?? [:]
    }

    /// The far end's audit log, one parsed JSON object a line.
    func auditRecords() -> [[String: Any]] {
        let text = (try? String(contentsOfFile: farPath("home/state/audit.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Stops the client, sshd (with everything under it), the relay and the sandbox; removes the folders.
    func close() async {
        tmux?.close()
        relay.close()
        server.stop()
        _ = await sandbox?.stop()
    }

    private func quote(_ value: String) -> String { "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
