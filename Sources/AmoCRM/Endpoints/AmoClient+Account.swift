import Foundation

extension AmoClient {
    /// All account users: `GET /api/v4/users?page=N&limit=250`, every page (following `next`).
    /// Admins only. Used to fill `users` / `users_lp` settings with names.
    /// - Throws: `AmoError.forbidden(.scope)` for a non-admin token, `.unauthorized`, ….
    public func users() async throws(AmoError) -> [User] {
        try await collect(User.self, key: "users", firstPath: "/api/v4/users?page=1&limit=\(Self.maxPageSize)")
    }

    /// The account: `GET /api/v4/account` (`id`, `name`, `subdomain`, `current_user_id`).
    /// - Throws: `AmoError.unauthorized`, ….
    public func account() async throws(AmoError) -> Account {
        try await decode(Account.self, send(.GET, "/api/v4/account"))
    }

    /// The leads pipelines: `GET /api/v4/leads/pipelines` (at most 50), to name a lead-source
    /// widget's `pipelineID`.
    /// - Throws: `AmoError.unauthorized`, `.forbidden(.scope)`, ….
    public func pipelines() async throws(AmoError) -> [Pipeline] {
        try await collect(Pipeline.self, key: "pipelines", firstPath: "/api/v4/leads/pipelines")
    }

    /// Every item of a HAL list, following `next` links with the same loop protection as widgets.
    func collect<Item: JSONObjectDecodable & Sendable>(_ type: Item.Type, key: String, firstPath: String) async throws(AmoError) -> [Item] {
        var walker = PageWalker(firstPath: firstPath)
        var items: [Item] = []
        while let path = walker.nextPath {
            walker.willFetch(path)
            let reply = try await send(.GET, path)
            guard let hal = try HALDecoding.list(Item.self, key: key, from: reply.0, endpoint: reply.1, secrets: await auth.secrets) else { break }
            if walker.received(page: hal.page, itemCount: hal.items.count + hal.skipped, nextLink: hal.nextLink) {
                items += hal.items
            }
        }
        return items
    }

    // MARK: OAuth

    /// Exchanges an authorization code for a token pair: `POST /oauth2/access_token` with
    /// `grant_type: authorization_code`. The pair is saved in the credential store (atomically,
    /// under the lock) before it is returned, and the client uses it from then on.
    /// - Throws: `AmoError.configuration` without OAuth credentials; `.unauthorized`/`.badRequest`
    ///   for a wrong or used code; ….
    public func exchangeAuthorizationCode(_ code: String) async throws(AmoError) -> TokenPair {
        guard case .oauth(let app, _) = configuration.credentials else {
            throw .configuration("Authorization codes need OAuth credentials (client id, secret, redirect URI)")
        }
        let pair = try await OAuthCalls.tokenRequest(
            transport: transport, baseURL: configuration.baseURL,
            headers: Self.baseHeaders(version: configuration.version),
            body: OAuthCalls.codeBody(app: app, code: code), secrets: [code, app.clientSecret])
        try await auth.adopt(pair)
        return pair
    }

    /// Refreshes the OAuth pair now (single flight, file-locked; see `Credentials.oauth`) and
    /// returns the stored pair. `POST /oauth2/access_token` with `grant_type: refresh_token`.
    /// - Throws: `AmoError.unauthorized` with `isRevokedToken` when the refresh token was used
    ///   already; `.configuration` without OAuth credentials or stored tokens.
    public func refreshTokens() async throws(AmoError) -> TokenPair {
        guard case .oauth(_, let store) = configuration.credentials else {
            throw .configuration("A long-lived token cannot be refreshed")
        }
        let current = try await auth.accessToken()
        _ = try await auth.refresh(rejected: current)
        guard let pair = try store.load() else { throw .configuration("No OAuth tokens stored in \(store.path)") }
        return pair
    }
}
