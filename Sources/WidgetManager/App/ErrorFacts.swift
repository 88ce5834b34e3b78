import AmoCRM

/// What the core needs to know about an `AmoError`, in one place.
enum ErrorFacts {
    /// One line for the status line: the client's plain words (with the server's detail and request id).
    /// A 401 also says what to do (the TUI has no prompt to log in from), by where the token came
    /// from (`AppOptions.tokenSource`): a token from `AMO_TOKEN` is fixed there, not by logging in.
    static func describe(_ error: AmoError, _ options: AppOptions) -> String {
        guard case .unauthorized = error else { return error.message }
        switch options.tokenSource {
        case .environment(let name):
            return error.message + " — the token from \(name) was rejected: set a valid one in \(name), or unset it to use the profile's"
        case .profile:
            return error.message + " — log in again: amowidgets login"
        }
    }

    static func isCancelled(_ error: AmoError) -> Bool {
        if case .cancelled = error { return true }
        return false
    }

    /// A 403 for want of rights or scope (not the API block page, which stops everything).
    static func isForbidden(_ error: AmoError) -> Bool {
        if case .forbidden(.scope, _) = error { return true }
        return false
    }

    /// The validation errors of a 400 answer as (path, detail), or nil for other errors.
    static func validationErrors(_ error: AmoError) -> [(path: String, detail: String)]? {
        if case .validation(let errors, _) = error { return errors.map { ($0.path, $0.detail.isEmpty ? $0.code : $0.detail) } }
        return nil
    }
}
