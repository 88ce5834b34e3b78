import Foundation
import Logging
import NIOHTTP1
import NIOConcurrencyHelpers

/// The amoCRM API v4 client: every call the program makes to an account goes through here.
///
/// - Pacing: all calls share one `Pacer` (`AmoClientConfiguration.requestsPerSecond`, 7/s by
///   default): at most 7 requests in any 1.05 s as the service counts them, bursts up to 7 at once,
///   so concurrent callers never exceed the limit together.
/// - Retries: 429 backs off exponentially with jitter (1 s, doubling, 30 s cap), reported through
///   `onEvent`; GETs also retry 502/503/504, timeouts and resets; at most `maxRetries` times
///   (a refused connection at most once: `RetryPolicy.maxRefusedRetries`).
///   POST and DELETE are retried only when they cannot have reached the service.
/// - Auth: see `Credentials`. With OAuth, a 401 refreshes the pair once and retries once.
/// - Errors: every method throws `AmoError` only. Cancelling the calling task cancels the request
///   and throws `AmoError.cancelled`. After a `forbidden(.blocked)` (the account's API is blocked)
///   the client sends nothing more and every call throws that error again.
///
/// One `HTTPClient` per instance: call `shutdown()` when done (or use `withClient`).
public actor AmoClient {
    /// The configuration the client was made with.
    public nonisolated let configuration: AmoClientConfiguration
    let transport: HTTPTransport
    let pacer: Pacer
    let auth: Authenticator
    nonisolated let retry: RetryPolicy
    /// One copy of each long settings label across every widgets page this client reads (peak RSS).
    nonisolated let labels = NIOLockedValueBox(FieldTextInterner())
    private var isShutDown = false
    /// Set by the first `forbidden(.blocked)`: the account's API is blocked and only support lifts
    /// it, so the client stops sending (more requests could only prolong the block).
    private var blocked: AmoError?

    /// A client for `configuration`. Opens no connection until the first call.
    public init(configuration: AmoClientConfiguration) {
        self.configuration = configuration
        let transport = HTTPTransport(connectTimeout: configuration.connectTimeout, requestTimeout: configuration.requestTimeout)
        let pacer = Pacer(requestsPerSecond: configuration.requestsPerSecond)
        self.transport = transport
        self.pacer = pacer
        self.retry = RetryPolicy(maxRetries: max(0, configuration.maxRetries), start: configuration.backoffStart, cap: configuration.backoffCap)
        let base = configuration.baseURL
        let headers = AmoClient.baseHeaders(version: configuration.version)
        self.auth = Authenticator(credentials: configuration.credentials, expiryWarning: configuration.expiryWarning,
                                  onEvent: configuration.onEvent) { app, refreshToken async throws(AmoError) -> TokenPair in
            try await OAuthCalls.tokenRequest(
                transport: transport, baseURL: base, headers: headers,
                body: OAuthCalls.refreshBody(app: app, refreshToken: refreshToken),
                secrets: [refreshToken, app.clientSecret])
        }
    }

    /// Runs `body` with a new client and shuts it down afterwards, whatever happens.
    public static func withClient<T: Sendable>(
        _ configuration: AmoClientConfiguration, _ body: (AmoClient) async throws -> T
    ) async rethrows -> T {
        let client = AmoClient(configuration: configuration)
        do {
            let result = try await body(client)
            await client.shutdown()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    }

    /// Closes the HTTP client and its connections. Later calls throw `AmoError.configuration`.
    /// Must be called once before the client is released.
    public func shutdown() async {
        guard !isShutDown else { return }
        isShutDown = true
        await transport.shutdown()
    }

    /// `User-Agent` and `Accept`, sent with every request.
    static func baseHeaders(version: String) -> HTTPHeaders {
        ["User-Agent": "amowidgets/\(version)", "Accept": "application/hal+json, application/problem+json"]
    }

    /// Sends one API request with pacing, auth, retries and one OAuth refresh; returns the reply of
    /// the final attempt if it is a success (2xx), or throws the mapped `AmoError`.
    /// `pathAndQuery` starts with "/" and is sent to `baseURL` only.
    func send(_ method: HTTPMethod, _ pathAndQuery: String, json body: [UInt8]? = nil) async throws(AmoError) -> (HTTPReply, String) {
        guard !isShutDown else { throw .configuration("The client has been shut down") }
        if let blocked { throw blocked }
        let endpoint = "\(method.rawValue) \(pathAndQuery.split(separator: "?", maxSplits: 1).first.map(String.init) ?? pathAndQuery)"
        let idempotent = method == .GET
        var headers = Self.baseHeaders(version: configuration.version)
        if body != nil { headers.add(name: "Content-Type", value: "application/json") }
        var refreshed = false
        var attempt = 0
        var rng = SystemRandomNumberGenerator()
        while true {
            if Task.isCancelled { throw .cancelled }
            // The token is taken before the pacer (waiting for a refresh in flight) and looked at
            // again after it, so a caller that waited in line uses a token refreshed meanwhile.
            let before = try await auth.accessToken()
            let ticket = try await pacer.acquire()
            let token = await auth.newerToken(than: before)
            var h = headers
            h.add(name: "Authorization", value: "Bearer \(token)")
            let started = ContinuousClock.now
            let context = ErrorContext(endpoint: endpoint)
            let reply: HTTPReply
            do {
                reply = try await transport.execute(method: method, url: configuration.baseURL.url(pathAndQuery),
                                                    headers: h, body: body, context: context)
                await pacer.finished(ticket)
            } catch {
                await pacer.finished(ticket)
                guard case .transport(let f, _) = error else { throw error }
                log(endpoint, status: nil, started: started, requestID: nil, note: f.description)
                if let reason = RetryPolicy.reason(status: nil, failure: f, idempotent: idempotent), attempt < retry.limit(for: reason) {
                    attempt += 1
                    try await wait(retry.delay(forRetry: attempt, using: &rng), reason: reason, endpoint: endpoint, attempt: attempt)
                    continue
                }
                throw error
            }
            log(endpoint, status: reply.status, started: started, requestID: reply.requestID, note: nil)
            if reply.status == 401, auth.canRefresh, !refreshed {
                refreshed = true
                _ = try await auth.refresh(rejected: token)
                continue
            }
            if let reason = RetryPolicy.reason(status: reply.status, failure: nil, idempotent: idempotent), attempt < retry.maxRetries {
                attempt += 1
                let delay = retry.delay(forRetry: attempt, using: &rng)
                if reply.status == 429 { await pacer.holdAll(for: delay) }
                try await wait(delay, reason: reason, endpoint: endpoint, attempt: attempt)
                continue
            }
            if (200..<300).contains(reply.status) { return (reply, endpoint) }
            let error = ReplyMapper.error(for: reply, endpoint: endpoint, secrets: await auth.secrets)
            if case .forbidden(.blocked, _) = error { blocked = error }
            throw error
        }
    }

    /// Sleeps `delay` after telling `onEvent`; cancellation throws `AmoError.cancelled`.
    private func wait(_ delay: Duration, reason: WaitReason, endpoint: String, attempt: Int) async throws(AmoError) {
        configuration.onEvent?(.waiting(seconds: delay.seconds, reason: reason, endpoint: endpoint,
                                        attempt: attempt, maxAttempts: retry.limit(for: reason)))
        configuration.logger.notice("retry", metadata: [
            "endpoint": "\(endpoint)", "reason": "\(reason)", "attempt": "\(attempt)",
            "wait_s": "\(String(format: "%.2f", delay.seconds))",
        ])
        do { try await Task.sleep(for: delay) } catch { throw .cancelled }
    }

    private nonisolated func log(_ endpoint: String, status: Int?, started: ContinuousClock.Instant, requestID: String?, note: String?) {
        var meta: Logger.Metadata = [
            "endpoint": "\(endpoint)",
            "duration_ms": "\(Int((ContinuousClock.now - started).seconds * 1000))",
        ]
        if let status { meta["status"] = "\(status)" }
        if let requestID { meta["request_id"] = "\(requestID)" }
        if let note { meta["failure"] = "\(note)" }
        // `.info`: one line per request (endpoint, status, request id, duration; never headers or
        // bodies) is what a log at the usual level needs to tell what happened.
        configuration.logger.info("request", metadata: meta)
    }

    /// Decodes a success reply of `send`.
    func decode<T: Decodable>(_ type: T.Type, _ reply: (HTTPReply, String)) async throws(AmoError) -> T {
        guard let value = try ReplyMapper.decode(T.self, from: reply.0, endpoint: reply.1, secrets: await auth.secrets) else {
            throw .unexpectedBody(UnexpectedBody(reason: "no content (204) where a body was expected"),
                                  ErrorContext(status: reply.0.status, requestID: reply.0.requestID, endpoint: reply.1))
        }
        return value
    }
}
