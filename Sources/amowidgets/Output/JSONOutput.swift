import AmoCRM
import Foundation

/// `--json` output: pretty-printed, keys sorted, slashes unescaped, one document per command, to
/// stdout, followed by a newline. The shapes are documented in the README ("JSON output").
enum JSONOutput {
    /// Encodes `value` to stdout.
    /// - Throws: `CLIError` when the value cannot be encoded (a non-finite number).
    static func print(_ value: some Encodable) throws {
        if let filter = JQFilter.current.withLock({ $0 }) {
            let results = filter.apply(try self.value(value))
            Console.out(results.map { JQFilter.render($0) + "\n" }.joined())
            return
        }
        Console.out(try text(value) + "\n")
    }

    /// The JSON text of `value` (no trailing newline).
    static func text(_ value: some Encodable) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try e.encode(value), as: UTF8.self)
        } catch {
            throw CLIError("cannot encode the output as JSON: \(error)")
        }
    }

    /// A value as `JSONValue` (through its `Encodable` shape), to add or remove members.
    static func value(_ value: some Encodable) throws -> JSONValue {
        let data = try JSONEncoder().encode(value)
        return try JSONDecoder().decode(JSONValue.self, from: data)
    }
}
