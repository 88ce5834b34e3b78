// The live service's per-integration limit: at most N requests in any one-second window.

/// Sliding-window rate limit per token, with the live service's block mode.
struct RateLimiter: Sendable {
    /// What to do with one request.
    enum Verdict: Equatable { case allow, tooManyRequests, blocked }

    let perSecond: Int
    let window: Duration
    let blockAfterViolations: Int?
    /// Times of the admitted requests of the last second, per token.
    private var windows: [String: [ContinuousClock.Instant]] = [:]
    /// 429s given so far.
    private(set) var violations = 0
    /// True once block mode has tripped: every later request is refused.
    private(set) var isBlocked = false
    /// Checks since the last sweep of idle tokens (random tokens must not grow memory forever).
    private var checksSinceSweep = 0
    /// Tokens with a window in memory.
    var trackedTokenCount: Int { windows.count }

    init(perSecond: Int, window: Duration = .seconds(1), blockAfterViolations: Int?) {
        self.perSecond = perSecond
        self.window = window
        self.blockAfterViolations = blockAfterViolations
    }

    /// Admits or refuses one request of `key` (the bearer token) at `now`. Refused requests do
    /// not count toward the window, so a client that waits a second gets through again.
    mutating func check(key: String, now: ContinuousClock.Instant) -> Verdict {
        if isBlocked { return .blocked }
        checksSinceSweep += 1
        if checksSinceSweep >= 1000 {
            checksSinceSweep = 0
            windows = windows.filter { $0.value.last.map { $0 > now - self.window } ?? false }
        }
        var window = windows[key, default: []]
        let cutoff = now - self.window
        window.removeAll { $0 <= cutoff }
        guard window.count < perSecond else {
            windows[key] = window
            violations += 1
            if let limit = blockAfterViolations, violations >= limit { isBlocked = true }
            return .tooManyRequests
        }
        window.append(now)
        windows[key] = window
        return .allow
    }
}
