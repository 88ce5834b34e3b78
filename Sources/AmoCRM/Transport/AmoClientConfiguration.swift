import Foundation
import Logging

/// Everything an `AmoClient` needs: where, who, how fast, how patient.
public struct AmoClientConfiguration: Sendable {
    /// The account's origin (validated: https, or http on loopback).
    public var baseURL: BaseURL
    /// How requests are authorized.
    public var credentials: Credentials
    /// Pacing: at most this many requests per second for all calls of the client together: at 7,
    /// at most 7 requests in any 1.05 s window, each counted from its start until a window after its
    /// reply (see `Pacer`), so latency cannot push 8 into one second at the service; a burst of 7
    /// goes at once. Default 7 (Kommo's published per-integration limit); nil turns pacing off.
    public var requestsPerSecond: Double? = 7
    /// Time to establish a TCP/TLS connection. Default 5 s.
    public var connectTimeout: Duration = .seconds(5)
    /// Time for a whole request, connection to last body byte. Default 30 s.
    public var requestTimeout: Duration = .seconds(30)
    /// Retries after the first attempt, for GETs (429, 502/503/504, timeouts, resets) and for any
    /// method when the request cannot have reached the service (429 from the gateway, connection
    /// refused; at most once for a refused connection). Default 3.
    public var maxRetries: Int = 3
    /// First backoff wait; doubles per retry, with jitter, up to `backoffCap`. Default 1 s.
    public var backoffStart: Duration = .seconds(1)
    /// Longest backoff wait. Default 30 s.
    public var backoffCap: Duration = .seconds(30)
    /// Sent as `User-Agent: amowidgets/<version>`.
    public var version: String = AmoClientConfiguration.defaultVersion
    /// A long-lived token expiring within this many seconds is reported as `ClientEvent.tokenExpiresSoon`.
    /// Default 7 days.
    public var expiryWarning: TimeInterval = 7 * 86400
    /// Receives method, path, status, duration and request id of each request at `.debug`, retries at
    /// `.notice` — never headers or bodies. Default: discards everything (a TUI owns stdout).
    public var logger: Logger = Logger(label: "amowidgets.client", factory: { _ in SwiftLogNoOpLogHandler() })
    /// Progress for the UI: backoff waits, retries, token refreshes. Called from any task; keep it quick.
    public var onEvent: (@Sendable (ClientEvent) -> Void)?

    /// The program version reported in `User-Agent` when none is set.
    public static let defaultVersion = "0.1.0"

    /// A configuration with the defaults above.
    public init(baseURL: BaseURL, credentials: Credentials) {
        self.baseURL = baseURL
        self.credentials = credentials
    }
}

/// Progress reported through `AmoClientConfiguration.onEvent`.
public enum ClientEvent: Sendable, Hashable {
    /// The client waits `seconds` before retrying `endpoint` (attempt `attempt` of `maxAttempts`).
    case waiting(seconds: Double, reason: WaitReason, endpoint: String, attempt: Int, maxAttempts: Int)
    /// An OAuth access token was rejected or expired; a refresh is under way.
    case refreshingToken
    /// A new token pair was stored; its access token expires at the date (nil when unknown).
    case tokenRefreshed(expiresAt: Date?)
    /// The long-lived token's JWT `exp` is near (or past).
    case tokenExpiresSoon(at: Date)
}

/// Why the client waits before a retry.
public enum WaitReason: Sendable, Hashable, CustomStringConvertible {
    /// 429 from the gateway.
    case rateLimit
    /// 502/503/504.
    case serverBusy(status: Int)
    /// A transport failure (timeout, reset, refused).
    case network(TransportFailure)

    public var description: String {
        switch self {
        case .rateLimit: "rate limited (429)"
        case .serverBusy(let s): "server busy (\(s))"
        case .network(let f): "network: \(f)"
        }
    }
}
