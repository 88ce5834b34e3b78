import AmoCRM
import Foundation
import WidgetManager

/// Runs one change to an account's widgets and appends its audit line whatever the outcome
/// (`AuditLog` in the state directory). A failure to write the log is reported on stderr but never
/// hides the change's own result.
enum AuditTrail {
    /// Runs `change`; appends `{action, outcome, http_status, request_id, settings_keys}` for it; rethrows.
    /// A success's status and request id come from its `AmoReply`, a failure's from its `AmoError`.
    /// A failure after which the change may still have happened (`AmoError.outcomeUnknown`: reply
    /// lost or unreadable) runs `ifOutcomeUnknown` and becomes a `CLIError` saying the outcome is
    /// unknown, that nothing was resent, and to check with `amowidgets show CODE`.
    ///
    /// While the change is in flight Ctrl-C, SIGTERM and SIGHUP wait for its answer (`InterruptGuard`);
    /// a second one leaves at once, recording the change as `unknown` (and `sent` as sent, since it may
    /// have happened).
    static func record<T: Sendable>(
        _ action: AuditRecord.Action, code: String, settingsKeys: [String], account: ResolvedAccount,
        context: AppContext = AppContext(), sent: [String: JSONValue]? = nil,
        ifOutcomeUnknown: () -> Void = {}, _ change: () async throws -> AmoReply<T>
    ) async throws -> AmoReply<T> {
        let interrupt = InterruptGuard(waiting: "Waiting for the answer to the \(action.rawValue) of \(code)") {
            append(AuditRecord(profile: account.profileName, accountHost: account.host, widgetCode: code, action: action,
                               outcome: .unknown, httpStatus: nil, requestID: nil, settingsKeys: settingsKeys,
                               error: "left before the answer came"), context)
            if let sent { _ = try? SettingsStore(paths: context.paths).save(code: code, host: account.host, kind: .sent, settings: sent) }
            Console.message("error: left before the answer to the \(action.rawValue) of \(code) came; it may have happened and is "
                            + "recorded as unknown in \(context.auditLogPath)")
            Console.message("Check with: amowidgets show \(code)")
        }
        defer { interrupt.end() }
        do {
            let reply = try await change()
            // A second Ctrl-C got there first: its `unknown` line stands, and the process is leaving.
            guard interrupt.claim() else { try await Task.sleep(for: .seconds(60)); throw CancellationError() }
            append(AuditRecord(profile: account.profileName, accountHost: account.host, widgetCode: code, action: action,
                               outcome: .ok, httpStatus: reply.status,
                               requestID: reply.requestID, settingsKeys: settingsKeys), context)
            return reply
        } catch {
            guard interrupt.claim() else { try await Task.sleep(for: .seconds(60)); throw error }
            let amo = error as? AmoError
            append(AuditRecord(profile: account.profileName, accountHost: account.host, widgetCode: code, action: action,
                               outcome: amo?.outcomeUnknown == true ? .unknown : .failed, httpStatus: amo?.status, requestID: amo?.requestID,
                               settingsKeys: settingsKeys, error: amo?.message ?? "\(error)"), context)
            if let amo, amo.outcomeUnknown {
                // The request may have been carried out: saying "failed" could make the user send it again.
                ifOutcomeUnknown()
                throw CLIError("the \(action.rawValue) of \(code) may have happened, but its reply was lost or unreadable (\(amo.message)); "
                               + "the outcome is unknown and no retry was sent", hints: ["Check with: amowidgets show \(code)"])
            }
            throw error
        }
    }

    private static func append(_ record: AuditRecord, _ context: AppContext) {
        do { try context.auditLog.append(record) } catch { Console.message("warning: \(error)") }
    }
}
