import Foundation

/// Reply bodies parsed by Foundation (`JSONSerialization`) and turned into `JSONValue`s without a
/// `Decoder`: JSON parsing is not what this project is for, so the client uses the platform's
/// library rather than its own parser (issue 6: the `JSONDecoder` + `JSONValue.init(from:)` path
/// throws and catches a probe per value; this one converts each value by its runtime type).
///
/// What Foundation accepts: RFC 8259, plus a trailing comma (`[1,]`); nesting up to 512. It refuses
/// the whole document for bad syntax, truncation, trailing text, invalid UTF-8, a raw control
/// character or lone surrogate in a string, and a number beyond `Double`'s range.
enum JSONTree {
    /// The document in `bytes` as Foundation's tree: `String`, `NSNumber` (booleans too), `NSNull`,
    /// `[Any]`, `[String: Any]`. Top-level scalars are allowed.
    /// - Throws: `DecodingError.dataCorrupted` with an empty coding path (so `ReplyMapper` reports
    ///   "truncated or malformed JSON"); the description is Foundation's.
    static func parse(_ bytes: [UInt8]) throws(DecodingError) -> Any {
        do {
            return try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "malformed JSON"
            throw .dataCorrupted(.init(codingPath: [], debugDescription: reason))
        }
    }

    /// The whole document as a `JSONValue`. Throws as `parse`.
    static func value(of bytes: [UInt8]) throws(DecodingError) -> JSONValue {
        value(try parse(bytes))
    }

    /// One node of a parsed tree as a `JSONValue`. Numbers keep their integer-ness as
    /// `JSONValue.init(from:)` does: a number that is exactly an `Int64` (`459`, `2.0`, `1e2`) is
    /// `.integer`, any other `.double`. Never throws: anything else (`NSNull`) is `.null`.
    static func value(_ node: Any) -> JSONValue {
        // The branch is chosen by the exact runtime type, so each cast below succeeds on the
        // runtime's fast path: a failing `as?` on Linux walks bridging and protocol conformances
        // (~1,200 instructions), and casting a Swift dictionary or array to a class (`NSNumber`)
        // first bridges it to `NSDictionary`/`NSArray`, which costs more than the parse itself.
        let type = Swift.type(of: node)
        if type == String.self, let s = node as? String { return .string(s) }
        if type == [String: Any].self, let o = node as? [String: Any] { return .object(o.mapValues(value)) }
        if type == [Any].self, let a = node as? [Any] { return .array(a.map(value)) }
        if type is NSNumber.Type, let n = node as? NSNumber { return number(n) }
        return .null  // NSNull
    }

    /// A Foundation number: booleans are `NSNumber`s of type "c" (`CFBoolean`); integers "q"/"i"…,
    /// unsigned ones above `Int64.max` "Q", everything else (fractions, exponents, huge decimals) "d".
    private static func number(_ n: NSNumber) -> JSONValue {
        switch UInt8(bitPattern: n.objCType.pointee) {
        case UInt8(ascii: "c"), UInt8(ascii: "B"): return .bool(n.boolValue)
        case UInt8(ascii: "q"), UInt8(ascii: "i"), UInt8(ascii: "l"), UInt8(ascii: "s"): return .integer(n.int64Value)
        case UInt8(ascii: "Q"), UInt8(ascii: "I"), UInt8(ascii: "L"), UInt8(ascii: "S"):
            let u = n.uint64Value
            return u <= UInt64(Int64.max) ? .integer(Int64(u)) : .double(Double(u))
        default:
            let d = n.doubleValue
            guard d.isFinite else { return .null }
            return Int64(exactly: d).map(JSONValue.integer) ?? .double(d)
        }
    }
}
