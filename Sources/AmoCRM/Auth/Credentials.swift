/// How an `AmoClient` authorizes its requests (`Authorization: Bearer <access token>`).
public enum Credentials: Sendable {
    /// A long-lived token of a private integration (or a sandbox demo token): sent as is, never
    /// refreshed. When it is a JWT, its `exp` is read (not verified) to warn before it dies.
    case longLivedToken(String)
    /// OAuth 2.0: the token pair lives in `store` (a JSON file, mode 0600) and is refreshed with
    /// `app` through `POST /oauth2/access_token`, once for all callers and processes.
    case oauth(OAuthApp, CredentialStore)
}

/// The OAuth 2.0 integration: what `POST /oauth2/access_token` needs besides the code or token.
public struct OAuthApp: Sendable, Hashable, CustomStringConvertible {
    /// Integration id (`client_id`).
    public var clientID: String
    /// Integration secret (`client_secret`); never printed.
    public var clientSecret: String
    /// The redirect URI registered for the integration (`redirect_uri`).
    public var redirectURI: String

    /// An integration.
    public init(clientID: String, clientSecret: String, redirectURI: String) {
        self.clientID = clientID; self.clientSecret = clientSecret; self.redirectURI = redirectURI
    }

    /// Shows the client id and redirect URI; the secret is redacted.
    public var description: String {
        "OAuthApp(clientID: \(clientID), clientSecret: \(Redactor.placeholder), redirectURI: \(redirectURI))"
    }
}
