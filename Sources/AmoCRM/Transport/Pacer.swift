/// Paces all requests of one `AmoClient` so that the service never counts more than its limit in a
/// window (amoCRM: 7 requests per second per integration, shared/amocrm-api.md), whatever the
/// number of concurrent callers: they all go through this actor.
///
/// At `r` requests per second it allows `floor(r)` requests (at least 1) in any window of
/// `floor(r) / r` seconds plus `margin` — at 7/s, 7 requests per 1.05 s — counted by
/// `RequestWindow`: a request holds its place from its start until `window` after its reply, an
/// upper bound of when the service saw it, so network and scheduling delays cannot bunch arrivals
/// into one window. A burst up to the limit leaves at once; the next request waits for the window.
/// After a 429 every caller is held back until the backoff has passed (`holdAll(for:)`).
///
/// Callers pair each `acquire()` with `finished(_:)` once the request is over (reply or failure).
actor Pacer {
    /// A granted start; give it back to `finished(_:)`.
    struct Ticket: Sendable, Equatable {
        let id: Int
        /// When the request was allowed to start.
        let granted: ContinuousClock.Instant
    }

    /// Added to the service's window against clock differences between client and gateway.
    static let margin: Duration = .milliseconds(50)
    /// Requests allowed per window and the window (the service's plus `margin`); nil when off.
    nonisolated let limits: (requests: Int, window: Duration)?
    private var window: RequestWindow?
    private var holdUntil: ContinuousClock.Instant
    private var finishWaiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiter = 0
    private let clock = ContinuousClock()

    /// `requestsPerSecond` nil, ≤ 0 or not finite turns pacing off.
    init(requestsPerSecond: Double?) {
        if let r = requestsPerSecond, r > 0, r.isFinite {
            let limit = max(1, Int(r.rounded(.down)))
            let seconds = Double(limit) / r
            window = RequestWindow(limit: limit, window: .nanoseconds(Int64((seconds * 1e9).rounded(.up))) + Self.margin)
        } else {
            window = nil
        }
        limits = window.map { ($0.limit, $0.window) }
        holdUntil = clock.now
    }

    /// Waits until a request may start and returns its ticket (nil when pacing is off). Throws
    /// `AmoError.cancelled` when the task is cancelled while waiting.
    func acquire() async throws(AmoError) -> Ticket? {
        guard window != nil else { return nil }
        while true {
            if Task.isCancelled { throw .cancelled }
            let now = clock.now
            if holdUntil > now {
                try await sleep(until: holdUntil)
                continue
            }
            guard let admission = window?.admission(at: now) else { return nil }
            switch admission {
            case .startNow:
                guard let id = window?.start(at: now) else { return nil }
                return Ticket(id: id, granted: now)
            case .waitUntil(let instant):
                try await sleep(until: instant)
            case .waitForAFinish:
                await waitForAFinish()
            }
        }
    }

    /// The request of `ticket` is over (its reply arrived or it failed): from now on it counts
    /// as having reached the service now, and leaves the window one window later.
    func finished(_ ticket: Ticket?) {
        guard let ticket else { return }
        window?.finish(ticket.id, at: clock.now)
        let waiters = finishWaiters
        finishWaiters = [:]
        for waiter in waiters.values { waiter.resume() }
    }

    /// Makes every caller that asks from now on wait until at least `delay` from now. Without
    /// pacing it does nothing: every caller would wake at the same instant, a herd that the
    /// jittered per-request backoff avoids.
    func holdAll(for delay: Duration) {
        guard window != nil else { return }
        holdUntil = max(holdUntil, clock.now + delay)
    }

    private func sleep(until instant: ContinuousClock.Instant) async throws(AmoError) {
        do { try await Task.sleep(until: instant, clock: clock) } catch { throw .cancelled }
    }

    /// Suspends until some request finishes (or the task is cancelled; the caller checks).
    private func waitForAFinish() async {
        nextWaiter += 1
        let id = nextWaiter
        await withTaskCancellationHandler {
            await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
                if Task.isCancelled { waiter.resume() } else { finishWaiters[id] = waiter }
            }
        } onCancel: {
            Task { await self.wake(id) }
        }
    }

    private func wake(_ id: Int) {
        finishWaiters.removeValue(forKey: id)?.resume()
    }
}
