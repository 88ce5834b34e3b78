/// Where amowidgets keeps its files: configuration, state (logs) and data (settings backups).
///
/// Follows the XDG base directory spec: `$XDG_CONFIG_HOME/amowidgets`, `$XDG_STATE_HOME/amowidgets`,
/// `$XDG_DATA_HOME/amowidgets`, falling back to `~/.config`, `~/.local/state`, `~/.local/share`.
/// `AMOWIDGETS_HOME` overrides all three with `$AMOWIDGETS_HOME/config`, `/state` and `/data`
/// (tests and portable installs use it). Nothing is created here; writers create what they need.
public struct AppPaths: Hashable, Sendable {
    /// Profiles and secrets (`config.toml`, the secrets file).
    public var config: String
    /// Logs and other state that may be deleted.
    public var state: String
    /// Data worth keeping: settings backups and records of what was sent.
    public var data: String

    /// Paths given explicitly (absolute directories).
    public init(config: String, state: String, data: String) {
        self.config = config
        self.state = state
        self.data = data
    }

    /// Paths from an environment (normally `ProcessInfo.processInfo.environment`).
    /// Relative XDG values are ignored, as the spec requires.
    public init(environment env: [String: String]) {
        if let home = env["AMOWIDGETS_HOME"], !home.isEmpty {
            self.init(config: home + "/config", state: home + "/state", data: home + "/data")
            return
        }
        let userHome = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        func xdg(_ name: String, _ fallback: String) -> String {
            if let v = env[name], v.hasPrefix("/") { return v + "/amowidgets" }
            return userHome + "/" + fallback + "/amowidgets"
        }
        self.init(config: xdg("XDG_CONFIG_HOME", ".config"),
                  state: xdg("XDG_STATE_HOME", ".local/state"),
                  data: xdg("XDG_DATA_HOME", ".local/share"))
    }

    /// Folder of uninstall backups for one account host: `<data>/backups/<host>`.
    public func backupsDirectory(host: String) -> String { data + "/backups/" + Self.safeName(host) }
    /// Folder of records of settings this program sent (install, reconfigure): `<data>/sent/<host>`.
    public func sentDirectory(host: String) -> String { data + "/sent/" + Self.safeName(host) }

    /// The audit log of changes made to widgets (`<state>/audit.log`, see `AuditLog`).
    public var auditLog: String { state + "/audit.log" }

    /// `name` made safe as one path component: anything but letters, digits, `.`, `-`, `_` becomes `_`,
    /// and a name of only dots becomes `_` (so `..` can never climb out).
    public static func safeName(_ name: String) -> String {
        let mapped = String(name.map { c -> Character in
            c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "-" || c == "_") ? c : "_"
        })
        if mapped.isEmpty || mapped.allSatisfy({ $0 == "." }) { return "_" }
        return mapped
    }
}
