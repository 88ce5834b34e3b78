import AmoSandbox
import ArgumentParser
import Foundation

/// `amowidgets sandbox`: serve the emulated account on loopback until SIGINT/SIGTERM.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Serve the sandbox account (an emulated amoCRM account) over HTTP on loopback.",
        discussion: """
            When ready it prints one line to stdout,
            `sandbox listening on http://HOST:PORT`, then serves until SIGINT or
            SIGTERM. Tokens: sandbox-admin-token (an admin), sandbox-user-token
            (a plain user); the README lists integration tokens and OAuth codes.

            FAULTS
            \(FaultSpec.grammar)
            """)

    @Option(help: "Address to bind. Loopback unless you name another one here.")
    var host: String = "127.0.0.1"

    @Option(help: "TCP port; 0 picks a free one (printed in the ready line).")
    var port: Int = 0

    @Option(help: "Catalogue folder (widgets.json, users.json, pipelines.json, account.json, auth.json); default: the embedded one.")
    var catalog: String?

    @Option(help: "State file keeping installs across restarts (written atomically).")
    var state: String?

    @Option(help: "The live 7 requests/second limit per token: on or off.")
    var rateLimit: Toggle = .on

    @Option(help: "Block mode: after N rate-limit violations every request gets 403 until restart.")
    var blockAfter: Int?

    @Option(help: "Injected failures, see FAULTS above.")
    var faults: String?

    @Option(help: "Seed for the faults' probabilities.")
    var seed: UInt64 = 0

    @Option(help: "Lifetime of OAuth access tokens, in seconds.")
    var tokenLifetime: Int = 86400

    @Option(help: "Append one line per answered request to this file: METHOD PATH STATUS REQUEST-ID [reset].")
    var requestLog: String?

    enum Toggle: String, ExpressibleByArgument, CaseIterable { case on, off }

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535") }
        guard tokenLifetime > 0 else { throw ValidationError("--token-lifetime must be positive") }
        if let blockAfter, blockAfter < 1 { throw ValidationError("--block-after must be 1 or more") }
        if let faults {
            do { _ = try FaultSpec(parsing: faults) } catch { throw ValidationError("--faults: \(error)") }
        }
    }

    func run() async throws {
        var c = SandboxConfiguration()
        c.host = host
        c.port = port
        c.catalog = catalog.map { .directory($0) } ?? .embedded
        c.stateFile = state
        c.rateLimit = rateLimit == .on
        c.blockAfterViolations = blockAfter
        c.faults = try faults.map { try FaultSpec(parsing: $0) }
        c.seed = seed
        c.accessTokenLifetime = .seconds(tokenLifetime)
        c.shutdownOnSignals = true
        c.requestLog = requestLog
        c.recordLimit = 1_000  // nothing in this process reads them: keep a few for a debugger, not 2.5 MB
        if !Self.isLoopback(host) {
            Self.standardError("amowidgets sandbox: warning: serving on \(host), reachable beyond this machine; its tokens are public\n")
        }
        let sandbox: RunningSandbox
        do {
            sandbox = try await Sandbox.start(c)
        } catch {
            Self.standardError("amowidgets sandbox: error: \(error)\n")
            throw ExitCode(1)
        }
        // Unbuffered, so a reader on a pipe sees the line at once.
        FileHandle.standardOutput.write(Data("sandbox listening on \(sandbox.baseURL)\n".utf8))
        do {
            try await sandbox.waitUntilStopped()
        } catch {
            Self.standardError("amowidgets sandbox: error: \(error)\n")
            throw ExitCode(1)
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
