import Foundation
import NIOHTTP1

/// A complete HTTP reply as the transport received it: the input of `ReplyMapper`.
public struct HTTPReply: Sendable {
    /// HTTP status code.
    public var status: Int
    /// Response headers (case-insensitive lookup).
    public var headers: HTTPHeaders
    /// The body bytes, possibly empty.
    public var body: [UInt8]

    /// A reply built from its parts.
    public init(status: Int, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status; self.headers = headers; self.body = body
    }

    /// `X-Request-Id`, when sent and non-empty.
    public var requestID: String? {
        headers.first(name: "X-Request-Id").map { oneLine($0, limit: 64) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `Content-Type`, when sent.
    public var contentType: String? { headers.first(name: "Content-Type") }
}

/// Turns an `HTTPReply` into a decoded value or an `AmoError`. Pure: no I/O, no clock.
///
/// Rules (shared/amocrm-api.md): 204 is "no content", never an error; 2xx bodies must be JSON that
/// decodes; 401 -> `unauthorized`; 402 -> `forbidden(.subscription)`; 403 with an HTML page ->
/// `forbidden(.blocked)`, otherwise `forbidden(.scope)`; 404 -> `notFound`; 400 with
/// `validation-errors` -> `validation`, other 4xx -> `badRequest`; 429 (HTML) -> `rateLimited`;
/// 5xx -> `server`; 1xx/3xx -> `unexpectedBody`. HTML, empty, truncated or non-JSON bodies never crash.
public enum ReplyMapper {
    /// The decoded body of a 2xx reply, or nil for 204. `userInfo` is passed to the decoder. Throws the mapped `AmoError` for
    /// any other status or an unreadable body. `endpoint` ("GET /path") and `secrets` (tokens to
    /// redact) only feed the error's context. The models (`Widget`, `Account`, …) are read with
    /// `JSONTree` (Foundation's `JSONSerialization`, no per-value probes); other types with `JSONDecoder`.
    public static func decode<T: Decodable>(
        _ type: T.Type, from reply: HTTPReply, endpoint: String? = nil, secrets: [String] = [],
        userInfo: [CodingUserInfoKey: any Sendable] = [:]
    ) throws(AmoError) -> T? {
        try read(reply, endpoint: endpoint, secrets: secrets) { bytes in
            if let model = T.self as? any JSONObjectDecodable.Type {
                guard let object = try JSONTree.parse(bytes) as? [String: Any] else {
                    throw DecodingError.typeMismatch(T.self, .init(codingPath: [], debugDescription: "expected a JSON object"))
                }
                if let value = try model.init(object: JSONMembers(parsed: object), codingPath: []) as? T { return value }
            }
            let decoder = JSONDecoder()
            for (k, v) in userInfo { decoder.userInfo[k] = v }
            return try decoder.decode(T.self, from: Data(bytes))
        }
    }

    /// The shared part of decoding a reply: status mapping, 204, empty and HTML bodies, and the
    /// `DecodingError` of `body` turned into `AmoError.unexpectedBody` with a redacted snippet.
    static func read<T>(
        _ reply: HTTPReply, endpoint: String?, secrets: [String], _ body: ([UInt8]) throws -> T
    ) throws(AmoError) -> T? {
        guard (200..<300).contains(reply.status) else { throw error(for: reply, endpoint: endpoint, secrets: secrets) }
        if reply.status == 204 { return nil }
        let context = ErrorContext(status: reply.status, requestID: reply.requestID, endpoint: endpoint)
        if let problem = bodyProblem(reply, secrets: secrets) { throw .unexpectedBody(problem, context) }
        do {
            return try body(reply.body)
        } catch let error as DecodingError {
            throw .unexpectedBody(UnexpectedBody(
                reason: reason(error), contentType: reply.contentType, snippet: snippet(reply.body, secrets: secrets)), context)
        } catch {
            throw .unexpectedBody(UnexpectedBody(
                reason: "unreadable JSON", contentType: reply.contentType, snippet: snippet(reply.body, secrets: secrets)), context)
        }
    }

    /// Succeeds for any 2xx (the body is ignored: DELETE answers 204); throws the mapped error otherwise.
    public static func expectSuccess(_ reply: HTTPReply, endpoint: String? = nil, secrets: [String] = []) throws(AmoError) {
        guard (200..<300).contains(reply.status) else { throw error(for: reply, endpoint: endpoint, secrets: secrets) }
    }

    /// The `AmoError` for a reply that is not a success (any status outside 200...299).
    public static func error(for reply: HTTPReply, endpoint: String? = nil, secrets: [String] = []) -> AmoError {
        let html = looksLikeHTML(reply)
        let problem = html ? nil : problemDetails(reply)
        var context = ErrorContext(status: reply.status, requestID: reply.requestID, endpoint: endpoint)
        if let problem {
            context.title = problem.title.map { oneLine($0, secrets: secrets) }
            context.detail = problem.detail.map { oneLine($0, secrets: secrets) }
            context.hint = problem.hint.map { oneLine($0, secrets: secrets) }
        } else if html {
            context.title = htmlTitle(reply.body).map { oneLine($0, secrets: secrets) }
        }
        switch reply.status {
        case 401: return .unauthorized(context)
        case 402: return .forbidden(.subscription, context)
        case 403: return .forbidden(problem == nil && html ? .blocked : .scope, context)
        case 404: return .notFound(context)
        case 429: return .rateLimited(context)
        case 400..<500:
            let fields = problem?.fieldErrors ?? []
            if !fields.isEmpty {
                let clean = fields.map { FieldError(path: oneLine($0.path, secrets: secrets), code: oneLine($0.code, secrets: secrets), detail: oneLine($0.detail, secrets: secrets)) }
                return .validation(clean, context)
            }
            return .badRequest(context)
        case 500..<600: return .server(context)
        case 300..<400:
            let target = reply.headers.first(name: "Location").map { " to \(oneLine($0, limit: 120, secrets: secrets))" } ?? ""
            return .unexpectedBody(UnexpectedBody(reason: "redirect\(target)", contentType: reply.contentType,
                                                  snippet: snippet(reply.body, secrets: secrets)), context)
        default:
            return .unexpectedBody(UnexpectedBody(reason: "unexpected status", contentType: reply.contentType,
                                                  snippet: snippet(reply.body, secrets: secrets)), context)
        }
    }

    /// The problem+json body, when the body is a JSON object; nil for HTML, empty or non-JSON bodies.
    public static func problemDetails(_ reply: HTTPReply) -> ProblemDetails? {
        guard reply.body.first(where: { !isSpace($0) }) == UInt8(ascii: "{") else { return nil }
        return try? JSONDecoder().decode(ProblemDetails.self, from: Data(reply.body))
    }

    /// Why a 2xx body cannot be JSON before trying to decode it: empty, or HTML.
    static func bodyProblem(_ reply: HTTPReply, secrets: [String]) -> UnexpectedBody? {
        if reply.body.allSatisfy(isSpace) {
            return UnexpectedBody(reason: "empty body", contentType: reply.contentType)
        }
        if looksLikeHTML(reply) {
            return UnexpectedBody(reason: "an HTML page instead of JSON", contentType: reply.contentType,
                                  snippet: snippet(reply.body, secrets: secrets))
        }
        return nil
    }

    static func looksLikeHTML(_ reply: HTTPReply) -> Bool {
        if let type = reply.contentType?.lowercased(), type.contains("html") { return true }
        return reply.body.first(where: { !isSpace($0) }) == UInt8(ascii: "<")
    }

    /// The text of the first `<title>` element, if any.
    static func htmlTitle(_ body: [UInt8]) -> String? {
        let text = String(decoding: body.prefix(4096), as: UTF8.self)
        guard let open = text.range(of: "<title>", options: .caseInsensitive),
              let close = text.range(of: "</title>", options: .caseInsensitive, range: open.upperBound..<text.endIndex)
        else { return nil }
        let title = text[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        return title.isEmpty ? nil : title
    }

    /// The first bytes of a body as one printable, redacted line (≤ 120 characters); invalid UTF-8
    /// becomes U+FFFD.
    static func snippet(_ body: [UInt8], secrets: [String]) -> String {
        oneLine(String(decoding: body.prefix(400), as: UTF8.self), limit: 120, secrets: secrets)
    }

    static func reason(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): return "missing field \(key.stringValue)"
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            let path = c.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "not the expected JSON shape" : "field \(path) has an unexpected type"
        case .dataCorrupted(let c):
            return c.codingPath.isEmpty ? "truncated or malformed JSON" : "field \(c.codingPath.map(\.stringValue).joined(separator: ".")) is unreadable"
        @unknown default: return "unreadable JSON"
        }
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
}
