/// Sample statistics for the benchmarks: medians and tail percentiles of durations.
enum Stats {
    /// The `q`-quantile (0...1) of `samples` by nearest rank; 0 for no samples.
    static func quantile(_ samples: [Double], _ q: Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sorted = samples.sorted()
        let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    /// Median and p99 of `samples`, for a JSON line.
    static func summary(_ samples: [Double]) -> [String: Double] {
        ["median": quantile(samples, 0.5), "p99": quantile(samples, 0.99), "n": Double(samples.count)]
    }
}

extension Duration {
    /// The duration in microseconds.
    var microseconds: Double {
        let c = components
        return Double(c.seconds) * 1e6 + Double(c.attoseconds) / 1e12
    }

    /// The duration in seconds.
    var seconds: Double { microseconds / 1e6 }
}
