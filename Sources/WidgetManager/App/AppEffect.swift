import AmoCRM

/// Work `update` asks for; `WidgetEffects` performs it and answers with an `AppMessage`.
/// Every request carries the id `update` gave it; answers whose id is no longer wanted are dropped.
public enum AppEffect: ProgramEffect, Hashable {
    /// `GET /api/v4/account`.
    case loadAccount(id: Int)
    /// `GET /api/v4/widgets?page=&limit=`; a reload supersedes the running catalogue load.
    case loadPage(id: Int, page: Int, limit: Int)
    /// After `delay` (the selection must rest), `GET /api/v4/widgets/{code}` plus this program's local
    /// records for it (last sent settings, last uninstall backup). Superseded when the selection moves.
    case loadDetail(id: Int, code: String, host: String, delay: Duration)
    /// This program's local records for `code` only (before opening a form when no detail is loaded).
    case loadLocal(id: Int, code: String, host: String)
    /// `POST /api/v4/widgets/{code}` with `settings`; on success the settings are recorded locally.
    /// `reconfigure` says whether the widget was installed already (for the audit log).
    case install(id: Int, code: String, host: String, settings: [String: JSONValue], reconfigure: Bool)
    /// Saves `backup` (the known settings the uninstall question named; nil: none known, no backup) to
    /// the backups folder, then — only if that worked — `DELETE /api/v4/widgets/{code}`.
    case uninstall(id: Int, code: String, host: String, backup: [String: JSONValue]?)
    /// `GET /api/v4/users` (all pages).
    case loadUsers(id: Int)
    /// `GET /api/v4/leads/pipelines`.
    case loadPipelines(id: Int)
    /// Sleeps `after`, then answers `.tick` with the client's current activity (spinner, rate-limit wait).
    /// Ticks carry an id so a superseded tick's late answer cannot start a second chain.
    case tick(id: Int, after: Duration)
    /// Cancels the running task with this `supersedes` key (starts nothing).
    case cancel(key: String)

    public var supersedes: String? {
        switch self {
        case .loadPage: "catalog"
        case .loadDetail: "detail"
        case .tick: "tick"
        case .loadLocal: "local"
        default: nil
        }
    }

    public var cancels: String? {
        if case .cancel(let key) = self { return key }
        return nil
    }
}

/// A finished effect's result, fed to `WidgetApp.receive`.
public enum AppMessage: Sendable {
    case account(id: Int, Result<Account, AmoError>)
    /// A list page: nil widgets page means 204 (past the end).
    case page(id: Int, page: Int, Result<WidgetPage?, AmoError>)
    case detail(id: Int, code: String, Result<Widget, AmoError>, local: LocalRecords)
    case local(id: Int, code: String, LocalRecords)
    /// `record` is what was recorded locally as sent (at `recordPath`); `recordError` says why that failed.
    case installed(id: Int, code: String, Result<Widget, AmoError>, record: SettingsRecord?, recordPath: String?, recordError: String?)
    case uninstalled(id: Int, code: String, UninstallOutcome)
    case users(id: Int, Result<[User], AmoError>)
    case pipelines(id: Int, Result<[Pipeline], AmoError>)
    case tick(id: Int, ClientActivity.Snapshot)
    /// The answer of an effect that has nothing to say (a `.cancel`); `update` ignores it.
    case ignored
}

/// What this program keeps on disk about one widget (see `SettingsStore`).
public struct LocalRecords: Hashable, Sendable {
    /// The newest settings this program sent for it, and the file.
    public var sent: SettingsRecord?
    /// The file of `sent`.
    public var sentPath: String?
    /// The newest uninstall backup, and the file.
    public var backup: SettingsRecord?
    /// The file of `backup`.
    public var backupPath: String?
    public init(sent: SettingsRecord? = nil, sentPath: String? = nil, backup: SettingsRecord? = nil, backupPath: String? = nil) {
        self.sent = sent; self.sentPath = sentPath; self.backup = backup; self.backupPath = backupPath
    }
}

/// How an uninstall went.
public enum UninstallOutcome: Sendable {
    /// Deleted; `backupPath` is the backup written first (nil when no settings were known);
    /// `auditError` says why its audit line could not be written.
    case done(backupPath: String?, auditError: String? = nil)
    /// The backup could not be written, so nothing was deleted.
    case backupFailed(String)
    /// The backup was written (path), then the DELETE failed.
    case failed(AmoError, backupPath: String?)
}
