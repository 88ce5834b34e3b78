// Test helpers: a sandbox per test on port 0, raw HTTP over loopback (AsyncHTTPClient), and JSON
// read with Foundation's JSONSerialization, not the sandbox's own parser, so an encoding bug
// cannot hide behind a matching decoding bug.
import AmoSandbox
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// One raw HTTP answer.
struct Reply {
    let status: Int
    let headers: HTTPHeaders
    let body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }
    var contentType: String { headers.first(name: "Content-Type") ?? "" }
    var requestID: String { headers.first(name: "X-Request-Id") ?? "" }

    /// The body decoded by Foundation; nil when it is not JSON.
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
}

/// Starts a sandbox (rate limit off unless the test turns it on), runs `body`, shuts it down.
func withSandbox<T>(_ configure: (inout SandboxConfiguration) -> Void = { _ in },
                    _ body: (RunningSandbox) async throws -> T) async throws -> T {
    var c = SandboxConfiguration()
    c.rateLimit = false
    configure(&c)
    let sandbox = try await Sandbox.start(c)
    do {
        let result = try await body(sandbox)
        await sandbox.shutdown()
        return result
    } catch {
        await sandbox.shutdown()
        throw error
    }
}

extension RunningSandbox {
    /// Sends one request; `token` becomes `Authorization: Bearer`.
    func send(_ method: HTTPMethod = .GET, _ path: String, token: String? = SandboxTokens.admin,
              body: String? = nil, contentType: String = "application/json") async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Array(buffer: bytes))
    }
}

/// A committed copy of a ../shared/fixtures file (Tests/AmoSandboxTests/Fixtures).
func fixture(_ name: String) throws -> String {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    return try String(contentsOf: url, encoding: .utf8)
}

/// The repository root (for Resources/catalog).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fresh temporary folder for one test.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("amosandbox-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// JSON text of a Foundation value, keys sorted (to compare shapes).
func canonical(_ value: Any) -> String {
    guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) else { return "" }
    return String(decoding: data, as: UTF8.self)
}

/// True for 32 lowercase or uppercase hex characters.
func isRequestID(_ s: String) -> Bool {
    s.count == 32 && s.allSatisfy(\.isHexDigit)
}

/// Foundation's reading of JSON text.
func foundationJSON(_ text: String) -> Any? {
    try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}
