import Foundation

/// Every error the client core throws. `AmoClient` methods throw only `AmoError`.
///
/// Each case carries an `ErrorContext`: the HTTP status, the `X-Request-Id` header (support asks for
/// it), the server's title/detail/hint (often Russian) and the endpoint. `message` is one line for
/// humans; it and `description` never contain tokens (see `Redactor`).
public enum AmoError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// 401: the access token is missing, invalid, expired or revoked; with OAuth, after one refresh.
    /// `context.hint == "Token has been revoked"` from `/oauth2/access_token` means the refresh token
    /// was already used (see `isRevokedToken`): the user must authorize again.
    case unauthorized(ErrorContext)
    /// 403 (or 402): see `ForbiddenReason`.
    case forbidden(ForbiddenReason, ErrorContext)
    /// 404: no such widget, or not available to this account.
    case notFound(ErrorContext)
    /// 400 with `validation-errors`: the field errors, by path.
    case validation([FieldError], ErrorContext)
    /// Another 4xx (400 without validation errors, e.g. "error code 244", 405, 409, 422 …).
    case badRequest(ErrorContext)
    /// 429 (an HTML page from the gateway, no Retry-After), after the client's own backoff and retries.
    case rateLimited(ErrorContext)
    /// 5xx (GETs were retried first for 502/503/504).
    case server(ErrorContext)
    /// A reply whose body is not what the endpoint promises: HTML, empty, truncated, not JSON, a
    /// missing required field, or a redirect.
    case unexpectedBody(UnexpectedBody, ErrorContext)
    /// The request did not complete: timeout, connection refused or reset, TLS, DNS.
    case transport(TransportFailure, ErrorContext)
    /// The caller's task was cancelled; the request was cancelled with it.
    case cancelled
    /// A local problem before any request: an unusable base URL, missing credentials, an unreadable
    /// or unwritable credential file. The text says what and where.
    case configuration(String)

    /// Why a 403/402 came back.
    public enum ForbiddenReason: String, Sendable, Hashable {
        /// problem+json 403: the token lacks the scope or the user the rights (e.g. "Invalid scope",
        /// a non-admin installing). Retrying will not help; another token will.
        case scope
        /// 403 with an HTML page from the gateway: the account's API is blocked after repeated
        /// rate-limit violations. Only amoCRM support lifts it; stop sending requests.
        case blocked
        /// 402: the account's subscription has expired.
        case subscription
    }

    /// The HTTP status, when a reply arrived.
    public var status: Int? { context?.status }
    /// The `X-Request-Id` of the reply, when sent.
    public var requestID: String? { context?.requestID }
    /// The server's `title`, when sent.
    public var title: String? { context?.title }
    /// The server's `detail`, when sent.
    public var detail: String? { context?.detail }

    /// The context of any case but `cancelled` and `configuration`.
    public var context: ErrorContext? {
        switch self {
        case .unauthorized(let c), .forbidden(_, let c), .notFound(let c), .validation(_, let c),
             .badRequest(let c), .rateLimited(let c), .server(let c), .unexpectedBody(_, let c),
             .transport(_, let c):
            return c
        case .cancelled, .configuration:
            return nil
        }
    }

    /// True for a 401 whose hint says the (refresh) token has been revoked.
    public var isRevokedToken: Bool {
        guard case .unauthorized(let c) = self else { return false }
        return (c.hint ?? "").localizedCaseInsensitiveContains("revoked")
    }

    /// One line for a status bar or stderr, e.g.
    /// `Not found (404): Widget not found — GET /api/v4/widgets/x [request 0a1b…]`. No tokens.
    public var message: String {
        let c = context
        let server = [c?.title, c?.detail, c?.hint].compactMap { $0 }.filter { !$0.isEmpty }
        func code(_ fallback: String) -> String { c?.status.map { "\(fallback) (\($0))" } ?? fallback }
        var text: String
        switch self {
        case .unauthorized:
            text = code(isRevokedToken ? "Token revoked" : "Not authorized")
            text += isRevokedToken ? ": the refresh token was already used; authorize again" : ": " + (c?.detail ?? "check the token")
        case .forbidden(.blocked, _):
            text = code("API blocked") + ": the gateway answered with an HTML page (too many requests?); only amoCRM support can unblock the account"
        case .forbidden(.subscription, _):
            text = code("Payment required") + ": the account's subscription has expired"
        case .forbidden(.scope, _):
            text = code("Forbidden") + ": " + (c?.detail ?? "the token lacks the rights for this call")
        case .notFound:
            text = code("Not found") + ": " + (c?.detail ?? "no such widget")
        case .validation(let errors, _):
            let first = errors.prefix(2).map { "\($0.path.isEmpty ? "?" : $0.path): \($0.detail.isEmpty ? $0.code : $0.detail)" }
            text = code("Invalid settings") + ": " + (first.isEmpty ? (c?.detail ?? "validation failed") : first.joined(separator: "; "))
            if errors.count > 2 { text += "; +\(errors.count - 2) more" }
        case .badRequest:
            text = code("Request refused") + ": " + (server.isEmpty ? "bad request" : server.joined(separator: " — "))
        case .rateLimited:
            text = code("Rate limited") + ": too many requests; waited and retried, try again later"
        case .server:
            text = code("Server error") + ": " + (c?.detail ?? c?.title ?? "the service failed")
        case .unexpectedBody(let body, _):
            text = code("Unexpected reply") + ": \(body.reason)"
            if let type = body.contentType { text += " (\(type))" }
            if !body.snippet.isEmpty { text += ": \(body.snippet)" }
        case .transport(let failure, _):
            text = "Network error: \(failure)"
        case .cancelled:
            return "Cancelled"
        case .configuration(let what):
            return oneLine(what, limit: 300)
        }
        if let endpoint = c?.endpoint { text += " — \(endpoint)" }
        if let id = c?.requestID { text += " [request \(id)]" }
        return oneLine(text, limit: 400)
    }

    /// `message`.
    public var description: String { message }
    /// `message`, for Foundation's error reporting.
    public var errorDescription: String? { message }
}

/// What is known about the reply (or attempt) behind an `AmoError`. All texts are one-line,
/// bounded and redacted when built by the client.
public struct ErrorContext: Sendable, Hashable {
    /// HTTP status, nil when no reply arrived.
    public var status: Int?
    /// `X-Request-Id` header.
    public var requestID: String?
    /// problem+json `title`, or the HTML page's `<title>`.
    public var title: String?
    /// problem+json `detail`.
    public var detail: String?
    /// problem+json `hint` (OAuth endpoint).
    public var hint: String?
    /// "METHOD /path" of the request (no query secrets: paths carry widget codes and paging only).
    public var endpoint: String?

    /// A context built in code.
    public init(status: Int? = nil, requestID: String? = nil, title: String? = nil, detail: String? = nil,
                hint: String? = nil, endpoint: String? = nil) {
        self.status = status; self.requestID = requestID; self.title = title
        self.detail = detail; self.hint = hint; self.endpoint = endpoint
    }
}

/// Describes a body that is not what the endpoint promises.
public struct UnexpectedBody: Sendable, Hashable {
    /// Why it was refused, e.g. "not JSON", "empty body", "truncated or malformed JSON",
    /// "missing field code".
    public var reason: String
    /// The `Content-Type` header, when sent.
    public var contentType: String?
    /// The first bytes of the body as one printable, redacted line (at most 120 characters).
    public var snippet: String

    /// A description built in code.
    public init(reason: String, contentType: String? = nil, snippet: String = "") {
        self.reason = reason; self.contentType = contentType; self.snippet = snippet
    }
}

/// Why a request did not complete.
public enum TransportFailure: Sendable, Hashable, CustomStringConvertible {
    /// No connection within the connect timeout, or no full reply within the request timeout.
    case timeout
    /// Nothing listens at the host and port.
    case connectionRefused
    /// The connection closed before the reply was complete.
    case connectionReset
    /// TLS handshake or certificate failure, with the library's text.
    case tls(String)
    /// Anything else (DNS, …), with the library's text.
    case other(String)

    public var description: String {
        switch self {
        case .timeout: "timed out"
        case .connectionRefused: "connection refused"
        case .connectionReset: "connection closed before the reply was complete"
        case .tls(let s): "TLS failure: \(s)"
        case .other(let s): s
        }
    }
}
