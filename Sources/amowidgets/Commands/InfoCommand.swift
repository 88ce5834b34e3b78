import ArgumentParser
import AmoCRM
import Foundation

/// `amowidgets info`: every path the program reads or writes, and which environment overrides are set.
struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print every path amowidgets uses and the environment overrides in effect.",
        discussion: """
            Examples:
              amowidgets info
              AMOWIDGETS_HOME=/tmp/aw amowidgets info --json

            \(ExitStatus.helpText)
            """
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON: {\"config_file\", \"credentials_dir\", \"audit_log\", \"backups_dir\", \"sent_dir\", \"config_dir\", \"state_dir\", \"data_dir\", \"environment\": {NAME: value}}.")
    var json = false

    func run() async throws {
        let ctx = AppContext()
        let files: [(String, String, String)] = [
            ("config_dir", "Config folder", ctx.paths.config),
            ("config_file", "Profiles", ctx.configPath),
            ("credentials_dir", "Tokens (0600 files)", ctx.credentialsPath),
            ("state_dir", "State folder", ctx.paths.state),
            ("audit_log", "Audit log", ctx.auditLogPath),
            ("data_dir", "Data folder", ctx.paths.data),
            ("backups_dir", "Uninstall backups", ctx.paths.data + "/backups/<host>"),
            ("sent_dir", "Settings sent", ctx.paths.data + "/sent/<host>"),
        ]
        // Overrides are shown by name; AMO_TOKEN's value is a secret and never printed.
        let names = ["AMOWIDGETS_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "AMO_PROFILE", "AMO_BASE_URL", "AMO_TOKEN"]
        var env: [String: String] = [:]
        for n in names { if let v = ctx.env(n) { env[n] = n == "AMO_TOKEN" ? "(set)" : v } }
        if json {
            var obj: [String: JSONValue] = [:]
            for (key, _, path) in files { obj[key] = .string(path) }
            obj["environment"] = .object(env.mapValues { .string($0) })
            try JSONOutput.print(JSONValue.object(obj))
        } else {
            var rows = files.map { ($0.1, $0.2) }
            for n in names where env[n] != nil { rows.append((n, env[n] ?? "")) }
            Console.out(TextTable.keyValues(rows))
        }
    }
}
