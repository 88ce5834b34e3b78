import ArgumentParser
import Foundation

/// `amowidgets logout`: removes a profile's saved token (and with --forget the profile itself).
struct LogoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout",
        abstract: "Remove the saved token of a profile (the current one unless --profile); --forget also removes the profile.",
        discussion: """
            The token is deleted from this machine only; revoke it in amoCRM to \
            make it useless.

            Examples:
              amowidgets logout
              amowidgets logout --profile work --forget

            \(ExitStatus.helpText)
            """
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Also remove the profile from config.toml.") var forget = false

    func run() async throws {
        let ctx = AppContext()
        var config = try ctx.configFile.load()
        guard let name = global.profile ?? ctx.env("AMO_PROFILE") ?? config.currentProfile else {
            throw CLIError.usage("no profile to log out of", hints: ProfilesCommand.known(config))
        }
        guard config.profiles[name] != nil else {
            throw CLIError.usage("no profile named `\(name)`", hints: ProfilesCommand.known(config))
        }
        let hadToken = try SecretsVault(context: ctx).remove(profile: name)
        Console.message(hadToken ? "Removed the token of profile `\(name)`." : "Profile `\(name)` had no saved token.")
        if forget {
            config.profiles[name] = nil
            if config.currentProfile == name { config.currentProfile = nil }
            try ctx.configFile.save(config)
            Console.message("Removed profile `\(name)`.")
        }
    }
}
