import AmoCRM

/// Changes whose reply was lost (`AmoError.outcomeUnknown`): the request may have been carried out,
/// so the app says the outcome is unknown, never resends, and checks the account with
/// `GET /api/v4/widgets/{code}`; until that answers, the detail pane says "Installed: unknown".
extension Update {
    /// Marks `code` uncertain after `change` ("install", "reconfigure", "uninstall") failed with
    /// `error`, says so, and asks for the widget again (no debounce) to learn the truth.
    static func outcomeUnknown(_ state: inout AppState, code: String, change: String, _ error: AmoError, note: String) -> [AppEffect] {
        state.uncertain[code] = UncertainChange(change: change, error: ErrorFacts.describe(error, state.options))
        say(&state, "\(change.capitalized) of \(code): the outcome is unknown — \(ErrorFacts.describe(error, state.options)); "
            + "nothing was resent; checking the account\(note)…", error: true)
        state.details[code] = nil
        let id = state.newID()
        state.detailRequest = (id, code)
        return [.loadDetail(id: id, code: code, host: state.host, delay: .zero)]
    }

    /// The check's answer: the widget as the account has it now. Says what happened; an install
    /// that did happen closes its form (what was typed was sent and recorded), one that did not keeps it.
    static func resolveUncertain(_ state: inout AppState, code: String, _ uncertain: UncertainChange, widget: Widget) {
        let installed = widget.isActiveInAccount
        state.catalog.setInstalled(code, installed)
        let lost = "the reply to the \(uncertain.change) was lost (\(uncertain.error)); nothing was resent"
        switch (uncertain.change, installed) {
        case ("uninstall", true):
            say(&state, "Checked: \(code) is still installed: the uninstall did not happen — \(lost)", error: true)
        case ("uninstall", false):
            say(&state, "Checked: \(code) was uninstalled — \(lost)")
        case ("install", true):
            if state.form?.code == code, state.form?.submittingRequest == nil { state.form = nil }
            say(&state, "Checked: \(code) is installed — \(lost)")
        case ("reconfigure", true):
            say(&state, "Checked: \(code) is installed; whether the new settings were applied is unknown: ^S sends them again — \(lost)", error: true)
        default:
            say(&state, "Checked: \(code) is not installed — ^S sends again (what you typed is kept) — \(lost)", error: true)
        }
    }

    /// The check itself failed: the outcome stays unknown.
    static func uncertainCheckFailed(_ state: inout AppState, code: String, _ uncertain: UncertainChange, _ error: AmoError) {
        say(&state, "Could not check \(code): \(ErrorFacts.describe(error, state.options)) — the outcome of the \(uncertain.change) is still unknown; "
            + "r reloads (the lost reply: \(uncertain.error))", error: true)
    }
}

/// A change to a widget whose reply was lost: what was asked, and the error said for it.
public struct UncertainChange: Hashable, Sendable {
    /// "install", "reconfigure" or "uninstall".
    public var change: String
    /// The error's one line (with its request id when the reply carried one).
    public var error: String
}
