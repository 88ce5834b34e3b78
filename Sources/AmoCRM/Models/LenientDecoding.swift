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
/// documented default instead of failing the whole document. The rules live on `JSONValue`; the
/// models read a parsed object (`JSONObjectDecodable`), `ProblemDetails` a keyed container.
extension JSONValue {
    /// An integer given as a JSON integer, an integral double, or a decimal string; else nil.
    static func lenientInt(_ value: JSONValue?) -> Int? {
        switch value {
        case .integer(let i)?: return Int(exactly: i)
        case .double(let d)? where d.rounded() == d && abs(d) < 9e15: return Int(d)
        case .string(let s)?: return Int(s.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    /// A string; numbers are kept as their JSON text (`1` -> "1"); null, missing and other types -> nil.
    static func lenientString(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let s)?: return s
        case .integer(let i)?: return String(i)
        case .double(let d)?: return JSONValue.text(of: d)
        default: return nil
        }
    }

    /// A boolean given as `true`/`false`, `0`/`1` or the strings "true"/"false"/"1"/"0"; else `fallback`.
    static func lenientBool(_ value: JSONValue?, default fallback: Bool = false) -> Bool {
        switch value {
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

    /// `_links.<name>.href` of a HAL object value, or nil.
    static func halLink(_ links: JSONValue?, _ name: String) -> String? {
        links?[name]?["href"]?.stringValue
    }
}

/// The members of one JSON object, converted to `JSONValue` only when looked up: a model reads a
/// dozen members of a widget, so the rest of Foundation's tree is never converted (issue 6). Read
/// with the tolerant rules of `JSONValue.lenient…`.
struct JSONMembers {
    private enum Storage {
        case parsed([String: Any])
        case values([String: JSONValue])
    }
    private let storage: Storage

    /// The members of an object from `JSONTree.parse` (Foundation's tree).
    init(parsed object: [String: Any]) { storage = .parsed(object) }

    /// The members of an already decoded object.
    init(_ object: [String: JSONValue]) { storage = .values(object) }

    /// The value of member `key`, nil when absent (a JSON `null` is `.null`).
    subscript(key: String) -> JSONValue? {
        switch storage {
        case .parsed(let o): o[key].map(JSONTree.value)
        case .values(let o): o[key]
        }
    }

    func lenientInt(_ key: String) -> Int? { JSONValue.lenientInt(self[key]) }
    func lenientString(_ key: String) -> String? { JSONValue.lenientString(self[key]) }
    func lenientBool(_ key: String, default fallback: Bool = false) -> Bool { JSONValue.lenientBool(self[key], default: fallback) }
    func halLink(_ name: String) -> String? { JSONValue.halLink(self["_links"], name) }

    /// A required member read with `read`; throws `DecodingError.keyNotFound` at `codingPath` when it
    /// yields nil, so the caller learns which field was missing.
    func required<T>(_ key: String, at codingPath: [any CodingKey], _ read: (String) -> T?) throws(DecodingError) -> T {
        if let v = read(key) { return v }
        throw DecodingError.keyNotFound(
            AnyKey(key), .init(codingPath: codingPath, debugDescription: "missing or unreadable field \(key)"))
    }
}

/// A model built from a parsed JSON object: what `ReplyMapper` and `HALCollection` use with
/// `JSONTree` (Foundation's parser, no `Decoder` in between). Its `Decodable` conformance reads the same way through
/// `JSONValue.object(from:)`, so both paths give the same model.
protocol JSONObjectDecodable: Decodable {
    /// The model from `object`; throws `DecodingError.keyNotFound` (at `codingPath`) for a missing
    /// required member.
    init(object: JSONMembers, codingPath: [any CodingKey]) throws(DecodingError)
}

extension JSONValue {
    /// The value at `decoder` as an object; `DecodingError.typeMismatch` when it is not one.
    static func object(from decoder: any Decoder) throws -> JSONMembers {
        guard case .object(let members) = try JSONValue(from: decoder) else {
            throw DecodingError.typeMismatch(
                [String: JSONValue].self, .init(codingPath: decoder.codingPath, debugDescription: "expected a JSON object"))
        }
        return JSONMembers(members)
    }
}

/// The same readers on a keyed container, for types still decoded through `Decoder` (`ProblemDetails`).
extension KeyedDecodingContainer where Key == AnyKey {
    /// The member as a JSON value, or nil when missing or not JSON-representable.
    func value(_ key: String) -> JSONValue? {
        guard contains(AnyKey(key)) else { return nil }
        return try? decode(JSONValue.self, forKey: AnyKey(key))
    }

    func lenientInt(_ key: String) -> Int? { JSONValue.lenientInt(value(key)) }
    func lenientString(_ key: String) -> String? { JSONValue.lenientString(value(key)) }
}

extension JSONValue {
    /// The shortest JSON-like text of a double: `2.8` -> "2.8", `3.0` -> "3".
    static func text(of d: Double) -> String {
        if d.rounded() == d, abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }
}
