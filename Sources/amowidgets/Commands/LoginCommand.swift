import AmoCRM
import ArgumentParser
import Foundation
import WidgetManager

/// `amowidgets login`: connects a real account and saves it as a profile.
///
/// Flow: base URL from `--subdomain`/`--domain` or `--base-url`; a token from `--token-stdin`
/// (long-lived) or an OAuth code exchange (`POST /oauth2/access_token`); verification with
/// `GET /api/v4/account`; then the profile goes to `config.toml` and the token to the secrets file.
/// Nothing is saved unless the account answered.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Connect an account with a long-lived token or an OAuth code and save it as a profile.",
        discussion: """
            The profile is named after the account's subdomain unless --profile NAME \
            is given, and becomes the current profile. Tokens go to a separate file \
            with mode 0600, never to config.toml.

            Long-lived token (Settings > Integrations > your private integration):
              amowidgets login --subdomain example --token-stdin < token.txt
              pass show amo/acme | \\
                amowidgets login --subdomain acme --domain kommo.com --token-stdin

            OAuth authorization code (valid 20 minutes, single use):
              amowidgets login --subdomain example --client-id 0a1b… \\
                --client-secret-file secret.txt \\
                --redirect-uri https://example.com/oauth --code def502…

            The sandbox, or any endpoint by URL (http:// only on loopback):
              amowidgets login --base-url http://127.0.0.1:8080 --token-stdin \\
                <<< sandbox-admin-token

            \(ExitStatus.helpText)
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The account's subdomain (example for example.amocrm.ru).", valueName: "subdomain"))
    var subdomain: String?
    @Option(help: ArgumentHelp("The account's domain: amocrm.ru, amocrm.com or kommo.com.", valueName: "domain"))
    var domain: String = "amocrm.ru"
    @Flag(name: .customLong("token-stdin"), help: "Read a long-lived token from stdin (asked without echo on a terminal).")
    var tokenStdin = false
    @Option(name: .customLong("client-id"), help: ArgumentHelp("OAuth: the integration id.", valueName: "id"))
    var clientID: String?
    @Option(name: .customLong("client-secret-file"), help: ArgumentHelp("OAuth: a file holding the integration's secret; - reads stdin.", valueName: "file"))
    var clientSecretFile: String?
    @Option(name: .customLong("redirect-uri"), help: ArgumentHelp("OAuth: the integration's redirect URI.", valueName: "uri"))
    var redirectURI: String?
    @Option(help: ArgumentHelp("OAuth: the authorization code from the redirect.", valueName: "code"))
    var code: String?
    @Flag(help: "Print JSON: {\"profile\", \"base_url\", \"auth\", \"account\": {\"id\", \"name\", \"subdomain\"}, \"current\": true}.")
    var json = false

    func validate() throws {
        let oauthParts = [clientID, clientSecretFile, redirectURI, code]
        let oauth = oauthParts.contains { $0 != nil }
        if let name = global.profile, !ProfileName.isValid(name) {
            throw ValidationError("`\(name)` cannot name a profile: use letters, digits, . _ -")
        }
        if subdomain != nil && global.baseURL != nil { throw ValidationError("give --subdomain or --base-url, not both") }
        if subdomain == nil && global.baseURL == nil { throw ValidationError("which account? give --subdomain NAME (and --domain) or --base-url URL") }
        if !BaseURL.serviceDomains.contains(domain) { throw ValidationError("--domain must be one of \(BaseURL.serviceDomains.joined(separator: ", "))") }
        if tokenStdin && oauth { throw ValidationError("--token-stdin and the OAuth options exclude each other") }
        if !tokenStdin && !oauth { throw ValidationError("give --token-stdin (long-lived token) or the OAuth options --client-id, --client-secret-file, --redirect-uri, --code") }
        if oauth && oauthParts.contains(where: { $0 == nil }) {
            throw ValidationError("OAuth needs all of --client-id, --client-secret-file, --redirect-uri and --code")
        }
    }

    func run() async throws {
        let ctx = AppContext()
        // Read the config first: a corrupt file stops the login before any request (and is never overwritten).
        var config = try ctx.configFile.load()
        let baseURL: String
        if let subdomain {
            do { baseURL = try BaseURL(subdomain: subdomain, domain: domain).description } catch { throw CLIError.usage(error.message) }
        } else {
            baseURL = try AccountResolver.checked(global.baseURL ?? "")
        }
        let secret: LoginSecret
        if tokenStdin {
            secret = .longLived(try readToken())
        } else {
            secret = .oauthCode(clientID: clientID ?? "", clientSecret: try readClientSecret(),
                                redirectURI: redirectURI ?? "", code: code ?? "")
        }
        let vault = SecretsVault(context: ctx)
        let verified = try await LoginFlow.verify(baseURL: baseURL, secret: secret, options: global, vault: vault)
        let name = global.profile ?? subdomain?.lowercased() ?? verified.account.subdomain
        guard ProfileName.isValid(name) else {
            LoginFlow.discard(verified)
            throw CLIError.usage("`\(name)` cannot name a profile (letters, digits, . _ -); pass --profile NAME")
        }
        let profile = Profile(name: name, baseURL: baseURL, auth: verified.kind,
                              clientID: tokenStdin ? nil : clientID, redirectURI: tokenStdin ? nil : redirectURI,
                              subdomain: verified.account.subdomain)
        do { try LoginFlow.commit(verified, profile: name, vault: vault) } catch {
            LoginFlow.discard(verified)
            throw error
        }
        config.profiles[name] = profile
        config.currentProfile = name
        try ctx.configFile.save(config)
        Console.message("Logged in to \(profile.host) (account “\(TextSanitizer.clean(verified.account.name))”) as profile `\(name)`, now current.")
        if let warning = verified.warning { Console.message("warning: \(warning)") }
        if json {
            try JSONOutput.print(JSONValue.object([
                "profile": .string(name), "base_url": .string(baseURL), "auth": .string(verified.kind.rawValue), "current": .bool(true),
                "account": .object(["id": .integer(Int64(verified.account.id)), "name": .string(verified.account.name),
                                    "subdomain": .string(verified.account.subdomain)]),
            ]))
        }
    }

    private func readToken() throws -> String {
        let raw = Console.stdinIsTerminal ? try Console.ask("Long-lived token (hidden): ", secret: true)
                                          : try Console.readAllStdin(what: "the token")
        let token = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw CLIError.usage("--token-stdin: stdin was empty") }
        guard !token.contains(where: { $0.isWhitespace }) else { throw CLIError.usage("--token-stdin: expected one token, got several words") }
        return token
    }

    private func readClientSecret() throws -> String {
        let path = clientSecretFile ?? "-"
        let raw: String
        if path == "-" {
            raw = Console.stdinIsTerminal ? try Console.ask("Client secret (hidden): ", secret: true)
                                          : try Console.readAllStdin(what: "the client secret")
        } else {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw CLIError.usage("cannot read the client secret file \(path)")
            }
            raw = text
        }
        let secret = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty else { throw CLIError.usage("the client secret is empty") }
        return secret
    }
}

/// What `login` was given to authenticate with.
enum LoginSecret: Sendable {
    case longLived(String)
    case oauthCode(clientID: String, clientSecret: String, redirectURI: String, code: String)
}

/// Profile names: they are TOML keys and file names, so they stay simple.
enum ProfileName {
    static func isValid(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 64 && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) } && s.first != "."
    }
}
