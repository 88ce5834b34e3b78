// The emulated account: catalogue, mutable state and the request pipeline (gateway, then API).
import Foundation
import NIOConcurrencyHelpers

/// A request's caller, from its bearer token.
struct Caller: Sendable {
    let userID: Int
    let isAdmin: Bool
    /// The integration the token belongs to: it sees `settings` of widgets with this `client_uuid`.
    let clientUUID: String?
}

/// An access token issued by `/oauth2/access_token`.
struct IssuedAccessToken: Sendable {
    let userID: Int
    let clientID: String
    let expires: ContinuousClock.Instant
}

/// A refresh token issued by `/oauth2/access_token`; single use.
struct IssuedRefreshToken: Sendable {
    let userID: Int
    let clientID: String
    var used: Bool
}

/// Everything that changes while the sandbox runs, behind one lock (`NIOLockedValueBox`, a pthread
/// mutex that ThreadSanitizer understands; `Synchronization.Mutex` on Linux is a futex it cannot see,
/// so every contended access was reported as a race, issue 17).
struct MutableSandboxState: Sendable {
    var account: AccountState
    var limiter: RateLimiter
    var faults: FaultInjector
    /// Requests received, by "METHOD /path" (query excluded), counted before any check.
    var requestCounts: [String: Int] = [:]
    var usedAuthorizationCodes: Set<String> = []
    var accessTokens: [String: IssuedAccessToken] = [:]
    var refreshTokens: [String: IssuedRefreshToken] = [:]
    /// The latest requests with their answers, oldest first (at most `SandboxConfiguration.recordLimit`).
    var log: [SandboxRequestRecord] = []
}

/// The sandbox account's logic, independent of the HTTP server that carries it.
final class SandboxCore: Sendable {
    let catalog: CatalogData
    let configuration: SandboxConfiguration
    let state: NIOLockedValueBox<MutableSandboxState>
    /// Base of `_links` hrefs, known once the server has bound its port.
    let linkBase = NIOLockedValueBox<String>("http://127.0.0.1")
    /// Set by `RunningSandbox.shutdown()`: injected latency stops waiting, so shutdown is quick.
    let stopping = NIOLockedValueBox<Bool>(false)

    /// `configuration.requestLog` opened for appending (-1: none); closed in `deinit`.
    let requestLogFD: Int32

    init(configuration: SandboxConfiguration) throws {
        self.configuration = configuration
        if let path = configuration.requestLog {
            requestLogFD = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard requestLogFD >= 0 else { throw SandboxFileError(file: path, reason: String(cString: strerror(errno))) }
        } else {
            requestLogFD = -1
        }
        catalog = try configuration.catalog.load()
        var account = AccountState(catalog: catalog)
        if let path = configuration.stateFile, let saved = try StateFile.load(path, catalog: catalog) {
            account = saved
        }
        state = NIOLockedValueBox(MutableSandboxState(
            account: account,
            limiter: RateLimiter(perSecond: configuration.rateLimitPerSecond, window: configuration.rateLimitWindow,
                                 blockAfterViolations: configuration.blockAfterViolations),
            faults: FaultInjector(spec: configuration.faults, seed: configuration.seed)))
    }

    var base: String { linkBase.withLockedValue { $0 } }

    /// The `latency` fault's wait, in 25 ms steps so a shutdown does not wait it out.
    func delay(milliseconds: Int) async {
        let end = ContinuousClock.now + .milliseconds(milliseconds)
        while ContinuousClock.now < end, !stopping.withLockedValue({ $0 }) {
            try? await Task.sleep(for: min(.milliseconds(25), end - ContinuousClock.now))
        }
    }

    /// The gateway, then the API: count, block mode, rate limit, injected faults, routing.
    /// Returns the answer and the faults the transport must still apply (latency, reset, truncation).
    /// `requestID` is the `X-Request-Id` the answer will carry; it is kept in the request log.
    func handle(_ request: SandboxRequest, requestID: String = "") -> (SandboxResponse, FaultPlan) {
        let now = ContinuousClock.now
        let (verdict, plan) = state.withLockedValue { s -> (RateLimiter.Verdict, FaultPlan) in
            s.requestCounts["\(request.method) \(request.path)", default: 0] += 1
            let verdict = configuration.rateLimit ? s.limiter.check(key: request.bearerToken ?? "", now: now) : .allow
            guard verdict == .allow else { return (verdict, FaultPlan()) }
            return (verdict, s.faults.plan(method: request.method, path: request.path, query: request.query))
        }
        let response: SandboxResponse
        switch verdict {
        case .blocked: response = Problems.gatewayPage(403)
        case .tooManyRequests: response = Problems.gatewayPage(429)
        case .allow:
            if let status = plan.status {
                response = status.html ? Problems.gatewayPage(status.code) : Problems.injected(status.code)
            } else {
                response = route(request, plan: plan)
            }
        }
        let record = SandboxRequestRecord(method: request.method, path: request.path, query: request.query,
                                          status: response.status, at: now, requestID: requestID)
        state.withLockedValue { s in
            guard configuration.recordLimit > 0 else { return }
            if s.log.count >= configuration.recordLimit { s.log.removeFirst(max(1, s.log.count / 2)) }
            s.log.append(record)
        }
        if requestLogFD >= 0 {
            // One write of a short line to an O_APPEND file: lines from concurrent requests never interleave.
            let line = "\(request.method) \(request.path) \(response.status) \(requestID)\(plan.reset ? " reset" : "")\n"
            _ = line.utf8CString.withUnsafeBufferPointer { write(requestLogFD, $0.baseAddress, $0.count - 1) }
        }
        return (response, plan)
    }

    deinit { if requestLogFD >= 0 { close(requestLogFD) } }

    /// Dispatches to the endpoint; anything unknown is 404 problem+json.
    func route(_ request: SandboxRequest, plan: FaultPlan) -> SandboxResponse {
        let parts = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if parts == ["oauth2", "access_token"], request.method == "POST" {
            return accessToken(request)
        }
        guard parts.count >= 3, parts[0] == "api", parts[1] == "v4" else {
            return Problems.notFound("No such endpoint: \(request.method) \(request.path)")
        }
        let caller: Caller
        switch authenticate(request) {
        case .success(let c): caller = c
        case .failure(let answer): return answer.response
        }
        let rest = Array(parts.dropFirst(2))
        switch (request.method, rest.first, rest.count) {
        case ("GET", "widgets", 1): return widgetsPage(request, caller: caller, plan: plan)
        case ("GET", "widgets", 2): return widget(code: rest[1], caller: caller)
        case ("POST", "widgets", 2): return install(code: rest[1], request: request, caller: caller)
        case ("DELETE", "widgets", 2): return uninstall(code: rest[1], caller: caller)
        case ("GET", "users", 1): return usersPage(request, caller: caller, plan: plan)
        case ("GET", "account", 1): return account(caller: caller)
        case ("GET", "leads", 2) where rest[1] == "pipelines": return pipelines()
        default: return Problems.notFound("No such endpoint: \(request.method) \(request.path)")
        }
    }

    /// A response carried as an error, so `Result` can hold it.
    struct Refusal: Error { let response: SandboxResponse }

    /// The caller of a demo, integration or OAuth token; 401 problem+json otherwise.
    func authenticate(_ request: SandboxRequest) -> Result<Caller, Refusal> {
        guard let token = request.bearerToken else {
            return .failure(Refusal(response: Problems.unauthorized("Authorization: Bearer <token> is required")))
        }
        if let t = catalog.tokens[token], let user = catalog.user(id: t.userID) {
            return .success(Caller(userID: user.id, isAdmin: user.isAdmin, clientUUID: t.clientUUID))
        }
        let issued = state.withLockedValue { $0.accessTokens[token] }
        guard let issued, let user = catalog.user(id: issued.userID) else {
            return .failure(Refusal(response: Problems.unauthorized("Неверный логин или пароль")))
        }
        guard ContinuousClock.now < issued.expires else {
            return .failure(Refusal(response: Problems.unauthorized("Access token has expired")))
        }
        return .success(Caller(userID: user.id, isAdmin: user.isAdmin, clientUUID: issued.clientID))
    }

    /// `{base}/api/v4/...`
    func link(_ path: String) -> SandboxJSON { .obj([("href", .string(base + path))]) }
}
