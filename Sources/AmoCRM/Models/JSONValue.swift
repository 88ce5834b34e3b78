/// Any JSON value, kept exactly as sent: widget `settings` are undocumented for the `custom` type and
/// `users` values arrive as strings or integers, so settings are stored and echoed without a schema.
///
/// Numbers keep their integer-ness: `459` decodes as `.integer(459)` and encodes back as `459`, not
/// `459.0`. Object key order is not preserved (JSON objects are unordered); encoding sorts keys.
public enum JSONValue: Hashable, Sendable, Codable {
    case null
    case bool(Bool)
    case integer(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Reads any value through a `Decoder` (e.g. `JSONDecoder`). A `Decoder` cannot be asked for the
    /// type, so each type is tried, the most frequent first (strings, then objects); a failed try
    /// throws and costs, which is why the client reads replies with `JSONTree` (Foundation's
    /// `JSONSerialization`, converted by runtime type) instead.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let o = try? c.decode([String: JSONValue].self) { self = .object(o) }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int64.self) { self = .integer(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a JSON value") }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .integer(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// The string, when this is `.string`.
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    /// The members, when this is `.object`.
    public var objectValue: [String: JSONValue]? { if case .object(let o) = self { o } else { nil } }
    /// Member `key` of an object, or nil.
    public subscript(key: String) -> JSONValue? { objectValue?[key] }
}
