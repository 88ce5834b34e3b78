import Foundation

/// A widget's catalogue rating as sent by `GET /api/v4/widgets`.
///
/// The live service sends it as a string with a decimal comma (`"2,8"`), the docs of other clients
/// show `"2.8"`, `2.8` or `3`. `value` is the number when the text is one (comma or point accepted),
/// `raw` is the text as received, kept for display.
public struct Rating: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The rating as a number (finite), or nil when the text is not a number.
    public var value: Double?
    /// The text as the server sent it (a JSON number is kept as its JSON text, `3` -> "3").
    public var raw: String

    /// A rating from the server's text; `value` is parsed with a decimal comma or point.
    public init(raw: String) {
        self.raw = raw
        self.value = Rating.parse(raw)
    }

    /// Reads `"2,8"`, `"2.8"`, `2.8`, `3`. `null` and `""` are not decoded here: `Widget` maps them
    /// to a nil rating. Any other JSON type throws `DecodingError.typeMismatch`.
    public init(from decoder: Decoder) throws {
        let json = try JSONValue(from: decoder)
        switch json {
        case .string(let s): self.init(raw: s)
        case .integer(let i): self.init(raw: String(i))
        case .double(let d): self.init(raw: JSONValue.text(of: d))
        default:
            throw DecodingError.typeMismatch(
                Rating.self, .init(codingPath: decoder.codingPath, debugDescription: "rating is not text or a number"))
        }
    }

    /// Encodes the raw text, as the server sends it.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(raw)
    }

    /// The number with one decimal (`"2,8"` -> "2.8"), or the raw text when it is not a number.
    public var description: String {
        guard let value else { return raw }
        return String(format: "%.1f", value)
    }

    /// The number in `text` (surrounding whitespace ignored, a decimal comma read as a point), when
    /// it holds only ASCII digits, `.`, `,`, `-` and `+`. Byte by byte, without Foundation's string
    /// calls (they bridged through NSString and cost a sixth of a page load: issue 6).
    static func parse(_ text: String) -> Double? {
        var number: [UInt8] = []
        number.reserveCapacity(8)
        for byte in trimmed(text).utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"): number.append(byte)
            case UInt8(ascii: ","): number.append(UInt8(ascii: "."))
            default: return nil
            }
        }
        guard !number.isEmpty, let d = Double(String(decoding: number, as: UTF8.self)), d.isFinite else { return nil }
        return d
    }

    /// `text` without leading and trailing whitespace or newlines.
    static func trimmed(_ text: String) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return Substring(scalars[first...last])
    }

    /// Rating from an optional JSON member: null, missing and blank text give nil.
    static func from(_ json: JSONValue?) -> Rating? {
        switch json {
        case .string(let s)?:
            let t = trimmed(s)
            return t.isEmpty ? nil : Rating(raw: String(t))
        case .integer(let i)?: return Rating(raw: String(i))
        case .double(let d)?: return d.isFinite ? Rating(raw: JSONValue.text(of: d)) : nil
        default: return nil
        }
    }
}
