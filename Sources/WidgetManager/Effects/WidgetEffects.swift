import AmoCRM
import Foundation

/// Performs the core's effects against an `AmoClient` and this program's files; runs off the UI thread.
///
/// ```swift
/// let activity = ClientActivity()
/// var configuration = AmoClientConfiguration(baseURL: base, credentials: credentials)
/// configuration.onEvent = activity.record            // rate-limit waits reach the status line
/// let performer = WidgetEffects(client: AmoClient(configuration: configuration),
///                               paths: AppPaths(environment: ProcessInfo.processInfo.environment),
///                               activity: activity, profile: "work")
/// ```
/// Every answer is an `AppMessage` carrying the effect's request id. A cancelled task still answers
/// (with `AmoError.cancelled`), and `update` drops it. Files: settings records and backups through
/// `SettingsStore`, one `AuditLog` line per install, reconfigure and uninstall.
public struct WidgetEffects: EffectPerformer {
    /// The API client every request goes through.
    public let client: AmoClient
    /// Sent records and uninstall backups.
    public let store: SettingsStore
    /// The client's waits, read by spinner ticks.
    public let activity: ClientActivity
    /// One line per install, reconfigure, uninstall.
    public let audit: AuditLog
    /// The profile name written to the audit log (nil for the sandbox or environment credentials).
    public let profile: String?
    /// Changes sent and not yet recorded (`recordAbandoned` records them when the program leaves first).
    public let inFlight = ChangesInFlight()

    public init(client: AmoClient, paths: AppPaths, activity: ClientActivity = ClientActivity(), profile: String? = nil) {
        self.client = client
        store = SettingsStore(paths: paths)
        self.activity = activity
        audit = AuditLog(fileURL: URL(fileURLWithPath: paths.auditLog))
        self.profile = profile
    }

    public func perform(_ effect: AppEffect) async -> AppMessage {
        switch effect {
        case .loadAccount(let id):
            return .account(id: id, await call { try await client.account() })
        case .loadPipelines(let id):
            return .pipelines(id: id, await call { try await client.pipelines() })
        case .loadUsers(let id):
            return .users(id: id, await call { try await client.users() })
        case .loadPage(let id, let page, let limit):
            return .page(id: id, page: page, await call { try await client.widgetsPage(page: page, limit: limit) })
        case .loadDetail(let id, let code, let host, let delay):
            // The debounce: a newer selection supersedes (cancels) this task while it sleeps.
            if (try? await Task.sleep(for: delay)) == nil || Task.isCancelled {
                return .detail(id: id, code: code, .failure(.cancelled), local: LocalRecords())
            }
            let local = localRecords(code: code, host: host)
            return .detail(id: id, code: code, await call { try await client.widget(code: code) }, local: local)
        case .loadLocal(let id, let code, let host):
            return .local(id: id, code: code, localRecords(code: code, host: host))
        case .install(let id, let code, let host, let settings, let reconfigure):
            return await install(id: id, code: code, host: host, settings: settings, reconfigure: reconfigure)
        case .uninstall(let id, let code, let host, let backup):
            return await uninstall(id: id, code: code, host: host, backup: backup)
        case .tick(let id, let after):
            try? await Task.sleep(for: after)
            return .tick(id: id, activity.snapshot())
        case .cancel:
            return .ignored
        }
    }

    /// Runs a client call. The client throws only `AmoError`; anything else would be a bug and is
    /// still reported in words rather than lost.
    private func call<T: Sendable>(_ body: () async throws -> T) async -> Result<T, AmoError> {
        do { return .success(try await body()) } catch let error as AmoError { return .failure(error) } catch {
            return .failure(Task.isCancelled ? .cancelled : .transport(.other("\(error)"), ErrorContext()))
        }
    }

    private func localRecords(code: String, host: String) -> LocalRecords {
        let sent = store.latest(code: code, host: host, kind: .sent)
        let backup = store.latest(code: code, host: host, kind: .uninstallBackup)
        return LocalRecords(sent: sent?.record, sentPath: sent?.path, backup: backup?.record, backupPath: backup?.path)
    }

    private func install(id: Int, code: String, host: String, settings: [String: JSONValue], reconfigure: Bool) async -> AppMessage {
        let action: AuditRecord.Action = reconfigure ? .reconfigure : .install
        let ticket = inFlight.register(.init(action: action, code: code, host: host, settings: settings))
        let reply = await call { try await client.install(code: code, settings: settings) }
        let result = reply.map(\.value)
        // Cancelled (the program is leaving) or already recorded as abandoned: the launcher's record stands.
        guard result.failure != .cancelled, inFlight.claim(ticket) else {
            return .installed(id: id, code: code, result, record: nil, recordPath: nil, recordError: nil)
        }
        var record: SettingsRecord?, path: String?, recordError: String?
        // Sent settings are recorded when the install may have happened too (a lost reply): they are
        // the source of the next uninstall backup.
        if result.failure.map({ $0.outcomeUnknown }) ?? true {
            do {
                path = try store.save(code: code, host: host, kind: .sent, settings: settings)
                record = path.flatMap { _ in store.latest(code: code, host: host, kind: .sent)?.record }
            } catch {
                recordError = "the sent settings could not be saved (\(error))"
            }
        }
        if let auditError = auditChange(code: code, host: host, action: action, keys: Array(settings.keys),
                                        success: reply.success.map { ($0.status, $0.requestID) }, failure: result.failure) {
            recordError = [recordError, auditError].compactMap { $0 }.joined(separator: "; ")
        }
        return .installed(id: id, code: code, result, record: record, recordPath: path, recordError: recordError)
    }

    private func uninstall(id: Int, code: String, host: String, backup: [String: JSONValue]?) async -> AppMessage {
        // The backup comes first: without it, nothing is deleted. Exactly what the question named.
        var backupPath: String?
        if let backup {
            do { backupPath = try store.save(code: code, host: host, kind: .uninstallBackup, settings: backup) } catch {
                return .uninstalled(id: id, code: code, .backupFailed("\(error)"))
            }
        }
        let ticket = inFlight.register(.init(action: .uninstall, code: code, host: host, settings: [:]))
        let result = await call { try await client.uninstall(code: code) }
        guard result.failure != .cancelled, inFlight.claim(ticket) else {
            return .uninstalled(id: id, code: code, .failed(.cancelled, backupPath: backupPath))
        }
        let auditError = auditChange(code: code, host: host, action: .uninstall, keys: [],
                                     success: result.success.map { ($0.status, $0.requestID) }, failure: result.failure)
        if case .failure(let error) = result { return .uninstalled(id: id, code: code, .failed(error, backupPath: backupPath)) }
        return .uninstalled(id: id, code: code, .done(backupPath: backupPath, auditError: auditError))
    }

    /// Records every change still waiting for its answer as `unknown` (audit line; an install's
    /// settings as sent, since it may have happened): call when the program leaves before the answers.
    /// - Returns: one line per change for the user, naming the audit log and how to check.
    public func recordAbandoned() -> [String] {
        inFlight.abandonAll().map { change in
            let verb = change.action.rawValue
            if change.action != .uninstall { _ = try? store.save(code: change.code, host: change.host, kind: .sent, settings: change.settings) }
            auditChange(code: change.code, host: change.host, action: change.action, keys: Array(change.settings.keys),
                        success: nil, failure: Self.leftBeforeAnswer)
            return "the \(verb) of \(change.code) was sent but the program left before its answer: "
                + "recorded as unknown in \(audit.fileURL.path); check with: amowidgets show \(change.code)"
        }
    }

    /// The audit error of a change the program left before its answer came (an unknown outcome).
    static let leftBeforeAnswer = AmoError.transport(.other("the program left before the answer came"), ErrorContext())

    /// One audit line with the status and `X-Request-Id` of the reply (`success` from `AmoReply`, or
    /// the error's context); a failure to write it must not turn a done change into an error, so it is dropped.
    /// - Returns: why the line could not be written (said on the status line: a change must not go
    ///   unrecorded silently), nil when it was.
    @discardableResult
    private func auditChange(code: String, host: String, action: AuditRecord.Action, keys: [String],
                             success: (status: Int, requestID: String?)?, failure: AmoError?) -> String? {
        if case .cancelled? = failure { return nil }
        let record = AuditRecord(profile: profile, accountHost: host, widgetCode: code, action: action,
                                 outcome: failure == nil ? .ok : failure?.outcomeUnknown == true ? .unknown : .failed,
                                 httpStatus: success?.status ?? failure?.status,
                                 requestID: success?.requestID ?? failure?.context?.requestID, settingsKeys: keys, error: failure?.message)
        do { try audit.append(record) } catch { return "the audit log \(audit.fileURL.path) could not be written (\(error))" }
        return nil
    }
}

extension Result {
    var failure: Failure? { if case .failure(let f) = self { f } else { nil } }
    var success: Success? { if case .success(let s) = self { s } else { nil } }
}
