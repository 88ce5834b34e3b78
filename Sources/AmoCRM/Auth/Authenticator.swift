import Foundation

/// Hands out the access token for each request and refreshes OAuth pairs: once per process
/// (single flight: concurrent callers await the same refresh) and once across processes (the
/// store's file lock; after taking it the file is re-read, and the refresh happens only if the
/// token on disk is still the rejected one). The new pair is saved before its token is used.
actor Authenticator {
    /// Sends `POST /oauth2/access_token` with the refresh token and returns the new pair.
    typealias RefreshCall = @Sendable (OAuthApp, _ refreshToken: String) async throws(AmoError) -> TokenPair

    private let credentials: Credentials
    private let refreshCall: RefreshCall
    private let onEvent: (@Sendable (ClientEvent) -> Void)?
    private let expiryWarning: TimeInterval
    private var current: TokenPair?
    private var inFlight: Task<String, any Error>?
    private var warned = false
    /// An OAuth token is refreshed before use once its `expiresAt` has passed; a token that dies
    /// in flight (or a skewed clock) is caught by the 401 path instead. No earlier margin: with
    /// short lifetimes it would refresh on every request.
    static let expiryMargin: TimeInterval = 0

    init(credentials: Credentials, expiryWarning: TimeInterval,
         onEvent: (@Sendable (ClientEvent) -> Void)?, refreshCall: @escaping RefreshCall) {
        self.credentials = credentials
        self.expiryWarning = expiryWarning
        self.onEvent = onEvent
        self.refreshCall = refreshCall
    }

    /// Whether a 401 should trigger a refresh (OAuth only).
    nonisolated var canRefresh: Bool {
        if case .oauth = credentials { true } else { false }
    }

    /// The access token for the next request. For OAuth, loads the pair on first use and refreshes
    /// it first when it has expired. Throws `AmoError.configuration` when no pair is stored.
    func accessToken() async throws(AmoError) -> String {
        switch credentials {
        case .longLivedToken(let token):
            if !warned, let exp = JWT.expiry(of: token), exp.timeIntervalSinceNow < expiryWarning {
                warned = true
                onEvent?(.tokenExpiresSoon(at: exp))
            }
            return token
        case .oauth(_, let store):
            if let inFlight { return try await Self.value(of: inFlight) }
            if current == nil { current = try store.load() }
            guard let pair = current else {
                throw .configuration("No OAuth tokens stored in \(store.path); authorize first")
            }
            if pair.expires(within: Self.expiryMargin) { return try await refresh(rejected: pair.accessToken) }
            return pair.accessToken
        }
    }

    /// The current OAuth access token when a refresh has replaced `token` meanwhile, else `token`.
    /// Never waits and never refreshes.
    func newerToken(than token: String) -> String {
        guard let current, inFlight == nil else { return token }
        return current.accessToken
    }

    /// A fresh access token after `rejected` was refused (401) or found expired. Callers that come
    /// while a refresh runs share it; a caller whose token was already replaced gets the new one.
    func refresh(rejected: String) async throws(AmoError) -> String {
        guard case .oauth(let app, let store) = credentials else {
            throw .configuration("A long-lived token cannot be refreshed")
        }
        if let inFlight { return try await Self.value(of: inFlight) }
        if let current, current.accessToken != rejected { return current.accessToken }
        let task = Task { () async throws -> String in try await self.refreshLocked(app: app, store: store, rejected: rejected) }
        inFlight = task
        defer { inFlight = nil }
        return try await Self.value(of: task)
    }

    /// The refresh under the cross-process lock.
    private func refreshLocked(app: OAuthApp, store: CredentialStore, rejected: String) async throws(AmoError) -> String {
        try await store.withExclusiveLock { () async throws(AmoError) -> String in
            let onDisk = try store.load()
            if let onDisk, onDisk.accessToken != rejected {
                // Another process refreshed while we waited: its pair is the live one.
                current = onDisk
                return onDisk.accessToken
            }
            guard let old = onDisk ?? current else {
                throw .configuration("No OAuth tokens stored in \(store.path); authorize first")
            }
            onEvent?(.refreshingToken)
            let fresh = try await refreshCall(app, old.refreshToken)
            try store.save(fresh)  // before use: the old refresh token is dead now
            current = fresh
            onEvent?(.tokenRefreshed(expiresAt: fresh.expiresAt))
            return fresh.accessToken
        }
    }

    /// Stores a pair obtained by an authorization-code exchange (under the lock) and uses it.
    func adopt(_ pair: TokenPair) async throws(AmoError) {
        guard case .oauth(_, let store) = credentials else { return }
        try await store.withExclusiveLock { () async throws(AmoError) in try store.save(pair) }
        current = pair
    }

    /// The tokens to redact from error texts.
    var secrets: [String] {
        switch credentials {
        case .longLivedToken(let t): [t]
        case .oauth(let app, _): [current?.accessToken, current?.refreshToken, app.clientSecret].compactMap { $0 }
        }
    }

    private static func value(of task: Task<String, any Error>) async throws(AmoError) -> String {
        do { return try await task.value } catch let e as AmoError { throw e } catch { throw .cancelled }
    }
}
