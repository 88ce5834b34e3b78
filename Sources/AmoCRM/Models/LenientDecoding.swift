import Foundation

/// A coding key built from any string: lets the tolerant decoders read members by name without a
/// fixed `CodingKeys` enum (HAL `_embedded` keys, snake_case fields read one by one).
struct AnyKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { stringValue = String(intValue) }
}

/// Tolerant field readers shared by the models. The live service has sent integers as strings,
/// versions as integers and booleans as 0/1 (see shared/amocrm-api.md), so the models read fields
/// through these helpers: a field that is missing, `null` or of a surprising type becomes nil or a
/// documented default instead of failing the whole document.
extension KeyedDecodingContainer where Key == AnyKey {
    /// The member as a JSON value, or nil when missing or not JSON-representable.
    func value(_ key: String) -> JSONValue? {
        guard contains(AnyKey(key)) else { return nil }
        return try? decode(JSONValue.self, forKey: AnyKey(key))
    }

    /// An integer given as a JSON integer, an integral double, or a decimal string; else nil.
    func lenientInt(_ key: String) -> Int? {
        switch value(key) {
        case .integer(let i)?: return Int(exactly: i)
        case .double(let d)? where d.rounded() == d && abs(d) < 9e15: return Int(d)
        case .string(let s)?: return Int(s.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    /// A string; numbers are kept as their JSON text (`1` -> "1"); null, missing and other types -> nil.
    func lenientString(_ key: String) -> String? {
        switch value(key) {
        case .string(let s)?: return s
        case .integer(let i)?: return String(i)
        case .double(let d)?: return JSONValue.text(of: d)
        default: return nil
        }
    }

    /// A boolean given as `true`/`false`, `0`/`1` or the strings "true"/"false"/"1"/"0"; else `fallback`.
    func lenientBool(_ key: String, default fallback: Bool = false) -> Bool {
        switch value(key) {
        case .bool(let b)?: return b
        case .integer(let i)?: return i != 0
        case .string(let s)?:
            switch s.lowercased() {
            case "true", "1", "y", "yes": return true
            case "false", "0", "n", "no", "": return false
            default: return fallback
            }
        default: return fallback
        }
    }

    /// `_links.<name>.href` of a HAL object, or nil.
    func halLink(_ name: String) -> String? {
        value("_links")?[name]?["href"]?.stringValue
    }

    /// A required member read with `read`; throws `DecodingError.keyNotFound` when it yields nil, so the
    /// caller learns which field was missing.
    func required<T>(_ key: String, _ read: (String) -> T?) throws -> T {
        if let v = read(key) { return v }
        throw DecodingError.keyNotFound(
            AnyKey(key),
            .init(codingPath: codingPath, debugDescription: "missing or unreadable field \(key)"))
    }
}

extension JSONValue {
    /// The shortest JSON-like text of a double: `2.8` -> "2.8", `3.0` -> "3".
    static func text(of d: Double) -> String {
        if d.rounded() == d, abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }
}
