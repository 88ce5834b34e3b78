import Foundation
import Testing
import NIOHTTP1
@testable import AmoCRM

/// Payload files copied from shared/fixtures into the test bundle.
enum Fixtures {
    struct Missing: Error { let name: String }

    /// The bytes of `Fixtures/<name>`.
    static func bytes(_ name: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw Missing(name: name)
        }
        return Array(try Data(contentsOf: url))
    }

    /// The `X-Request-Id` every reply built here carries.
    static let requestID = "0123456789abcdef0123456789abcdef"

    /// Every fixture file name (json and html).
    static func all() throws -> [String] {
        guard let dir = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else { throw Missing(name: "Fixtures") }
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") || $0.hasSuffix(".html") }.sorted()
    }

    /// A reply with `body`, a content type and a request id.
    static func reply(_ status: Int, _ body: [UInt8], type: String? = "application/problem+json", requestID: String? = Fixtures.requestID) -> HTTPReply {
        var headers = HTTPHeaders()
        if let type { headers.add(name: "Content-Type", value: type) }
        if let requestID { headers.add(name: "X-Request-Id", value: requestID) }
        return HTTPReply(status: status, headers: headers, body: body)
    }

    static func reply(_ status: Int, _ text: String, type: String? = "application/hal+json") -> HTTPReply {
        reply(status, Array(text.utf8), type: type)
    }
}

/// Decodes JSON text as `T` with a plain decoder.
func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(text.utf8))
}

/// The `AmoError` `body` throws, or nil when it succeeds; another error type is recorded as an issue.
func amoError<T>(_ body: () throws -> T) -> AmoError? {
    do { _ = try body(); return nil } catch let error as AmoError { return error } catch {
        Issue.record("not an AmoError: \(error)")
        return nil
    }
}
