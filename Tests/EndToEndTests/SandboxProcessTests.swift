// `amowidgets sandbox` as a process: the ready line, a real request with curl, SIGTERM.
import Foundation
import Testing

/// A running `amowidgets sandbox` child process. Unchecked `Sendable`: one test owns it, and its
/// blocking reads and waits run one at a time on a thread of their own (`offPool`).
final class SandboxProcess: @unchecked Sendable {
    let process = Process()
    let stdout = Pipe()
    let stderr = Pipe()

    init(_ arguments: [String], executable: URL = Binary.url, directory: URL? = nil) throws {
        process.executableURL = executable
        if let directory { process.currentDirectoryURL = directory }
        process.arguments = ["sandbox"] + arguments
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Watchdog: a process that never gets ready must not hang the test run.
        let p = process
        DispatchQueue.global().asyncAfter(deadline: .now() + 60) { if p.isRunning { p.terminate() } }
    }

    /// The first stdout line (nil at EOF), read off the cooperative pool.
    func readLine() async -> String? {
        (try? await offPool { self.readLineBlocking() }) ?? nil
    }

    private func readLineBlocking() -> String? {
        var data = Data()
        while true {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            data.append(chunk)
            if let nl = data.firstIndex(of: 0x0A) { return String(decoding: data[..<nl], as: UTF8.self) }
        }
    }

    /// Sends `signal` and waits (off the pool) for the exit. - Returns: the status and seconds taken.
    func stop(signal: Int32 = SIGTERM) async -> (status: Int32, seconds: Double) {
        let start = Date()
        kill(process.processIdentifier, signal)
        let p = process
        _ = try? await offPool { p.waitUntilExit() }
        return (process.terminationStatus, Date().timeIntervalSince(start))
    }
}

/// Runs curl off the cooperative pool; returns (HTTP status, body).
func curl(_ args: [String]) async throws -> (status: Int, body: String) {
    try await offPool { try curlBlocking(args) }
}

private func curlBlocking(_ args: [String]) throws -> (status: Int, body: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["curl", "-s", "-w", "\n%{http_code}"] + args
    let out = Pipe()
    p.standardInput = FileHandle.nullDevice
    p.standardOutput = out
    try p.run()
    Binary.watchdog(p, after: 60)
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return (Int(lines.last ?? "") ?? -1, lines.dropLast().joined(separator: "\n"))
}

@Suite struct SandboxProcessTests {
    @Test func servesTheLastPageThenStopsOnSIGTERM() async throws {
        let sandbox = try SandboxProcess(["--port", "0"])
        let line = try #require(await sandbox.readLine())
        #expect(line.hasPrefix("sandbox listening on http://127.0.0.1:"))
        let base = String(line.dropFirst("sandbox listening on ".count))
        #expect(Int(base.split(separator: ":").last ?? "") ?? 0 > 0)

        let page3 = try await curl(["-H", "Authorization: Bearer sandbox-admin-token", "\(base)/api/v4/widgets?limit=250&page=3"])
        #expect(page3.status == 200)
        let object = try JSONSerialization.jsonObject(with: Data(page3.body.utf8)) as? [String: Any]
        #expect(object?["_page"] as? Int == 3)
        let links = object?["_links"] as? [String: Any]
        #expect(links?["next"] == nil, "page 3 is the last")
        let widgets = (object?["_embedded"] as? [String: Any])?["widgets"] as? [Any]
        #expect((widgets?.count ?? 0) > 0)
        #expect(try await curl(["-H", "Authorization: Bearer sandbox-admin-token", "\(base)/api/v4/widgets?limit=250&page=4"]).status == 204)

        let (status, seconds) = await sandbox.stop()
        #expect(status == 0)
        #expect(seconds < 15)
    }

    @Test func aCopiedBinaryServesTheEmbeddedCatalogue() async throws {
        // No build folder, no resource bundle beside it: the catalogue lives in the binary.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("amowidgets-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("amowidgets")
        // A hard link is a copy as far as the binary can tell (its own path differs); copy across devices.
        do { try FileManager.default.linkItem(at: Binary.url, to: copy) } catch { try FileManager.default.copyItem(at: Binary.url, to: copy) }
        let sandbox = try SandboxProcess([], executable: copy, directory: dir)
        let line = try #require(await sandbox.readLine())
        let base = String(line.dropFirst("sandbox listening on ".count))
        let page = try await curl(["-H", "Authorization: Bearer sandbox-user-token", "\(base)/api/v4/widgets/amo_asterisk"])
        #expect(page.status == 200)
        #expect(page.body.contains("\"Список телефонов\""))
        #expect(await sandbox.stop().status == 0)
    }

    @Test func stopsOnSIGINTToo() async throws {
        let sandbox = try SandboxProcess([])
        #expect(await sandbox.readLine()?.hasPrefix("sandbox listening on ") == true)
        #expect(await sandbox.stop(signal: SIGINT).status == 0)
    }

    @Test func badFaultSpecIsAUsageError() async throws {
        let r = try await Binary.run(["sandbox", "--faults", "explode"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("unknown fault 'explode'"))
        #expect(r.stdout.isEmpty)
    }

    @Test func corruptStateFileStopsTheStartWithAClearMessage() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("amowidgets-state-\(UUID().uuidString).json")
        try Data("{not json".utf8).write(to: file)
        let r = try await Binary.run(["sandbox", "--state", file.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains(file.path))
        #expect(r.stderr.contains("corrupt state file"))
        // The file is left as it was.
        #expect(try String(contentsOf: file, encoding: .utf8) == "{not json")
    }

    @Test func missingCatalogueFolderNamesTheFile() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("no-catalogue-\(UUID().uuidString)")
        let r = try await Binary.run(["sandbox", "--catalog", dir.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains(dir.appendingPathComponent("users.json").path))
        #expect(r.stderr.contains("missing"))
        #expect(r.stdout.isEmpty, "no ready line")
    }

    /// `amowidgets --sandbox-catalog DIR` (the TUI on another catalogue, used by scripts/bench) reads
    /// that folder before the terminal starts: a missing file is named and nothing is drawn.
    @Test func tuiSandboxCatalogueIsReadFromTheFolder() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("no-catalogue-\(UUID().uuidString)")
        let r = try await Binary.run(["--sandbox-catalog", dir.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains(dir.appendingPathComponent("users.json").path))
        #expect(r.stdout.isEmpty, "no screen")
    }

    @Test func optionsReachTheServer() async throws {
        let sandbox = try SandboxProcess(["--rate-limit", "off", "--faults", "503#1@/api/v4/account"])
        let line = try #require(await sandbox.readLine())
        let base = String(line.dropFirst("sandbox listening on ".count))
        let auth = ["-H", "Authorization: Bearer sandbox-user-token"]
        #expect(try await curl(auth + ["\(base)/api/v4/account"]).status == 503)
        var statuses: [Int] = []
        for _ in 0..<9 { statuses.append(try await curl(auth + ["\(base)/api/v4/account"]).status) }
        #expect(statuses.allSatisfy { $0 == 200 }, "rate limit off: nine in a row pass")
        #expect(await sandbox.stop().status == 0)
    }

    @Test func helpDocumentsTheFaultGrammar() async throws {
        let r = try await Binary.run(["sandbox", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("KIND[:PARAM][@METHOD/PATH][%PERCENT][#COUNT]"))
        #expect(r.stdout.contains("next-always"))
    }
}
