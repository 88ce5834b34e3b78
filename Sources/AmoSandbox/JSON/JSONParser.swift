// A small strict JSON parser (RFC 8259) over UTF-8 bytes: keeps key order, tells integers from
// fractions, limits nesting so hostile bodies cannot exhaust the stack.

/// Why a text is not JSON: the message names the byte offset.
public struct JSONParseError: Error, Sendable, CustomStringConvertible {
    /// What was wrong, e.g. "unexpected character 'x'".
    public let reason: String
    /// Byte offset into the input where parsing stopped.
    public let offset: Int
    /// "REASON at byte N".
    public var description: String { "\(reason) at byte \(offset)" }
}

extension SandboxJSON {
    /// Parses UTF-8 JSON text. Throws `JSONParseError` for anything RFC 8259 rejects (trailing
    /// commas, comments, invalid UTF-8, unpaired surrogates, more than 256 levels of nesting).
    public static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws -> SandboxJSON {
        let array = bytes as? [UInt8] ?? Array(bytes)
        return try array.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer)
            parser.skipSpace()
            let value = try parser.value(depth: 0)
            parser.skipSpace()
            guard parser.atEnd else { throw parser.error("unexpected text after the JSON value") }
            return value
        }
    }

    /// Parses JSON text from a string.
    public static func parse(_ text: String) throws -> SandboxJSON { try parse(Array(text.utf8)) }

    /// Parses a JSON array one element at a time: `each` gets each element (with its index) as soon
    /// as it is read, so a large file (a 10,000-widget catalogue) never exists as one tree in memory.
    /// Returns false, without calling `each`, when the text is not an array (the caller then parses
    /// it whole to say what it is). Throws `JSONParseError` as `parse` does, or what `each` throws.
    /// `fast`, when given, may read an element itself straight from the parser (and return true);
    /// when it returns false the element is parsed again from its first byte as a tree for `each`.
    static func parseElements(_ bytes: [UInt8], fast: (inout JSONParser, Int) throws -> Bool = { _, _ in false },
                              _ each: (Int, SandboxJSON) throws -> Void) throws -> Bool {
        try bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer)
            parser.skipSpace()
            guard !parser.atEnd, buffer[parser.i] == UInt8(ascii: "[") else { return false }
            parser.i += 1
            parser.skipSpace()
            if !parser.atEnd, buffer[parser.i] == UInt8(ascii: "]") {
                parser.i += 1
            } else {
                var index = 0
                while true {
                    parser.skipSpace()
                    let start = parser.i
                    if try !fast(&parser, index) {
                        parser.i = start
                        try each(index, try parser.value(depth: 1))
                    }
                    index += 1
                    parser.skipSpace()
                    guard !parser.atEnd else { throw parser.error("unexpected end of input in an array") }
                    if buffer[parser.i] == UInt8(ascii: ",") { parser.i += 1; continue }
                    if buffer[parser.i] == UInt8(ascii: "]") { parser.i += 1; break }
                    throw parser.error("expected ',' or ']'")
                }
            }
            parser.skipSpace()
            guard parser.atEnd else { throw parser.error("unexpected text after the JSON value") }
            return true
        }
    }
}

/// The parser works on a buffer borrowed for the duration of one parse (no copy of the text, no
/// bounds-checked array access in the inner loops).
struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    static let maxDepth = 256

    var atEnd: Bool { i >= bytes.count }

    func error(_ reason: String) -> JSONParseError { JSONParseError(reason: reason, offset: i) }

    mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    mutating func value(depth: Int) throws -> SandboxJSON {
        guard depth < Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth) levels") }
        guard i < bytes.count else { throw error("unexpected end of input") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw error("unexpected character \(Self.show(bytes[i]))")
        }
    }

    static func show(_ b: UInt8) -> String {
        (0x21...0x7E).contains(b) ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(String(b, radix: 16))"
    }

    mutating func literal(_ word: String) throws {
        for b in word.utf8 {
            guard i < bytes.count, bytes[i] == b else { throw error("invalid literal, expected \(word)") }
            i += 1
        }
    }

    mutating func object(depth: Int) throws -> SandboxJSON {
        i += 1
        var obj = JSONObject()
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(obj) }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let key = try string()
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected ':'") }
            i += 1
            skipSpace()
            obj[key] = try value(depth: depth + 1)
            skipSpace()
            guard i < bytes.count else { throw error("unexpected end of input in an object") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(obj) }
            throw error("expected ',' or '}'")
        }
    }

    mutating func array(depth: Int) throws -> SandboxJSON {
        i += 1
        var items: [SandboxJSON] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try value(depth: depth + 1))
            skipSpace()
            guard i < bytes.count else { throw error("unexpected end of input in an array") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            throw error("expected ',' or ']'")
        }
    }

    mutating func number() throws -> SandboxJSON {
        let start = i
        var isInteger = true
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else { throw error("invalid number") }
        if bytes[i] == UInt8(ascii: "0") { i += 1 } else { while i < bytes.count, isDigit(bytes[i]) { i += 1 } }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw error("invalid number: digits expected after '.'") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            isInteger = false
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw error("invalid number: exponent digits expected") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if isInteger, i - start <= 18 {
            // Up to 18 digits cannot overflow Int64: add them up instead of building a String.
            var n = 0, k = start
            let negative = bytes[k] == UInt8(ascii: "-")
            if negative { k += 1 }
            while k < i { n = n * 10 + Int(bytes[k] &- UInt8(ascii: "0")); k += 1 }
            return .int(negative ? -n : n)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        if isInteger, let n = Int(text) { return .int(n) }
        guard let d = Double(text), d.isFinite else { throw JSONParseError(reason: "number out of range", offset: start) }
        return .double(d)
    }

    func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    mutating func string() throws -> String {
        i += 1
        // Most strings have no escapes: find the closing quote and validate the bytes in place.
        let start = i
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                guard let s = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self) else {
                    throw error("invalid UTF-8 in a string")
                }
                i += 1
                return s
            }
            if b == UInt8(ascii: "\\") || b < 0x20 { break }
            i += 1
        }
        var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while true {
            guard i < bytes.count else { throw error("unterminated string") }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; break }
            if b < 0x20 { throw error("control character in a string") }
            if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
            i += 1
            guard i < bytes.count else { throw error("unterminated escape") }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw error("unpaired surrogate")
                    }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw error("unpaired surrogate")
                }
                guard let u = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default: throw error("invalid escape")
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw error("invalid UTF-8 in a string") }
        return s
    }

    mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count, bytes[i..<i + 4].allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }),
              let v = UInt32(String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<i + 4]), as: UTF8.self), radix: 16) else {
            throw error("invalid \\u escape")
        }
        i += 4
        return v
    }
}
