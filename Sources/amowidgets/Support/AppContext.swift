import Foundation
import WidgetManager

/// Where this process keeps its files, from the environment (`AppPaths`: XDG_* or AMOWIDGETS_HOME).
struct AppContext: Sendable {
    /// The process environment (tests pass their own through the child's environment).
    let environment: [String: String]
    let paths: AppPaths

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
        self.paths = AppPaths(environment: environment)
    }

    /// `<config>/config.toml`: profiles.
    var configPath: String { paths.config + "/config.toml" }
    /// `<config>/credentials`: one credential file (0600) per profile, apart from the editable config.
    var credentialsPath: String { SecretsVault(context: self).directory }
    /// `<state>/audit.log`: one JSON line per change made to an account's widgets.
    var auditLogPath: String { paths.auditLog }

    var configFile: ConfigFile { ConfigFile(path: configPath) }
    var auditLog: AuditLog { AuditLog(fileURL: URL(fileURLWithPath: auditLogPath)) }

    /// An environment variable, nil when unset or empty.
    func env(_ name: String) -> String? {
        guard let v = environment[name], !v.isEmpty else { return nil }
        return v
    }
}
