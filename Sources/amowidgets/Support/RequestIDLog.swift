import Logging
import Synchronization

/// Remembers the `X-Request-Id` of each endpoint's last reply, read from the client's debug log line
/// (`AmoClient` logs `endpoint` and `request_id` for every request), so the audit log can name the
/// request of a successful change too. Failures carry theirs in `AmoError`.
final class RequestIDLog: Sendable {
    /// The one recorder of this process (a command runs once per process).
    static let shared = RequestIDLog()

    private let last = Mutex<[String: String]>([:])

    /// The last request id seen for `endpoint` ("METHOD /path"), nil when none.
    func requestID(for endpoint: String) -> String? { last.withLock { $0[endpoint] } }

    fileprivate func note(_ metadata: Logger.Metadata?) {
        guard case .string(let endpoint)? = metadata?["endpoint"], case .string(let id)? = metadata?["request_id"] else { return }
        last.withLock { $0[endpoint] = id }
    }
}

/// A log handler that lets every event reach `RequestIDLog` and passes on to stderr only those at or
/// above the user's `--log-level`.
struct RecordingLogHandler: LogHandler {
    var inner: StreamLogHandler
    /// The user's level (what reaches stderr).
    var threshold: Logger.Level
    var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    /// Always low enough for the client's debug lines to arrive here.
    var logLevel: Logger.Level {
        get { min(threshold, .debug) }
        set { threshold = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        RequestIDLog.shared.note(event.metadata)
        if event.level >= threshold { inner.log(event: event) }
    }
}
