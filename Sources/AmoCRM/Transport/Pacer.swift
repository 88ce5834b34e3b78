/// A token bucket shared by all requests of one `AmoClient`: requests start at least
/// `1 / requestsPerSecond` seconds + `jitterMargin` apart (burst 1), so no window of one second
/// sees more than the rate, whatever the number of concurrent callers. The margin absorbs network
/// and scheduling jitter: the gateway counts arrivals, not departures. After a 429 every caller is held back until
/// the backoff has passed (`holdAll(for:)`), so one rate-limited call slows the whole client.
actor Pacer {
    private let interval: Duration?
    private var nextSlot: ContinuousClock.Instant
    private let clock = ContinuousClock()
    /// Added to each spacing: 7 spacings at 7/s leave 105 ms of slack per one-second window.
    static let jitterMargin: Duration = .milliseconds(15)

    /// `requestsPerSecond` nil or ≤ 0 turns pacing off (only `holdAll` then delays).
    init(requestsPerSecond: Double?) {
        if let r = requestsPerSecond, r > 0, r.isFinite {
            interval = .nanoseconds(Int64((1_000_000_000 / r).rounded(.up))) + Self.jitterMargin
        } else {
            interval = nil
        }
        nextSlot = clock.now
    }

    /// Waits for this caller's slot. Throws `AmoError.cancelled` when the task is cancelled while waiting.
    func acquire() async throws(AmoError) {
        let now = clock.now
        let slot = max(now, nextSlot)
        if let interval { nextSlot = slot + interval }
        guard slot > now else { return }
        do { try await Task.sleep(until: slot, clock: clock) } catch { throw .cancelled }
    }

    /// Makes every caller that asks from now on wait until at least `delay` from now.
    func holdAll(for delay: Duration) {
        nextSlot = max(nextSlot, clock.now + delay)
    }
}
