/// A token bucket shared by all requests of one `AmoClient`: requests start at least
/// `headroom / requestsPerSecond` seconds apart (burst 1), so no window of one second sees more
/// than the rate, whatever the number of concurrent callers. The 20 % headroom absorbs network and
/// scheduling jitter (the gateway counts arrivals, not departures): at 7/s requests leave 171 ms
/// apart, and any 7 of them span 1.2 s, so arrivals may bunch up by 200 ms before a window of one
/// second holds 8. Throughput hardly matters here (the catalogue is 3 requests); a block does.
/// After a 429 every caller is held back until the backoff has passed (`holdAll(for:)`), so one
/// rate-limited call slows the whole client.
actor Pacer {
    private let interval: Duration?
    private var nextSlot: ContinuousClock.Instant
    private var lastGrant: ContinuousClock.Instant?
    private let clock = ContinuousClock()
    /// Spacing factor over the nominal rate.
    static let headroom = 1.2

    /// `requestsPerSecond` nil or ≤ 0 turns pacing off.
    init(requestsPerSecond: Double?) {
        if let r = requestsPerSecond, r > 0, r.isFinite {
            interval = .nanoseconds(Int64((1_000_000_000 * Self.headroom / r).rounded(.up)))
        } else {
            interval = nil
        }
        nextSlot = clock.now
    }

    /// Waits for this caller's slot and returns the instant it was granted. Throws
    /// `AmoError.cancelled` when the task is cancelled while waiting.
    ///
    /// Slots are reserved in order (`nextSlot`); a task that wakes late (a starved machine) is
    /// checked against the last grant, so grants stay `interval` apart even when wake-ups bunch.
    @discardableResult
    func acquire() async throws(AmoError) -> ContinuousClock.Instant {
        var slot = max(clock.now, nextSlot)
        if let interval { nextSlot = slot + interval }
        while true {
            if slot > clock.now {
                do { try await Task.sleep(until: slot, clock: clock) } catch { throw .cancelled }
            }
            let now = clock.now
            if let interval, let last = lastGrant, now - last < interval {
                slot = last + interval  // someone else went first: wait for the spacing again
                continue
            }
            if interval != nil { lastGrant = now }
            return now
        }
    }

    /// Makes every caller that asks from now on wait until at least `delay` from now.
    /// The spacing between two requests, nil when pacing is off.
    nonisolated var spacing: Duration? { interval }

    /// Without pacing it does nothing: every caller would wake at the same instant, a herd that
    /// the jittered per-request backoff avoids.
    func holdAll(for delay: Duration) {
        guard interval != nil else { return }
        nextSlot = max(nextSlot, clock.now + delay)
    }
}
