import AmoCRM
import Foundation

/// The account a command talks to, after applying flags > environment > config.
struct ResolvedAccount: Sendable {
    /// Where the token comes from.
    enum Credential: Sendable {
        /// `AMO_TOKEN` (never stored).
        case environmentToken(String)
        /// The profile's credential file (long-lived token or OAuth pair).
        case stored(Profile)
    }

    /// The profile's name, nil when everything came from the environment.
    var profileName: String?
    /// The account's base URL (`https://example.amocrm.ru`).
    var baseURL: String
    var credential: Credential
    /// `host[:port]` of `baseURL`, for messages and the audit log.
    var host: String { Profile.hostLabel(of: baseURL) }
}

/// Resolves `ResolvedAccount` from `GlobalOptions`, the environment and `config.toml`:
///
/// - profile name: `--profile`, then `AMO_PROFILE`, then `current_profile`;
/// - base URL: `--base-url`, then `AMO_BASE_URL`, then the profile's `base_url`;
/// - token: `AMO_TOKEN`, then the profile's saved token.
///
/// Errors: `CLIError.auth` (exit 4) when no account is configured or the profile has no token,
/// `CLIError` (exit 1) when its credential file is unreadable or corrupt,
/// `CLIError.usage` (exit 2) for an unusable URL, `ConfigFileError` for a corrupt config.
struct AccountResolver {
    let options: GlobalOptions
    var context = AppContext()

    func resolve() throws -> ResolvedAccount {
        let envToken = context.env("AMO_TOKEN")
        let explicitName = options.profile ?? context.env("AMO_PROFILE")
        let explicitURL = options.baseURL ?? context.env("AMO_BASE_URL")
        // Everything from flags/environment: the config is not needed (and a broken one is no obstacle).
        if let envToken, let url = explicitURL, explicitName == nil {
            return ResolvedAccount(profileName: nil, baseURL: try Self.checked(url), credential: .environmentToken(envToken))
        }
        let config = try context.configFile.load()
        let name = explicitName ?? config.currentProfile
        var profile: Profile?
        if let name {
            profile = config.profiles[name]
            if profile == nil {
                throw CLIError.auth("no profile named `\(name)`", hints: ProfilesCommand.known(config) + Self.loginHints)
            }
        }
        guard let url = explicitURL ?? profile?.baseURL else {
            if envToken != nil {
                throw CLIError.auth("AMO_TOKEN is set but no account URL: set AMO_BASE_URL or pass --base-url")
            }
            throw CLIError.auth("no account configured", hints: Self.loginHints)
        }
        let baseURL = try Self.checked(url)
        if let envToken { return ResolvedAccount(profileName: profile?.name, baseURL: baseURL, credential: .environmentToken(envToken)) }
        guard let profile else { throw CLIError.auth("no token for \(url): set AMO_TOKEN or log in", hints: Self.loginHints) }
        switch SecretsVault(context: context).state(profile: profile.name) {
        case .present: break
        case .missing: throw CLIError.auth("profile `\(profile.name)` has no saved token (logged out?)", hints: Self.loginHints)
        case .problem(_, let message): throw SecretsVault.problemError(message, profile: profile.name)
        }
        return ResolvedAccount(profileName: profile.name, baseURL: baseURL, credential: .stored(profile))
    }

    /// `url` normalized (`scheme://host[:port]`), or a usage error saying why it cannot be used
    /// (plain http to a non-loopback host, a path, an unknown scheme; see the client's `BaseURL`).
    static func checked(_ url: String) throws -> String {
        try AccountSession.parse(url).description
    }

    /// How to get going: log in to a real account, or try the sandbox.
    static let loginHints = [
        "Log in with a long-lived token:  amowidgets login --subdomain example --token-stdin < token.txt",
        "or with an OAuth code:           amowidgets login --subdomain example --client-id ID --client-secret-file secret.txt --redirect-uri URL --code CODE",
        "Or try the sandbox account:      amowidgets --sandbox",
    ]
}
