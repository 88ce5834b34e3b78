// The sandbox's own JSON value: it never borrows the client's models or decoders (docs/ARCHITECTURE.md).

/// A JSON value as the sandbox stores and sends it.
///
/// Objects keep their keys in insertion order, so answers come out in the order the API
/// documents (`id`, `code`, `version`, ...); equality ignores that order. Integers and
/// fractional numbers stay apart, because the API tells `459` from `4.5` (a `users` value may be
/// an integer, never a fraction).
public indirect enum SandboxJSON: Sendable, Equatable {
    /// `null`
    case null
    /// `true` / `false`
    case bool(Bool)
    /// A number without fraction or exponent that fits `Int`.
    case int(Int)
    /// Any other number.
    case double(Double)
    /// A string (any Unicode).
    case string(String)
    /// An array.
    case array([SandboxJSON])
    /// An object, keys in order.
    case object(JSONObject)

    /// The string, when this is a JSON string.
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    /// The integer, when this is a JSON integer.
    public var intValue: Int? { if case .int(let i) = self { return i } else { return nil } }
    /// The boolean, when this is a JSON boolean.
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    /// The object, when this is a JSON object.
    public var objectValue: JSONObject? { if case .object(let o) = self { return o } else { return nil } }
    /// The elements, when this is a JSON array.
    public var arrayValue: [SandboxJSON]? { if case .array(let a) = self { return a } else { return nil } }

    /// The member `key` of an object; nil for a missing key or a non-object.
    public subscript(key: String) -> SandboxJSON? { objectValue?[key] }

    /// A JSON object from pairs, in this order.
    static func obj(_ pairs: [(String, SandboxJSON)]) -> SandboxJSON { .object(JSONObject(pairs)) }
}

/// A JSON object that remembers the order of its keys.
public struct JSONObject: Sendable, Equatable {
    /// The keys in insertion order.
    public private(set) var keys: [String] = []
    private var values: [String: SandboxJSON] = [:]

    /// An empty object.
    public init() {}

    /// An object from pairs; a repeated key keeps its first place and its last value.
    public init(_ pairs: [(String, SandboxJSON)]) {
        for (k, v) in pairs { self[k] = v }
    }

    /// The number of members.
    public var count: Int { keys.count }
    /// True when the object has no members.
    public var isEmpty: Bool { keys.isEmpty }

    /// The member `key`; setting nil removes it.
    public subscript(key: String) -> SandboxJSON? {
        get { values[key] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// The members in key order.
    public var members: [(key: String, value: SandboxJSON)] { keys.map { ($0, values[$0] ?? .null) } }

    /// Equal members, whatever their order.
    public static func == (a: JSONObject, b: JSONObject) -> Bool { a.values == b.values }
}
