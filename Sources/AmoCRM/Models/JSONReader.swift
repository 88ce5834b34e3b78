/// A JSON reader over raw bytes that builds `JSONValue`s directly: the fast path of every reply the
/// client decodes (issue 6: going through `JSONDecoder` and `JSONValue.init(from:)`, whose type probes
/// throw and catch per value, took ~34 ms for a 250-widget page).
///
/// Grammar: RFC 8259, plus trailing commas (`[1,]`), which `JSONDecoder` also accepts. Nesting is
/// limited to `maxDepth`. Numbers keep their integer-ness like `JSONValue.init(from:)`: a number that is
/// exactly an `Int64` (`459`, `2.0`, `1e2`) is `.integer`, any other finite number `.double`.
///
/// Two kinds of failure:
/// - structural (bad syntax, truncation, nesting too deep, trailing garbage): throws
///   `DecodingError.dataCorrupted` with an empty coding path;
/// - content (a string with invalid UTF-8, a raw control character or a lone surrogate escape; a
///   number out of `Double`'s range): the structure is still known, so reading goes on and
///   `contentErrors` counts it (the string is read with U+FFFD replacements, the number as `null`).
///   A caller reading a list can then drop just the item that held it (`HALCollection`); `parse`
///   refuses the whole document.
struct JSONReader {
    // Internal (not private) for the scalar readers in JSONReader+Scalars.swift only.
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    private var depth = 0
    /// Strings and numbers read so far that were not valid (see above).
    var contentErrors = 0
    /// Deepest nesting of arrays and objects accepted (as `JSONDecoder`): guards the stack.
    static let maxDepth = 512

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The whole document as one value. Throws `DecodingError.dataCorrupted` for a structural or a
    /// content error.
    static func parse(_ bytes: [UInt8]) throws(DecodingError) -> JSONValue {
        try read(bytes) { (reader: inout JSONReader) throws(DecodingError) -> JSONValue in
            let value = try reader.readValue()
            guard reader.contentErrors == 0 else { throw corrupted("invalid UTF-8, control character or number in the JSON") }
            return value
        }
    }

    /// Runs `body` on a reader of `bytes`, then checks that only whitespace follows what it read
    /// (unless `toEnd` is false: a caller that looks at the start of a document only).
    static func read<T>(_ bytes: [UInt8], toEnd: Bool = true,
                        _ body: (inout JSONReader) throws(DecodingError) -> T) throws(DecodingError) -> T {
        let result: Result<T, DecodingError> = bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer)
            do throws(DecodingError) {
                let value = try body(&reader)
                reader.skipWhitespace()
                guard !toEnd || reader.index == buffer.count else { throw corrupted("unexpected text after the JSON value") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    static func corrupted(_ what: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: [], debugDescription: what))
    }

    // MARK: Navigation (for readers that look at a document member by member)

    /// The first byte of the next value (after whitespace), nil at the end.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return index < bytes.count ? bytes[index] : nil
    }

    /// Consumes `{`. Then call `nextKey(first:)` until it returns nil, reading each member's value.
    mutating func beginObject() throws(DecodingError) {
        try expect(UInt8(ascii: "{"))
        try enter()
    }

    /// The next member's key (its `:` consumed), or nil after the closing `}`. `first` must start
    /// true for each object.
    mutating func nextKey(first: inout Bool) throws(DecodingError) -> String? {
        guard try nextItem(closing: UInt8(ascii: "}"), first: &first) else { return nil }
        try expect(UInt8(ascii: "\""))
        let key = readStringBody()
        try expect(UInt8(ascii: ":"))
        return key
    }

    /// Consumes `[`. Then call `nextElement(first:)` until it returns false, reading each element.
    mutating func beginArray() throws(DecodingError) {
        try expect(UInt8(ascii: "["))
        try enter()
    }

    /// Whether another element follows (true) or the closing `]` was consumed (false).
    mutating func nextElement(first: inout Bool) throws(DecodingError) -> Bool {
        try nextItem(closing: UInt8(ascii: "]"), first: &first)
    }

    // MARK: Values

    /// The next value, whatever its type.
    mutating func readValue() throws(DecodingError) -> JSONValue {
        guard let byte = peek() else { throw Self.corrupted("unexpected end of the JSON") }
        switch byte {
        case UInt8(ascii: "\""):
            index += 1
            return .string(readStringBody())
        case UInt8(ascii: "{"):
            try beginObject()
            var members: [String: JSONValue] = [:]
            var first = true
            while let key = try nextKey(first: &first) { members[key] = try readValue() }
            return .object(members)
        case UInt8(ascii: "["):
            try beginArray()
            var elements: [JSONValue] = []
            var first = true
            while try nextElement(first: &first) { elements.append(try readValue()) }
            return .array(elements)
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber()
        default: throw Self.corrupted("unexpected character at offset \(index)")
        }
    }

    /// The next value, which must be an object, as its members in document order (no dictionary:
    /// see `JSONMembers`).
    mutating func readMembers() throws(DecodingError) -> JSONMembers {
        try beginObject()
        var pairs: [(key: String, value: JSONValue)] = []
        pairs.reserveCapacity(16)
        var first = true
        while let key = try nextKey(first: &first) { pairs.append((key, try readValue())) }
        return JSONMembers(pairs: pairs)
    }

    // MARK: Private

    private mutating func enter() throws(DecodingError) {
        depth += 1
        guard depth <= Self.maxDepth else { throw Self.corrupted("JSON nested deeper than \(Self.maxDepth)") }
    }

    /// Shared by objects and arrays: consumes the `,` before an item or the closing bracket.
    private mutating func nextItem(closing: UInt8, first: inout Bool) throws(DecodingError) -> Bool {
        guard let byte = peek() else { throw Self.corrupted("unexpected end of the JSON") }
        if byte == closing {
            index += 1
            depth -= 1
            return false
        }
        if first {
            first = false
            return true
        }
        guard byte == UInt8(ascii: ",") else { throw Self.corrupted("expected , or \(Character(Unicode.Scalar(closing))) at offset \(index)") }
        index += 1
        if peek() == closing {  // a trailing comma
            index += 1
            depth -= 1
            return false
        }
        return true
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func expect(_ byte: UInt8) throws(DecodingError) {
        guard peek() == byte else { throw Self.corrupted("expected \(Character(Unicode.Scalar(byte))) at offset \(index)") }
        index += 1
    }

    private mutating func literal(_ word: StaticString) throws(DecodingError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw Self.corrupted("unexpected end of the JSON") }
        for i in 0..<count where bytes[index + i] != word.utf8Start[i] {
            throw Self.corrupted("unexpected character at offset \(index + i)")
        }
        index += count
    }
}
