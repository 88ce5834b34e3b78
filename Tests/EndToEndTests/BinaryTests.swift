import Foundation
import Testing

/// The built `amowidgets` binary: it sits beside this test bundle in the build folder.
enum Binary {
    static var url: URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // Swift Testing on Linux runs `<name>PackageTests.xctest` from the build folder itself.
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("amowidgets")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return exe.deletingLastPathComponent().appendingPathComponent("amowidgets")
    }

    /// Runs the binary with `arguments`, stdin from `/dev/null` (never the test run's own stdin, which
    /// may be a terminal or a pipe that never ends); returns exit status, stdout and stderr.
    /// A child still running after `timeout` is killed (status 9 by signal), so a hang fails the test
    /// instead of the whole run.
    static func run(_ arguments: [String], environment: [String: String] = [:],
                    timeout: TimeInterval = 60) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = url
        p.arguments = arguments
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = out
        p.standardError = err
        try p.run()
        watchdog(p, after: timeout)
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// `run` on a thread of its own, awaited (see `offPool`).
    static func run(_ arguments: [String], environment: [String: String] = [:],
                    timeout: TimeInterval = 60) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await offPool { try run(arguments, environment: environment, timeout: timeout) }
    }

    /// Kills `process` with SIGKILL if it is still running `seconds` from now.
    static func watchdog(_ process: Process, after seconds: TimeInterval) {
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
            if process.isRunning { kill(pid, SIGKILL) }
        }
    }
}

/// Runs blocking work (waiting for a child process, reading its pipe) on a thread of its own and
/// awaits it. Swift Testing runs tests on the cooperative pool, two threads on a 2-core machine: a test
/// that blocks one of them for seconds starves every other test and the in-process sandboxes.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

@Suite struct BinaryTests {
    @Test func helpNamesTheCommand() async throws {
        let r = try await Binary.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE: amowidgets"))
    }
}
