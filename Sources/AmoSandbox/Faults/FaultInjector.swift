// Decides, per request, which fault rules fire: deterministic for a seed and a request order.

/// The faults chosen for one request.
struct FaultPlan: Sendable, Equatable {
    /// Answer this status (and HTML or problem+json) instead of handling the request.
    var status: (code: Int, html: Bool)?
    var latencyMilliseconds = 0
    var reset = false
    var truncate = false
    /// Handle the request, then answer 204 with no body.
    var noContent = false
    var contentType: String?
    var nextAlways = false
    /// Serve this many items per HAL page whatever `limit` asked.
    var pageSize: Int?

    static func == (a: FaultPlan, b: FaultPlan) -> Bool {
        a.status?.code == b.status?.code && a.status?.html == b.status?.html && a.latencyMilliseconds == b.latencyMilliseconds
            && a.reset == b.reset && a.truncate == b.truncate && a.noContent == b.noContent && a.contentType == b.contentType && a.nextAlways == b.nextAlways
            && a.pageSize == b.pageSize
    }
}

/// Applies a `FaultSpec` to requests in arrival order.
struct FaultInjector: Sendable {
    let rules: [FaultRule]
    private var generator: SplitMix64
    /// How many times each rule has fired (for `#COUNT`).
    private var fired: [Int]

    init(spec: FaultSpec?, seed: UInt64) {
        rules = spec?.rules ?? []
        generator = SplitMix64(seed: seed)
        fired = Array(repeating: 0, count: rules.count)
    }

    /// The faults for a request; draws one number per matching rule whose chance is below 100%.
    /// The first firing status/reset/truncate rule wins; latency adds up.
    mutating func plan(method: String, path: String, query: [String: String] = [:]) -> FaultPlan {
        var plan = FaultPlan()
        for (n, rule) in rules.enumerated() where rule.matches(method: method, path: path, query: query) {
            if let limit = rule.limit, fired[n] >= limit { continue }
            if rule.probability < 1, generator.nextUnit() >= rule.probability { continue }
            let terminal = plan.status != nil || plan.reset || plan.truncate || plan.noContent
            switch rule.kind {
            case .status(let code, let html):
                if terminal { continue }
                plan.status = (code, html)
            case .reset:
                if terminal { continue }
                plan.reset = true
            case .truncate:
                if terminal { continue }
                plan.truncate = true
            case .noContent:
                if terminal { continue }
                plan.noContent = true
            case .latency(let ms): plan.latencyMilliseconds += ms
            case .contentType(let type): plan.contentType = type
            case .nextAlways: plan.nextAlways = true
            case .pageSize(let n): plan.pageSize = n
            }
            fired[n] += 1
        }
        return plan
    }
}

/// A small seeded generator (SplitMix64): the same seed gives the same sequence of `UInt64`s on every
/// machine. The sandbox's `--seed` drives fault percentages with it; tests use it for repeatable
/// simulations and mutations.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator that starts from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<1.
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
