import AmoSandbox
import Foundation
import Testing

/// Issue 7, token races: `amowidgets login` killed with SIGKILL at random moments (0-600 ms after
/// start, 50 times) while it replaces a profile's credential file. After every kill the file is
/// the old one or the new one, whole JSON, mode 0600 — never missing, empty or torn.
@Suite struct CredentialKillTests {
    @Test func sigkillWhileWritingCredentialsLeavesTheOldOrTheNewFile() async throws {
        let h = try await CLIHarness.make()
        defer { Task { await h.finish() } }
        try await h.login(token: SandboxTokens.admin, profile: "p")
        let file = h.path("config/credentials/p.json")
        #expect(FileManager.default.fileExists(atPath: file))
        var generator = SystemRandomNumberGenerator()
        var outcomes: [String: Int] = [:]
        let runs = 50
        for i in 0..<runs {
            let token = i % 2 == 0 ? SandboxTokens.user : SandboxTokens.admin
            let p = Process()
            p.executableURL = Binary.url
            p.arguments = ["login", "--base-url", h.baseURL, "--token-stdin", "--profile", "p"]
            var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AMO_") && !$0.key.hasPrefix("XDG_") }
            env["AMOWIDGETS_HOME"] = h.home.path
            p.environment = env
            let input = Pipe()
            p.standardInput = input
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            let exited = AsyncStream<Void> { c in p.terminationHandler = { _ in c.yield(); c.finish() } }
            try p.run()
            input.fileHandleForWriting.write(Data((token + "\n").utf8))
            try input.fileHandleForWriting.close()
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...600, using: &generator)))
            kill(p.processIdentifier, SIGKILL)
            for await _ in exited { break }
            let killed = p.terminationReason == .uncaughtSignal
            let data = FileManager.default.contents(atPath: file) ?? Data()
            let text = String(decoding: data, as: UTF8.self)
            let whole = (try? JSONSerialization.jsonObject(with: data)) is [String: Any]
            #expect(whole, "run \(i): credential file torn or missing: \(text.prefix(80))")
            #expect(text.contains(SandboxTokens.admin) || text.contains(SandboxTokens.user), "run \(i): no token in the file")
            var info = stat()
            #expect(stat(file, &info) == 0 && info.st_mode & 0o777 == 0o600, "run \(i): mode")
            let which = text.contains(token) ? "new" : "old"
            outcomes["\(killed ? "killed" : "finished") \(which)", default: 0] += 1
        }
        let total = outcomes.values.reduce(0, +)
        #expect(total == runs)
        print("SIGKILL during login: \(runs) runs: " + outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "; torn files 0")
    }
}
