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

    /// What is saved for a profile: nothing (logged out), a token, or a file that cannot be used.
    enum SecretState: Sendable, Equatable {
        case missing
        case present
        /// `label` for the `profiles` table ("corrupt", "unreadable"), `message` naming the file and why.
        case problem(label: String, message: String)

        /// The TOKEN column of `profiles`: "yes", "no", or the problem's label.
        var label: String {
            switch self {
            case .missing: "no"
            case .present: "yes"
            case .problem(let label, _): label
            }
        }
    }

    /// The state of `profile`'s credential file. Only a missing file is `.missing`; a file that is
    /// unreadable, not a JSON object, or holds no token of the right type is a `.problem`.
    func state(profile: String) -> SecretState {
        let store = store(profile: profile)
        switch store.inspect() {
        case .success(nil): return .missing
        case .failure(let problem):
            let label = if case .unreadable = problem { "unreadable" } else { "corrupt" }
            return .problem(label: label, message: problem.message(path: store.path))
        case .success(let doc?):
            for key in ["long_lived_token", "access_token"] {
                guard let value = doc[key] else { continue }
                guard value.stringValue?.isEmpty == false else {
                    return .problem(label: "corrupt", message: CredentialStore.Problem.corrupt(
                        reason: "`\(key)` is not a non-empty string").message(path: store.path))
                }
                return .present
            }
            return .problem(label: "corrupt", message: CredentialStore.Problem.corrupt(reason: "it holds no token").message(path: store.path))
        }
    }

    /// Whether `profile` has a usable token saved (a damaged file counts as none).
    func hasSecret(profile: String) -> Bool { state(profile: profile) == .present }

    /// The error for a profile whose credential file cannot be used: exit 1, the file and why, and how to replace it.
    static func problemError(_ message: String, profile: String) -> CLIError {
        CLIError(message + " — run `amowidgets login --profile \(profile)` to replace it")
    }

    /// The client credentials of a stored profile.
    /// - Throws: `CLIError.auth` when nothing is stored; `CLIError` (exit 1) naming the file when it
    ///   is unreadable or corrupt.
    func credentials(for profile: Profile) throws -> Credentials {
        let store = store(profile: profile.name)
        switch state(profile: profile.name) {
        case .missing:
            throw CLIError.auth("profile `\(profile.name)` has no saved token (logged out?)", hints: AccountResolver.loginHints)
        case .problem(_, let message):
            throw Self.problemError(message, profile: profile.name)
        case .present:
            break
        }
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
