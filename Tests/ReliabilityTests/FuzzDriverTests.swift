import AmoSandbox
import Foundation
import Testing

/// The short fuzz run of `swift test` (issue 7): every target in `FuzzTargets` gets the seed corpus
/// (shared/fixtures and sandbox catalogue copies in `Corpus/<target>`) and a fixed number of
/// deterministic mutations of it (seeded SplitMix64: byte flips, JSON-significant bytes, invalid UTF-8,
/// huge numbers, deep nesting, splices). A crash or a broken property aborts the run with the input
/// written to a temporary file. `scripts/fuzz` runs the same targets under libFuzzer for long runs.
@Suite struct FuzzDriverTests {
    /// Mutations per target; FUZZ_ITERATIONS raises it for a longer local run.
    static let iterations = Int(ProcessInfo.processInfo.environment["FUZZ_ITERATIONS"] ?? "") ?? 4_000

    static let corpusRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    static func seeds(_ target: String) -> [[UInt8]] {
        let dir = corpusRoot.appendingPathComponent(target)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return files.sorted().compactMap { FileManager.default.contents(atPath: dir.appendingPathComponent($0).path).map(Array.init) }
    }

    @Test(arguments: FuzzTargets.all.map(\.name))
    func mutatedInputsNeverCrash(target: String) throws {
        let run = try #require(FuzzTargets.all.first { $0.name == target }).run
        let seeds = Self.seeds(target)
        #expect(seeds.count >= 2, "corpus for \(target) missing")
        var rng = SplitMix64(seed: 0xA30_0000 &+ UInt64(target.utf8.reduce(0) { $0 &* 31 &+ Int($1) }.magnitude))
        var executions = 0
        let start = ContinuousClock.now
        for seed in seeds { run(seed); executions += 1 }
        let last = FileManager.default.temporaryDirectory.appendingPathComponent("amowidgets-fuzz-\(target)-last-input")
        for i in 0..<Self.iterations {
            var input = seeds[i % seeds.count]
            for _ in 0...rng.below(4) { Mutator.mutate(&input, rng: &rng, other: seeds[rng.below(seeds.count)]) }
            // The input under test is on disk while it runs: after an abort it is there to replay.
            if i % 512 == 0 { try? Data(input).write(to: last) }
            run(input)
            executions += 1
        }
        print("fuzz \(target): \(executions) executions, 0 crashes, \(start.duration(to: .now))")
        #expect(executions == seeds.count + Self.iterations)
    }
}

extension SplitMix64 {
    /// A number in 0..<n (0 when n ≤ 1).
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
}

/// Byte-level mutations aimed at JSON readers.
enum Mutator {
    static let tokens: [[UInt8]] = [
        "{", "}", "[", "]", "\"", "\\", ",", ":", "null", "true", "0", "-1", "1e400", "-0", "1.5e-400", "NaN",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "\"\\ud800\"", "\"\\u0000\"",
        "\"\\u001b[2J\"", "\"\\u202e\"", "\"2,8\"", "\"\"", "{}", "[]", String(repeating: "[", count: 600),
        "\"users_lp\"", "\"pass\"", "\"custom\"", "\"is_required\"", "\"settings\"", "\"_embedded\"", "\"_links\"",
        "\"expires_in\"", "\"validation-errors\"", "\u{1}", "\u{B}", "\u{5}",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0x00]]

    static func mutate(_ input: inout [UInt8], rng: inout SplitMix64, other: [UInt8]) {
        let n = input.count
        switch rng.below(8) {
        case 0 where n > 0: input[rng.below(n)] ^= UInt8(1 << rng.below(8))
        case 1 where n > 0: input[rng.below(n)] = UInt8(truncatingIfNeeded: rng.next())
        case 2: input.insert(contentsOf: tokens[rng.below(tokens.count)], at: rng.below(n + 1))
        case 3 where n > 0:
            let a = rng.below(n), len = min(n - a, 1 + rng.below(32))
            input.removeSubrange(a..<(a + len))
        case 4 where n > 0:
            let a = rng.below(n), len = min(n - a, 1 + rng.below(64))
            input.insert(contentsOf: input[a..<(a + len)], at: rng.below(n + 1))
        case 5 where !other.isEmpty:
            let a = rng.below(other.count), len = min(other.count - a, 1 + rng.below(256))
            input.insert(contentsOf: other[a..<(a + len)], at: rng.below(n + 1))
        case 6 where n > 0: input.removeSubrange(rng.below(n)...)  // truncated body
        default:
            // Replace one token-looking byte with another token (e.g. a string where a number was).
            let positions = input.indices.filter { [UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "[")].contains(input[$0]) }
            guard let p = positions.isEmpty ? nil : positions[rng.below(positions.count)] else { return }
            input.insert(contentsOf: tokens[rng.below(tokens.count)], at: p + 1)
        }
    }
}
