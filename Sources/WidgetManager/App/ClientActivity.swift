import AmoCRM
import NIOConcurrencyHelpers

/// What the client is doing that the user should see (a rate-limit wait, a retry), shared between
/// the client's event callback (any thread) and the spinner tick that reports it to `update`.
public final class ClientActivity: Sendable {
    /// The latest activity: `waitingUntil` is a monotonic instant; `reason` is said in the status line.
    public struct Snapshot: Hashable, Sendable {
        /// Seconds left of the current wait; nil when not waiting.
        public var waitingSeconds: Int?
        /// Why it waits, e.g. "rate limit".
        public var reason: String?
        public init(waitingSeconds: Int? = nil, reason: String? = nil) {
            self.waitingSeconds = waitingSeconds
            self.reason = reason
        }
    }

    private let state = NIOLockedValueBox<(until: ContinuousClock.Instant, reason: String)?>(nil)

    public init() {}

    /// Records that the client waits `seconds` for `reason` (e.g. "rate limit", "retry").
    public func waiting(seconds: Double, reason: String) {
        let until = ContinuousClock.now.advanced(by: .milliseconds(Int(max(0, seconds) * 1000)))
        state.withLockedValue { $0 = (until, reason) }
    }

    /// The client's event callback (`AmoClientConfiguration.onEvent`): keeps the waits, ignores the rest.
    public func record(_ event: ClientEvent) {
        if case .waiting(let seconds, let reason, _, _, _) = event {
            waiting(seconds: seconds, reason: reason == .rateLimit ? "rate limit" : reason.description)
        }
    }

    /// The current wait, rounded up to whole seconds; empty when the client is not waiting.
    public func snapshot() -> Snapshot {
        state.withLockedValue { current in
            guard let c = current else { return Snapshot() }
            let left = ContinuousClock.now.duration(to: c.until)
            guard left > .zero else { current = nil; return Snapshot() }
            let seconds = Int((Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18).rounded(.up))
            return Snapshot(waitingSeconds: seconds, reason: c.reason)
        }
    }
}
