import AmoSandbox
import Foundation
import Testing

/// The command-line end-to-end suites, run one test at a time: each test starts several processes of
/// the binary, and running them all at once on a small machine starves the timing-sensitive tests of
/// the other layers.
@Suite(.serialized) enum CLITests {}

/// One isolated command-line world for a test: a fresh `AMOWIDGETS_HOME` in a temp folder (the real
/// home is never touched), optionally a sandbox account on a free loopback port, and a runner for the
/// built binary with stdin that is never a terminal.
struct CLIHarness {
    /// The temporary `AMOWIDGETS_HOME`.
    let home: URL
    /// The sandbox, when started.
    let sandbox: RunningSandbox?

    /// The result of one run.
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        /// stdout parsed as JSON (nil when it is not JSON).
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
        var jsonObject: [String: Any] { json as? [String: Any] ?? [:] }
    }

    /// A harness with a new home; with `sandbox`, a sandbox account too (rate limit off unless asked:
    /// tests run many short processes whose pacing does not add up across processes).
    static func make(sandbox: Bool = true, rateLimit: Bool = false) async throws -> CLIHarness {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("amowidgets-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        var running: RunningSandbox?
        if sandbox {
            var config = SandboxConfiguration()
            config.rateLimit = rateLimit
            running = try await Sandbox.start(config)
        }
        return CLIHarness(home: home, sandbox: running)
    }

    /// Stops the sandbox and removes the home folder.
    func finish() async {
        await sandbox?.shutdown()
        try? FileManager.default.removeItem(at: home)
    }

    /// The sandbox's base URL (`http://127.0.0.1:PORT`).
    var baseURL: String { sandbox?.baseURL ?? "http://127.0.0.1:9" }

    /// Runs `amowidgets` with `arguments`; `stdin` is piped in (empty when nil, never a terminal).
    /// The environment is the test process's minus every `AMO_*`/`XDG_*` variable, plus
    /// `AMOWIDGETS_HOME` and `environment`.
    /// Waiting never blocks a thread: the in-process sandbox answers on the same cooperative pool.
    /// `executable` runs another program the same way (the SSH tests run `ssh`).
    /// `started` gets the process id once it runs (to signal it).
    func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
             executable: URL = Binary.url, started: (@Sendable (Int32) -> Void)? = nil) async throws -> Run {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AMO_") && !$0.key.hasPrefix("XDG_") }
        env["AMOWIDGETS_HOME"] = home.path
        env.merge(environment) { $1 }
        p.environment = env
        // Output goes to files (not pipes): nothing can block on a full pipe while we wait.
        let stamp = UUID().uuidString
        let outURL = home.appendingPathComponent(".run-\(stamp).out"), errURL = home.appendingPathComponent(".run-\(stamp).err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outURL); try? FileManager.default.removeItem(at: errURL) }
        let input = Pipe()
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        p.standardInput = input
        p.standardOutput = out
        p.standardError = err
        let exited = AsyncStream<Void> { continuation in
            p.terminationHandler = { _ in continuation.yield(); continuation.finish() }
        }
        try p.run()
        started?(p.processIdentifier)
        Binary.watchdog(p, after: 120)
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        for await _ in exited { break }
        try out.close()
        try err.close()
        return Run(status: p.terminationStatus, stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                   stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// Logs in to the sandbox with a long-lived token as `profile` (default: the account's subdomain).
    @discardableResult
    func login(token: String = "sandbox-admin-token", profile: String? = nil) async throws -> Run {
        var args = ["login", "--base-url", baseURL, "--token-stdin"]
        if let profile { args += ["--profile", profile] }
        let r = try await run(args, stdin: token + "\n")
        #expect(r.status == 0, "login failed: \(r.stderr)")
        return r
    }

    /// A file under the home folder.
    func path(_ relative: String) -> String { home.appendingPathComponent(relative).path }

    /// The text of a file under the home folder ("" when missing).
    func read(_ relative: String) -> String {
        (try? String(contentsOfFile: path(relative), encoding: .utf8)) ?? ""
    }

    /// Every file under the home folder, concatenated (to look for leaked secrets).
    func allFileText(excluding: Set<String> = []) -> String {
        guard let e = FileManager.default.enumerator(atPath: home.path) else { return "" }
        var text = ""
        for case let rel as String in e where !excluding.contains(rel) {
            text += (try? String(contentsOfFile: path(rel), encoding: .utf8)) ?? ""
        }
        return text
    }
}
