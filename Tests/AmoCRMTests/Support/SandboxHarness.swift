import AmoSandbox
import Synchronization
import Foundation
import Testing
@testable import AmoCRM

/// The sandbox's OAuth integration (README "The sandbox account").
let sandboxApp = OAuthApp(clientID: "440a9a11-167d-441a-b47a-2e474e5ac63a", clientSecret: "sandbox-client-secret",
                          redirectURI: "https://example.com/amowidgets/oauth")

/// Collects `ClientEvent`s from any task.
final class EventLog: Sendable {
    private let events = Mutex<[ClientEvent]>([])
    var all: [ClientEvent] { events.withLock { $0 } }
    var handler: @Sendable (ClientEvent) -> Void { { event in self.events.withLock { $0.append(event) } } }
    var waits: [(Double, WaitReason)] {
        all.compactMap { if case .waiting(let s, let r, _, _, _) = $0 { (s, r) } else { nil } }
    }
}



/// A fresh temporary folder, removed by `remove()`.
struct TempDir {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("amocrm-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Starts a sandbox (port 0) and runs `body`; the sandbox is shut down afterwards, whatever happens.
func withSandbox<T>(_ configure: (inout SandboxConfiguration) -> Void = { _ in },
                    _ body: (RunningSandbox) async throws -> T) async throws -> T {
    var config = SandboxConfiguration()
    configure(&config)
    let sandbox = try await Sandbox.start(config)
    do {
        let result = try await body(sandbox)
        await sandbox.shutdown()
        return result
    } catch {
        await sandbox.shutdown()
        throw error
    }
}

/// A client configuration for `sandbox`: admin token, fast backoff for tests.
func clientConfig(_ sandbox: RunningSandbox, token: String = SandboxTokens.admin,
                  _ configure: (inout AmoClientConfiguration) -> Void = { _ in }) throws -> AmoClientConfiguration {
    var config = AmoClientConfiguration(baseURL: try BaseURL(parsing: sandbox.baseURL), credentials: .longLivedToken(token))
    config.backoffStart = .milliseconds(50)
    config.backoffCap = .milliseconds(400)
    configure(&config)
    return config
}

/// Runs `body` with a client for `sandbox`, shut down afterwards.
func withClient<T: Sendable>(_ config: AmoClientConfiguration, _ body: (AmoClient) async throws -> T) async throws -> T {
    try await AmoClient.withClient(config, body)
}

/// The `AmoError` an async call throws, or nil; another error type is recorded as an issue.
func amoError<T>(_ body: () async throws -> T) async -> AmoError? {
    do { _ = try await body(); return nil } catch let error as AmoError { return error } catch {
        Issue.record("not an AmoError: \(error)")
        return nil
    }
}

/// A value shared between test tasks.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<R: Sendable>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
}
