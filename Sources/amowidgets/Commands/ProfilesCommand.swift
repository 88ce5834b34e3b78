import AmoCRM
import ArgumentParser
import Foundation

/// `amowidgets profiles`: the saved profiles (no secrets), the current one marked.
struct ProfilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles",
        abstract: "List the saved profiles (never their tokens); --use NAME makes one current.",
        discussion: """
            Examples:
              amowidgets profiles
              amowidgets profiles --use work
              amowidgets profiles --json

            \(ExitStatus.helpText)
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Make this profile the current one (saved in config.toml).", valueName: "name"))
    var use: String?
    @Flag(help: "Print JSON: {\"current\": name|null, \"profiles\": [{name, base_url, host, auth, subdomain, client_id, current, has_token, token: yes|no|corrupt|unreadable}]}.")
    var json = false

    func run() async throws {
        let ctx = AppContext()
        var config = try ctx.configFile.load()
        if let use {
            guard config.profiles[use] != nil else {
                throw CLIError.usage("no profile named `\(use)`", hints: Self.known(config))
            }
            config.currentProfile = use
            try ctx.configFile.save(config)
            Console.message("The current profile is now `\(use)`.")
        }
        let current = config.currentProfile
        let vault = SecretsVault(context: ctx)
        if json {
            let list: [JSONValue] = config.sortedProfiles.map { p in
                .object([
                    "name": .string(p.name), "base_url": .string(p.baseURL), "host": .string(p.host),
                    "auth": .string(p.auth.rawValue), "subdomain": p.subdomain.map(JSONValue.string) ?? .null,
                    "client_id": p.clientID.map(JSONValue.string) ?? .null,
                    "current": .bool(p.name == current), "has_token": .bool(vault.hasSecret(profile: p.name)),
                    "token": .string(vault.state(profile: p.name).label),
                ])
            }
            try JSONOutput.print(JSONValue.object(["current": current.map(JSONValue.string) ?? .null, "profiles": .array(list)]))
            return
        }
        if config.profiles.isEmpty {
            Console.message("No profiles yet. Log in: amowidgets login --help")
            return
        }
        let rows = config.sortedProfiles.map { p in
            [p.name == current ? "*" : " ", p.name, p.baseURL, p.auth.rawValue, vault.state(profile: p.name).label]
        }
        Console.out(TextTable.render(header: [" ", "NAME", "URL", "AUTH", "TOKEN"], rows: rows))
        for p in config.sortedProfiles {
            if case .problem(_, let message) = vault.state(profile: p.name) {
                Console.message("warning: " + SecretsVault.problemError(message, profile: p.name).message)
            }
        }
    }

    /// A hint naming the profiles that exist.
    static func known(_ config: Configuration) -> [String] {
        config.profiles.isEmpty
            ? ["There are no profiles yet: amowidgets login --help"]
            : ["Profiles: " + config.sortedProfiles.map(\.name).joined(separator: ", ")]
    }
}
