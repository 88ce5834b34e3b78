import AmoCRM
import Foundation

/// Opens an `AmoClient` on a resolved account for the length of one command, and reports the
/// client's waits (rate limit, busy server, token refresh) on stderr so a slow command explains itself.
enum AccountSession {
    /// Runs `body` with a client for `account`; the client is shut down afterwards, whatever happens.
    /// A 401 on a token from `AMO_TOKEN` becomes `CLIError.auth` saying so (exit 4): logging in would
    /// not help while the variable is set, since it wins over the profile.
    static func with<T: Sendable>(_ account: ResolvedAccount, options: GlobalOptions,
                                  _ body: (AmoClient) async throws -> T) async throws -> T {
        let credentials: Credentials
        switch account.credential {
        case .environmentToken(let token):
            credentials = .longLivedToken(token)
            do {
                return try await AmoClient.withClient(try configuration(baseURL: account.baseURL, credentials: credentials, options: options), body)
            } catch let error as AmoError {
                guard case .unauthorized = error else { throw error }
                throw CLIError.auth("the token from AMO_TOKEN was rejected: \(error.message)",
                                    hints: ["Set a valid token in AMO_TOKEN, or unset it to use the profile's saved token."])
            }
        case .stored(let profile):
            credentials = try SecretsVault(context: AppContext()).credentials(for: profile)
        }
        return try await AmoClient.withClient(try configuration(baseURL: account.baseURL, credentials: credentials, options: options), body)
    }

    /// A client configuration for `baseURL` (checked: https, or http on loopback) with stderr progress.
    static func configuration(baseURL: String, credentials: Credentials, options: GlobalOptions) throws -> AmoClientConfiguration {
        var config = AmoClientConfiguration(baseURL: try parse(baseURL), credentials: credentials)
        config.logger = options.logger(label: "amowidgets.client")
        config.onEvent = { event in
            switch event {
            case .waiting(let seconds, let reason, let endpoint, let attempt, let max):
                let wait = (seconds * 10).rounded() / 10
                Console.message("waiting \(wait)s: \(reason) on \(endpoint) (retry \(attempt) of \(max))")
            case .tokenExpiresSoon(let date):
                Console.message("warning: the token expires \(ISO8601DateFormatter().string(from: date)); create a new one and log in again")
            case .refreshingToken, .tokenRefreshed:
                break
            }
        }
        return config
    }

    /// `text` as a client `BaseURL`, or a usage error (exit 2) saying why it cannot be used.
    static func parse(_ text: String) throws -> BaseURL {
        do { return try BaseURL(parsing: text) } catch { throw CLIError.usage(error.message) }
    }
}
