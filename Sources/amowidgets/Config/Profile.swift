import AmoCRM

/// One saved account connection (a `[profiles.NAME]` table of `config.toml`). Holds no secret: the
/// token of a profile lives in the secrets file, under the profile's name.
struct Profile: Sendable, Hashable {
    /// How the profile authenticates.
    enum AuthKind: String, Sendable, Hashable, CaseIterable {
        /// A long-lived token of a private integration (no refresh; a JWT with `exp`).
        case longLivedToken = "long-lived-token"
        /// OAuth 2.0: an access token (about 24 h) renewed with a single-use refresh token.
        case oauth
    }

    /// The profile's name (by default the account's subdomain).
    var name: String
    /// The account's base URL, e.g. `https://example.amocrm.ru` (no trailing slash).
    var baseURL: String
    var auth: AuthKind
    /// The OAuth integration id (not a secret); nil for long-lived tokens.
    var clientID: String?
    /// The OAuth redirect URI registered with the integration; nil for long-lived tokens.
    var redirectURI: String?
    /// The account's subdomain as `GET /api/v4/account` reported it at login.
    var subdomain: String?

    /// The host (and port, when not the default) of `baseURL`, e.g. `example.amocrm.ru`.
    var host: String { Self.hostLabel(of: baseURL) }

    /// `host[:port]` of a base URL (the text itself when it does not parse).
    static func hostLabel(of baseURL: String) -> String {
        guard let b = try? BaseURL(parsing: baseURL) else { return baseURL }
        let host = b.host.contains(":") ? "[\(b.host)]" : b.host
        return b.port.map { "\(host):\($0)" } ?? host
    }
}

/// The whole configuration file: the profiles and which one is current.
struct Configuration: Sendable, Hashable {
    /// The profile used when neither `--profile` nor `AMO_PROFILE` names one.
    var currentProfile: String?
    /// Profiles by name.
    var profiles: [String: Profile] = [:]

    /// Profiles sorted by name.
    var sortedProfiles: [Profile] { profiles.values.sorted { $0.name < $1.name } }
}
