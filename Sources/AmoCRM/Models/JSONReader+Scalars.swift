/// Strings and numbers of `JSONReader`: the byte-level part, kept apart from the structure.
extension JSONReader {
    /// A string after its opening quote, through the closing quote. Unescaped runs are copied in one
    /// piece; invalid content counts in `contentErrors`.
    mutating func readStringBody() -> String {
        let start = index
        var ascii = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let run = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                return makeString(run, ascii: ascii)
            }
            if byte == UInt8(ascii: "\\") { return readEscapedString(from: start) }
            if byte < 0x20 { contentErrors += 1 }
            if byte >= 0x80 { ascii = false }
            index += 1
        }
        contentErrors += 1  // unterminated: the caller's next `expect` reports the structure
        return ""
    }

    private mutating func makeString(_ run: UnsafeBufferPointer<UInt8>, ascii: Bool) -> String {
        if ascii { return String(decoding: run, as: UTF8.self) }
        if let valid = String(validating: run, as: UTF8.self) { return valid }
        contentErrors += 1
        return String(decoding: run, as: UTF8.self)
    }

    /// The slow path of `readStringBody` once a backslash is met: unescapes into a byte buffer.
    private mutating func readEscapedString(from start: Int) -> String {
        var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return makeString(out)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"): appendUnicodeEscape(to: &out)
                default: contentErrors += 1
                }
            default:
                if byte < 0x20 { contentErrors += 1 }
                out.append(byte)
            }
        }
        contentErrors += 1
        return ""
    }

    private mutating func makeString(_ utf8: [UInt8]) -> String {
        utf8.withUnsafeBufferPointer { makeString($0, ascii: false) }
    }

    /// `\uXXXX` (its `u` consumed), joining a surrogate pair; a lone surrogate is a content error.
    private mutating func appendUnicodeEscape(to out: inout [UInt8]) {
        guard let high = hex4() else { contentErrors += 1; return }
        var scalar = Unicode.Scalar(high)
        if (0xD800..<0xDC00).contains(high), index + 1 < bytes.count,
           bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
            let mark = index
            index += 2
            if let low = hex4(), (0xDC00..<0xE000).contains(low) {
                scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            } else {
                index = mark  // not a low surrogate: read it as its own escape next
            }
        }
        guard let scalar else { contentErrors += 1; out.append(contentsOf: [0xEF, 0xBF, 0xBD]); return }
        if let encoded = UTF8.encode(scalar) { out.append(contentsOf: encoded) }
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// A number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. Integers are summed up
    /// directly; anything else goes through `Double`'s parser.
    mutating func readNumber() throws(DecodingError) -> JSONValue {
        let start = index
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let digitsStart = index
        var magnitude: UInt64 = 0
        var overflow = false
        while index < bytes.count, case let d = bytes[index] &- UInt8(ascii: "0"), d < 10 {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(d))
            overflow = overflow || o1 || o2
            magnitude = sum
            index += 1
        }
        let digits = index - digitsStart
        guard digits > 0 else { throw Self.corrupted("bad number at offset \(start)") }
        if digits > 1, bytes[digitsStart] == UInt8(ascii: "0") { throw Self.corrupted("leading zero at offset \(start)") }
        var integral = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard skipDigits() > 0 else { throw Self.corrupted("bad number at offset \(start)") }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            integral = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard skipDigits() > 0 else { throw Self.corrupted("bad number at offset \(start)") }
        }
        if integral, !overflow {
            if negative, magnitude <= UInt64(Int64.max) + 1 { return .integer(Int64(truncatingIfNeeded: 0 &- magnitude)) }
            if !negative, magnitude <= UInt64(Int64.max) { return .integer(Int64(magnitude)) }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let d = Double(text), d.isFinite else { contentErrors += 1; return .null }
        if let i = Int64(exactly: d) { return .integer(i) }
        return .double(d)
    }

    private mutating func skipDigits() -> Int {
        let start = index
        while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        return index - start
    }
}
