import AmoCRM
import Foundation
import Synchronization

/// `--jq EXPR`: a small, documented subset of jq applied to a command's `--json` document.
///
/// Grammar: filters joined by `|`; a filter is `.` or a path of steps `.name`, `."name"`, `.[N]`
/// (negative from the end), `.[]` (every element or member value), or one of the functions
/// `length`, `keys` (sorted), `select(PATH == LITERAL)` / `select(PATH != LITERAL)` with a JSON
/// literal (string, number, true, false, null). Each result is printed on its own line: strings
/// raw (as `jq -r` and `gh --jq` do), anything else as compact JSON.
struct JQFilter: Sendable {
    /// One step of a path.
    enum Step: Sendable, Equatable { case key(String), index(Int), each }
    /// One stage between pipes.
    enum Stage: Sendable { case path([Step]), length, keys, select([Step], equal: Bool, JSONValue) }

    let stages: [Stage]

    /// The filter set by `--jq` for this process (nil: print the JSON document as is).
    static let current = Mutex<JQFilter?>(nil)

    /// Parses `text`. - Throws: `CLIError.usage` naming what could not be read.
    init(_ text: String) throws {
        stages = try text.split(separator: "|").map { try Self.stage(String($0).trimmingCharacters(in: .whitespaces)) }
    }

    /// The results of the filter on `value`, in order.
    func apply(_ value: JSONValue) -> [JSONValue] {
        stages.reduce([value]) { inputs, stage in inputs.flatMap { Self.run(stage, on: $0) } }
    }

    /// A result as printed: strings raw, anything else compact JSON.
    static func render(_ value: JSONValue) -> String {
        if case .string(let s) = value { return s }
        return WidgetOutput.compact(value)
    }

    private static func run(_ stage: Stage, on value: JSONValue) -> [JSONValue] {
        switch stage {
        case .path(let steps): return walk(steps[...], value)
        case .length:
            switch value {
            case .array(let a): return [.integer(Int64(a.count))]
            case .object(let o): return [.integer(Int64(o.count))]
            case .string(let s): return [.integer(Int64(s.count))]
            case .null: return [.integer(0)]
            default: return [value]
            }
        case .keys:
            switch value {
            case .object(let o): return [.array(o.keys.sorted().map(JSONValue.string))]
            case .array(let a): return [.array(a.indices.map { .integer(Int64($0)) })]
            default: return []
            }
        case .select(let steps, let equal, let literal):
            let found = walk(steps[...], value).first ?? .null
            return (found == literal) == equal ? [value] : []
        }
    }

    private static func walk(_ steps: ArraySlice<Step>, _ value: JSONValue) -> [JSONValue] {
        guard let step = steps.first else { return [value] }
        let rest = steps.dropFirst()
        switch (step, value) {
        case (.key(let k), .object(let o)): return walk(rest, o[k] ?? .null)
        case (.key, .null): return walk(rest, .null)
        case (.index(let i), .array(let a)):
            let j = i < 0 ? a.count + i : i
            return walk(rest, a.indices.contains(j) ? a[j] : .null)
        case (.each, .array(let a)): return a.flatMap { walk(rest, $0) }
        case (.each, .object(let o)): return o.keys.sorted().flatMap { walk(rest, o[$0]!) }
        default: return []
        }
    }

    private static func stage(_ text: String) throws -> Stage {
        if text == "length" { return .length }
        if text == "keys" { return .keys }
        if text.hasPrefix("select(") && text.hasSuffix(")") {
            let inner = String(text.dropFirst(7).dropLast())
            for (op, equal) in [("!=", false), ("==", true)] {
                if let r = inner.range(of: op) {
                    let lhs = inner[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
                    let rhs = inner[r.upperBound...].trimmingCharacters(in: .whitespaces)
                    guard let literal = try? JSONDecoder().decode(JSONValue.self, from: Data(rhs.utf8)) else {
                        throw CLIError.usage("--jq: \(rhs) is not a JSON literal (a \"string\", number, true, false or null)")
                    }
                    return .select(try path(lhs), equal: equal, literal)
                }
            }
            throw CLIError.usage("--jq: select takes PATH == LITERAL or PATH != LITERAL")
        }
        return .path(try path(text))
    }

    private static func path(_ text: String) throws -> [Step] {
        var steps: [Step] = []
        var rest = Substring(text)
        guard rest.first == "." else { throw unsupported(text) }
        if rest == "." { return [] }
        while !rest.isEmpty {
            if rest.hasPrefix(".[") || rest.hasPrefix("[") {
                rest = rest.drop { $0 == "." }.dropFirst()
                guard let close = rest.firstIndex(of: "]") else { throw unsupported(text) }
                let inside = rest[..<close]
                if inside.isEmpty { steps.append(.each) } else if let n = Int(inside) { steps.append(.index(n)) } else {
                    throw unsupported(text)
                }
                rest = rest[rest.index(after: close)...]
            } else if rest.hasPrefix(".\"") {
                rest = rest.dropFirst(2)
                guard let close = rest.firstIndex(of: "\"") else { throw unsupported(text) }
                steps.append(.key(String(rest[..<close])))
                rest = rest[rest.index(after: close)...]
            } else if rest.hasPrefix(".") {
                rest = rest.dropFirst()
                let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                guard !name.isEmpty else { throw unsupported(text) }
                steps.append(.key(String(name)))
                rest = rest.dropFirst(name.count)
            } else {
                throw unsupported(text)
            }
        }
        return steps
    }

    private static func unsupported(_ text: String) -> CLIError {
        CLIError.usage("--jq: cannot read `\(text)`; this subset takes . .name .\"name\" .[N] .[] | length keys select(PATH == LITERAL)")
    }
}
