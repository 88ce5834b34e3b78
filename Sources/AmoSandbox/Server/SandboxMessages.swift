// Request and response as the sandbox's logic sees them, apart from the HTTP server (Hummingbird).

/// An HTTP request reduced to what the emulated API reads.
struct SandboxRequest: Sendable {
    /// Upper-case method, e.g. "GET".
    let method: String
    /// The path without the query, percent-decoded, e.g. "/api/v4/widgets/amo_asterisk".
    let path: String
    /// Query parameters (the last value wins when a name repeats).
    let query: [String: String]
    /// The `Authorization` header, if any.
    let authorization: String?
    /// The `Content-Type` header, if any.
    let contentType: String?
    /// The request body.
    let body: [UInt8]

    /// The bearer token of `Authorization: Bearer <token>`; nil when missing or another scheme.
    var bearerToken: String? {
        guard let a = authorization else { return nil }
        let parts = a.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingSpaces()
        return token.isEmpty ? nil : token
    }
}

/// An answer before faults and transport are applied.
struct SandboxResponse: Sendable {
    var status: Int
    /// nil for a response without a body (204).
    var contentType: String?
    var body: [UInt8]

    /// True when the body is JSON (truncation and content-type faults apply only to these).
    var isJSON: Bool { contentType?.contains("json") ?? false }

    static func json(_ status: Int, _ value: SandboxJSON, type: String = "application/json") -> SandboxResponse {
        SandboxResponse(status: status, contentType: type + "; charset=utf-8", body: Array(value.serialized().utf8))
    }

    static func hal(_ value: SandboxJSON) -> SandboxResponse { json(200, value, type: "application/hal+json") }

    static func html(_ status: Int, _ text: String) -> SandboxResponse {
        SandboxResponse(status: status, contentType: "text/html", body: Array(text.utf8))
    }

    static let noContent = SandboxResponse(status: 204, contentType: nil, body: [])
}

/// One request as the sandbox saw it, for tests (`RunningSandbox.recordedRequests`).
public struct SandboxRequestRecord: Sendable, Equatable {
    /// Upper-case method, e.g. "GET".
    public let method: String
    /// The path without the query, e.g. "/api/v4/widgets".
    public let path: String
    /// The query parameters, e.g. ["limit": "250", "page": "2"].
    public let query: [String: String]
    /// The status the sandbox answered (429, 403 and injected 5xx included).
    public let status: Int
    /// When it arrived (monotonic clock), to check a client's pacing.
    public let at: ContinuousClock.Instant
    /// The `X-Request-Id` the answer carried (32 hex characters), so a test can match a client's
    /// record of a request with the request the sandbox saw.
    public var requestID: String = ""
}
