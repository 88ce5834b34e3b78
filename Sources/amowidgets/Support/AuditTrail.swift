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
    static func record<T: Sendable>(
        _ action: AuditRecord.Action, code: String, settingsKeys: [String], account: ResolvedAccount,
        context: AppContext = AppContext(),
        ifOutcomeUnknown: () -> Void = {}, _ change: () async throws -> AmoReply<T>
    ) async throws -> AmoReply<T> {
        do {
            let reply = try await change()
            append(AuditRecord(profile: account.profileName, accountHost: account.host, widgetCode: code, action: action,
                               outcome: .ok, httpStatus: reply.status,
                               requestID: reply.requestID, settingsKeys: settingsKeys), context)
            return reply
        } catch {
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
