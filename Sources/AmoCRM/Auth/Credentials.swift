import Foundation

/// How an `AmoClient` authorizes its requests (`Authorization: Bearer <access token>`).
/// Its descriptions and mirror never show a token or secret.
public enum Credentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A long-lived token of a private integration (or a sandbox demo token): sent as is, never
    /// refreshed. When it is a JWT, its `exp` is read (not verified) to warn before it dies.
    case longLivedToken(String)
    /// OAuth 2.0: the token pair lives in `store` (a JSON file, mode 0600) and is refreshed with
    /// `app` through `POST /oauth2/access_token`, once for all callers and processes.
    case oauth(OAuthApp, CredentialStore)

    /// "longLivedToken(<redacted>)" or "oauth(OAuthApp(…), store: PATH)".
    public var description: String {
        switch self {
        case .longLivedToken: "longLivedToken(\(Redactor.placeholder))"
        case .oauth(let app, let store): "oauth(\(app), store: \(store.path))"
        }
    }

    public var debugDescription: String { description }

    /// Hides the token from `dump` and from the default description of structs holding this value.
    public var customMirror: Mirror { Mirror(self, children: ["credentials": description]) }
}

/// The OAuth 2.0 integration: what `POST /oauth2/access_token` needs besides the code or token.
public struct OAuthApp: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
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

    /// The page where an account admin grants this integration access and is sent back to
    /// `redirectURI` with `?code=…&state=…`: `https://www.amocrm.ru/oauth?client_id=…&state=…&mode=post_message`
    /// (`www.kommo.com` / `www.amocrm.com` for those services). `state` comes back unchanged: check it.
    public func authorizationURL(state: String, serviceDomain: String = "amocrm.ru") -> String {
        var c = URLComponents()
        c.scheme = "https"
        c.host = "www.\(serviceDomain)"
        c.path = "/oauth"
        c.queryItems = [.init(name: "client_id", value: clientID), .init(name: "state", value: state),
                        .init(name: "mode", value: "post_message")]
        return c.string ?? "https://www.\(serviceDomain)/oauth"
    }

    /// Shows the client id and redirect URI; the secret is redacted.
    public var description: String {
        "OAuthApp(clientID: \(clientID), clientSecret: \(Redactor.placeholder), redirectURI: \(redirectURI))"
    }

    public var debugDescription: String { description }

    /// Hides the secret from `dump`.
    public var customMirror: Mirror {
        Mirror(self, children: ["clientID": clientID, "clientSecret": Redactor.placeholder, "redirectURI": redirectURI])
    }
}
