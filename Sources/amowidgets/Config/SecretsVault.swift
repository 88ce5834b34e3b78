import AmoCRM
import Foundation
import WidgetManager

/// The tokens of the profiles: one credential file per profile, `<config>/credentials/<profile>.json`,
/// kept by the client's `CredentialStore` (mode 0600, atomic writes, a `flock` for OAuth refreshes).
///
/// File members: OAuth profiles hold the store's token pair (`access_token`, `refresh_token`,
/// `token_type`, `expires_at`) plus `client_secret` (needed to refresh); long-lived-token profiles
/// hold `long_lived_token`. Nothing here is ever printed.
struct SecretsVault: Sendable {
    let context: AppContext

    /// The folder of the credential files.
    var directory: String { context.paths.config + "/credentials" }

    /// The credential store of `profile`.
    func store(profile: String) -> CredentialStore {
        CredentialStore(path: directory + "/" + AppPaths.safeName(profile) + ".json")
    }

    /// Whether `profile` has a usable token saved (a damaged file counts as none).
    func hasSecret(profile: String) -> Bool {
        guard let doc = try? store(profile: profile).loadDocument() else { return false }
        return doc["long_lived_token"]?.stringValue != nil || doc["access_token"]?.stringValue != nil
    }

    /// The client credentials of a stored profile.
    /// - Throws: `CLIError.auth` when nothing usable is stored; `AmoError.configuration` for an unreadable file.
    func credentials(for profile: Profile) throws -> Credentials {
        let store = store(profile: profile.name)
        guard let doc = try store.loadDocument() else {
            throw CLIError.auth("profile `\(profile.name)` has no saved token (logged out?)", hints: AccountResolver.loginHints)
        }
        switch profile.auth {
        case .longLivedToken:
            guard let token = doc["long_lived_token"]?.stringValue, !token.isEmpty else {
                throw CLIError.auth("the credential file of `\(profile.name)` holds no long-lived token", hints: AccountResolver.loginHints)
            }
            return .longLivedToken(token)
        case .oauth:
            guard let id = profile.clientID, let redirect = profile.redirectURI,
                  let secret = doc["client_secret"]?.stringValue, doc["refresh_token"] != nil else {
                throw CLIError.auth("the OAuth profile `\(profile.name)` is incomplete (client id, redirect URI, secret or tokens missing)",
                                    hints: AccountResolver.loginHints)
            }
            return .oauth(OAuthApp(clientID: id, clientSecret: secret, redirectURI: redirect), store)
        }
    }

    /// Saves a long-lived token for `profile`, replacing whatever was there.
    func saveLongLived(_ token: String, profile: String) throws {
        try store(profile: profile).saveDocument(["long_lived_token": .string(token)])
    }

    /// Moves a credential file written during login (`temporary`) to `profile`'s place, atomically.
    func adopt(_ temporary: CredentialStore, profile: String) throws {
        let target = store(profile: profile).path
        guard rename(temporary.path, target) == 0 else {
            throw CLIError("cannot save the credentials to \(target): \(String(cString: strerror(errno)))")
        }
        unlink(temporary.lockPath)
    }

    /// A fresh credential file for a login in progress (`credentials/.login-<pid>-<random>.json`).
    func temporaryStore() -> CredentialStore {
        CredentialStore(path: directory + "/.login-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).json")
    }

    /// Deletes `profile`'s credential file (and its lock file). Returns whether there was one.
    @discardableResult
    func remove(profile: String) throws -> Bool {
        let s = store(profile: profile)
        unlink(s.lockPath)
        if unlink(s.path) == 0 { return true }
        if errno == ENOENT { return false }
        throw CLIError("cannot delete \(s.path): \(String(cString: strerror(errno)))")
    }
}
