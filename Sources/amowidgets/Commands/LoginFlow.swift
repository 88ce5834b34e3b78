import AmoCRM
import Foundation

/// The network half of `login`: get a token (as given, or by exchanging an OAuth code), prove it with
/// `GET /api/v4/account`, and only then keep it.
enum LoginFlow {
    /// A login the account accepted, not yet saved.
    struct Verified: Sendable {
        /// The account as `GET /api/v4/account` describes it.
        var account: Account
        var kind: Profile.AuthKind
        /// What to save: the long-lived token, or the credential file the OAuth exchange filled.
        var secret: Secret
        /// A note for stderr (e.g. the long-lived token expires soon).
        var warning: String?
    }

    enum Secret: Sendable {
        case longLived(String)
        case oauthFile(CredentialStore)
    }

    /// Authenticates and verifies. An OAuth exchange writes its token pair (plus `client_secret`) to a
    /// temporary credential file, removed again when anything fails.
    /// - Throws: `AmoError` (401 -> exit 4), `CLIError`.
    static func verify(baseURL: String, secret: LoginSecret, options: GlobalOptions, vault: SecretsVault) async throws -> Verified {
        switch secret {
        case .longLived(let token):
            let config = try AccountSession.configuration(baseURL: baseURL, credentials: .longLivedToken(token), options: options)
            let account = try await AmoClient.withClient(config) { try await $0.account() }
            var warning: String?
            if let exp = JWT.expiry(of: token) {
                let days = Int(exp.timeIntervalSinceNow / 86400)
                if days < 7 { warning = days < 0 ? "the token expired on \(exp)" : "the token expires in \(days) day(s) (\(exp))" }
            }
            return Verified(account: account, kind: .longLivedToken, secret: .longLived(token), warning: warning)
        case .oauthCode(let clientID, let clientSecret, let redirectURI, let code):
            let store = vault.temporaryStore()
            do {
                let app = OAuthApp(clientID: clientID, clientSecret: clientSecret, redirectURI: redirectURI)
                let config = try AccountSession.configuration(baseURL: baseURL, credentials: .oauth(app, store), options: options)
                let account = try await AmoClient.withClient(config) { client in
                    do {
                        _ = try await client.exchangeAuthorizationCode(code)
                    } catch let error as AmoError where [400, 401, 403].contains(error.status ?? 0) {
                        // A wrong, expired or used code (or client secret) is an authentication failure.
                        throw CLIError.auth("the authorization code was refused: \(error.message)",
                                            hints: ["Codes live 20 minutes and work once: get a new one from the integration's redirect."])
                    }
                    return try await client.account()
                }
                // The refresh needs the secret later; it lives beside the tokens, never in config.toml.
                var doc = try store.loadDocument() ?? [:]
                doc["client_secret"] = .string(clientSecret)
                try store.saveDocument(doc)
                return Verified(account: account, kind: .oauth, secret: .oauthFile(store), warning: nil)
            } catch {
                discard(store)
                throw error
            }
        }
    }

    /// Saves the verified secret as `profile`'s credentials (replacing the old ones).
    static func commit(_ verified: Verified, profile: String, vault: SecretsVault) throws {
        switch verified.secret {
        case .longLived(let token): try vault.saveLongLived(token, profile: profile)
        case .oauthFile(let store): try vault.adopt(store, profile: profile)
        }
    }

    /// Removes what a login left behind when it is not committed.
    static func discard(_ verified: Verified) {
        if case .oauthFile(let store) = verified.secret { discard(store) }
    }

    private static func discard(_ store: CredentialStore) {
        unlink(store.path)
        unlink(store.lockPath)
    }
}
