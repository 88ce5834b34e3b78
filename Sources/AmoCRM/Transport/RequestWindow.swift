/// The bookkeeping of `Pacer`, without clocks or tasks (pure, unit-tested): at most `limit` requests
/// in any `window`, counted the way the service counts them — by when a request *arrives*.
///
/// The client cannot see arrivals, but it can bound them: a request arrives after it starts and
/// before its reply comes back. So each request is entered when it starts and is counted as if it
/// arrived at the latest possible instant — "now" while it is in flight, its finish once the reply
/// (or the failure) is in — and leaves the window `window` after that finish. Then any `limit + 1`
/// requests span more than `window` at the service, whatever the latency or its jitter, without the
/// fixed gap of a token bucket: a burst of `limit` goes at once.
struct RequestWindow: Sendable {
    /// Requests allowed in one window (≥ 1).
    let limit: Int
    /// The service's window plus a margin for clock differences.
    let window: Duration
    /// Requests still counted: `finished` nil while in flight.
    private var entries: [(id: Int, finished: ContinuousClock.Instant?)] = []
    private var nextID = 0

    /// What a caller that wants to start a request must do.
    enum Admission: Equatable {
        /// Start now (`start(at:)`).
        case startNow
        /// The window is full; a finished request leaves it at this instant: try again then.
        case waitUntil(ContinuousClock.Instant)
        /// The window is full of requests in flight: try again when one finishes.
        case waitForAFinish
    }

    init(limit: Int, window: Duration) {
        self.limit = max(1, limit)
        self.window = window
    }

    /// Requests counted at `now` (in flight, or finished less than `window` ago).
    func count(at now: ContinuousClock.Instant) -> Int {
        entries.count(where: { $0.finished.map { now - $0 < window } ?? true })
    }

    /// Whether a request may start at `now`, and if not, until when to wait.
    func admission(at now: ContinuousClock.Instant) -> Admission {
        let counted = entries.filter { $0.finished.map { now - $0 < window } ?? true }
        if counted.count < limit { return .startNow }
        // The earliest finished entry frees a slot first; in-flight ones free theirs only after
        // finishing (and then a whole window later), so they never come earlier.
        if let earliest = counted.compactMap(\.finished).min() { return .waitUntil(earliest + window) }
        return .waitForAFinish
    }

    /// Enters a request that starts at `now`; returns its id for `finish(_:at:)`. The caller has
    /// checked `admission(at:)`.
    mutating func start(at now: ContinuousClock.Instant) -> Int {
        entries.removeAll { $0.finished.map { now - $0 >= window } ?? false }
        nextID += 1
        entries.append((nextID, nil))
        return nextID
    }

    /// Marks request `id` finished at `now` (reply received, or failed): it leaves the window at
    /// `now + window`. Unknown ids are ignored.
    mutating func finish(_ id: Int, at now: ContinuousClock.Instant) {
        guard let i = entries.firstIndex(where: { $0.id == id }), entries[i].finished == nil else { return }
        entries[i].finished = now
    }
}
