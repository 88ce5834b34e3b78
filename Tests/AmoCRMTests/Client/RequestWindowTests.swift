import AmoSandbox
import Testing
@testable import AmoCRM

/// The pacer's window logic, without clocks: instants are built from a fixed origin.
@Suite struct RequestWindowTests {
    static let origin = ContinuousClock.now
    static func at(_ ms: Int) -> ContinuousClock.Instant { origin + .milliseconds(ms) }

    @Test func aBurstUpToTheLimitThenTheWindowCountsFromEachReply() {
        var window = RequestWindow(limit: 7, window: .milliseconds(1050))
        var ids: [Int] = []
        for _ in 0..<7 {
            #expect(window.admission(at: Self.at(0)) == .startNow)
            ids.append(window.start(at: Self.at(0)))
        }
        // All 7 in flight: nothing is known about when the service saw them.
        #expect(window.admission(at: Self.at(10)) == .waitForAFinish)
        window.finish(ids[3], at: Self.at(40))
        #expect(window.count(at: Self.at(40)) == 7)
        // The finished one leaves one window after its reply, not after its start.
        #expect(window.admission(at: Self.at(41)) == .waitUntil(Self.at(40 + 1050)))
        #expect(window.admission(at: Self.at(1089)) == .waitUntil(Self.at(1090)))
        #expect(window.admission(at: Self.at(1090)) == .startNow)
        _ = window.start(at: Self.at(1090))
        #expect(window.admission(at: Self.at(1091)) == .waitForAFinish)
        // Finishing twice or an unknown id changes nothing.
        window.finish(ids[3], at: Self.at(2000))
        window.finish(999, at: Self.at(2000))
        #expect(window.count(at: Self.at(1091)) == 7)
        #expect(RequestWindow(limit: 0, window: .seconds(1)).limit == 1)
    }

    /// `workers` callers each send requests back to back through one window; every request takes
    /// a random latency up to `maxLatency` ms and reaches the service at a random instant in it.
    /// Returns the arrival instants (ms) and when the last reply came.
    static func simulate(workers: Int, requests: Int, maxLatency: Int, seed: UInt64) -> (arrivals: [Int], end: Int) {
        var rng = SplitMix64(seed: seed)
        var window = RequestWindow(limit: 7, window: .milliseconds(1050))
        var ready = Array(repeating: 0, count: workers)           // when each worker acts next (ms)
        var inFlight: [(id: Int, finish: Int)?] = Array(repeating: nil, count: workers)
        var arrivals: [Int] = []
        var sent = 0
        var end = 0
        while sent < requests || inFlight.contains(where: { $0 != nil }) {
            let w = ready.indices.min { ready[$0] < ready[$1] }!
            let now = ready[w]
            if let request = inFlight[w], request.finish == now {
                window.finish(request.id, at: at(now))
                inFlight[w] = nil
                end = max(end, now)
            }
            guard sent < requests else { ready[w] = inFlight[w] == nil ? Int.max : ready[w]; continue }
            switch window.admission(at: at(now)) {
            case .startNow:
                let latency = Int.random(in: 1...maxLatency, using: &rng)
                arrivals.append(now + Int.random(in: 0...latency, using: &rng))
                inFlight[w] = (window.start(at: at(now)), now + latency)
                ready[w] = now + latency
                sent += 1
            case .waitUntil(let instant):
                ready[w] = Int(((instant - origin) / .milliseconds(1)).rounded(.up))
            case .waitForAFinish:
                ready[w] = inFlight.compactMap { $0?.finish }.filter { $0 > now }.min() ?? now + 1
            }
        }
        return (arrivals.sorted(), end)
    }

    @Test(arguments: [(1, 20), (4, 20), (12, 400), (30, 1500)])
    func noSecondAtTheServiceEverHoldsMoreThanSeven(workers: Int, maxLatency: Int) {
        for seed in 1...20 as ClosedRange<UInt64> {
            let (arrivals, end) = Self.simulate(workers: workers, requests: 80, maxLatency: maxLatency, seed: seed)
            #expect(arrivals.count == 80)
            // The sandbox and the live gateway refuse the 8th arrival within one second.
            for i in 0..<(arrivals.count - 7) {
                #expect(arrivals[i + 7] - arrivals[i] >= 1000, "seed \(seed): 8 arrivals in \(arrivals[i + 7] - arrivals[i]) ms")
            }
            // And it is not slower than it must be: 80 requests need 11 windows after the first
            // burst; each window waits at most for one reply on top of its 1.05 s.
            #expect(end <= 11 * (1050 + maxLatency) + 2 * maxLatency, "seed \(seed): \(end) ms")
        }
    }
}
