import AmoSandbox
import Foundation
import Testing
@testable import AmoCRM

/// Two real processes sharing one credential file. The test bundle runs itself twice more, each
/// child executing only `credentialSharingChild` (enabled by an environment variable), so the
/// refresh races through `flock` between separate processes, not just separate actors.
@Suite struct TwoProcessTests {
    static let env = ProcessInfo.processInfo.environment
    static let roleKey = "AMOCRM_TEST_CHILD_BASE_URL"

    /// Concurrent requests per child process (issue 7: 20 × 2 processes).
    static let requestsPerProcess = 20

    /// The child's part: at the agreed instant, 20 concurrent calls with the shared credential file.
    @Test(.enabled(if: env[roleKey] != nil, "runs only as a child of twoProcessesRefreshOnce"))
    func credentialSharingChild() async throws {
        let base = try #require(Self.env[Self.roleKey])
        let path = try #require(Self.env["AMOCRM_TEST_CHILD_CREDENTIALS"])
        let startAt = try #require(Self.env["AMOCRM_TEST_CHILD_START_AT"].flatMap(TimeInterval.init))
        var config = AmoClientConfiguration(baseURL: try BaseURL(parsing: base), credentials: .oauth(sandboxApp, CredentialStore(path: path)))
        config.backoffStart = .milliseconds(50)
        let wait = startAt - Date().timeIntervalSince1970
        if wait > 0 { try await Task.sleep(for: .seconds(wait)) }
        let ids = try await AmoClient.withClient(config) { client in
            try await withThrowingTaskGroup(of: Int?.self) { group in
                for _ in 0..<Self.requestsPerProcess { group.addTask { try await client.account().currentUserID } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(ids == Array(repeating: 504141, count: Self.requestsPerProcess))
    }

    @Test func twoProcessesRefreshOnce() async throws {
        let dir = try TempDir(); defer { dir.remove() }
        let store = CredentialStore(path: dir.path + "/creds.json")
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        // The race under test is the refresh: the sandbox's 7/s limit is off, because two processes
        // pace separately (40 requests at once would be 429s, a different story; see PacingTests).
        try await withSandbox({ $0.rateLimit = false }) { sandbox in
            _ = try await OAuthTests.storeStalePair(sandbox, store, expired: true)
            let startAt = Date().timeIntervalSince1970 + 1.5  // both children are up by then
            var environment = Self.env
            environment[Self.roleKey] = sandbox.baseURL
            environment["AMOCRM_TEST_CHILD_CREDENTIALS"] = store.path
            environment["AMOCRM_TEST_CHILD_START_AT"] = String(startAt)
            let childEnvironment = environment
            let results = try await withThrowingTaskGroup(of: (Int32, String).self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        try await Self.run(executable, ["--testing-library", "swift-testing", "--filter", "TwoProcessTests/credentialSharingChild"], childEnvironment)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for (status, output) in results {
                #expect(status == 0, "\(output)")
                #expect(output.contains("credentialSharingChild() passed"), "\(output)")
                #expect(!output.contains("revoked"), "\(output)")
            }
            // The code exchange plus exactly one refresh, whichever process won the lock.
            #expect(sandbox.requestCount(method: "POST", path: "/oauth2/access_token") == 2)
            #expect(sandbox.requestCount(method: "GET", path: "/api/v4/account") == 2 * Self.requestsPerProcess)
            // The file holds the live pair: its refresh token still works.
            let pair = try await withClient(try OAuthTests.config(sandbox, store)) { try await $0.refreshTokens() }
            #expect(try store.load() == pair)
        }
    }

    /// Runs `executable` and returns its exit status and combined output.
    static func run(_ executable: String, _ arguments: [String], _ environment: [String: String]) async throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let output = Locked(Data())
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            output.withLock { $0.append(chunk) }
        }
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        try? await Task.sleep(for: .milliseconds(50))  // let the last output arrive
        pipe.fileHandleForReading.readabilityHandler = nil
        let rest = pipe.fileHandleForReading.readDataToEndOfFile()
        return (status, String(decoding: output.withLock { $0 } + rest, as: UTF8.self))
    }
}
