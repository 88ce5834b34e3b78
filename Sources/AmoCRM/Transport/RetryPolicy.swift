/// Which failures are retried, and how long to wait: exponential backoff with full jitter.
/// Pure, apart from the random source.
struct RetryPolicy: Sendable {
    var maxRetries: Int
    var start: Duration
    var cap: Duration

    /// The wait before retry number `retry` (1-based): a random duration between half and all of
    /// `min(cap, start * 2^(retry-1))`. Jitter spreads retries of concurrent callers apart.
    func delay(forRetry retry: Int, using rng: inout some RandomNumberGenerator) -> Duration {
        let base = start.seconds * Double(1 << min(max(retry - 1, 0), 20))
        let ceiling = min(cap.seconds, base)
        return .seconds(Double.random(in: (ceiling / 2)...max(ceiling, ceiling / 2 + 0.000_001), using: &rng))
    }

    /// At most this many retries after a refused connection: nothing listens on the port, so a
    /// second refusal means the service is down and the user should hear it within a second or two.
    static let maxRefusedRetries = 1

    /// How many retries `reason` allows (`maxRetries`, or fewer for a refused connection).
    func limit(for reason: WaitReason) -> Int {
        if case .network(.connectionRefused) = reason { return min(maxRetries, Self.maxRefusedRetries) }
        return maxRetries
    }

    /// Why this reply or failure may be retried, or nil. `idempotent`: GET; POST and DELETE are
    /// retried only when the request cannot have reached the service (429 from the gateway,
    /// connection refused).
    static func reason(status: Int?, failure: TransportFailure?, idempotent: Bool) -> WaitReason? {
        if let status {
            switch status {
            case 429: return .rateLimit
            case 502, 503, 504: return idempotent ? .serverBusy(status: status) : nil
            default: return nil
            }
        }
        switch failure {
        case .connectionRefused?: return .network(.connectionRefused)
        case .timeout?: return idempotent ? .network(.timeout) : nil
        case .connectionReset?: return idempotent ? .network(.connectionReset) : nil
        default: return nil
        }
    }
}

extension Duration {
    /// The duration in seconds as a Double.
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
