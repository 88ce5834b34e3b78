/// Turns the bytes `wgetch` returns back into characters, whatever the locale.
///
/// Why bytes: in a non-UTF-8 locale (LANG=C) `wget_wch` cannot decode the bytes a UTF-8 terminal
/// sends for Cyrillic and silently drops them, so typed text would be lost; in a UTF-8 locale it
/// swallows a byte that is not UTF-8 together with up to 15 bytes after it (the rest of a paste, its
/// end marker). Bytes forming valid UTF-8 become those characters; any other byte becomes `invalid`'s
/// choice: in a non-UTF-8 locale its Latin-1 character (what an 8-bit terminal means by it — most
/// terminals send UTF-8 whatever the server's locale says, e.g. an SSH session with LANG=C), in a
/// UTF-8 locale U+FFFD. A sequence split across reads is kept until its remaining bytes arrive.
/// Pure: tested without a terminal.
public struct UTF8ByteAssembler: Sendable {
    /// What a byte that is not part of valid UTF-8 becomes.
    public enum Invalid: Sendable {
        /// Its Latin-1 character (U+0080–U+00FF for bytes ≥ 0x80).
        case latin1
        /// U+FFFD REPLACEMENT CHARACTER, one per byte.
        case replacement
    }

    private var pending: [UInt8] = []
    /// The choice for bytes that are not UTF-8.
    public let invalid: Invalid

    public init(invalid: Invalid = .latin1) { self.invalid = invalid }

    /// True while the start of a multi-byte sequence waits for more bytes.
    public var isWaiting: Bool { !pending.isEmpty }

    /// Feeds one byte. - Returns: the Unicode scalar values completed by it (none while a sequence is
    /// incomplete; several when a broken sequence is given up as Latin-1 bytes).
    public mutating func feed(_ byte: UInt8) -> [UInt32] {
        if !pending.isEmpty {
            if byte & 0xC0 == 0x80 {
                pending.append(byte)
                if pending.count < Self.length(lead: pending[0]) { return [] }
                let bytes = pending
                pending = []
                if let scalar = Self.decode(bytes) { return [scalar] }
                return bytes.map(given)
            }
            // Not a continuation: the pending bytes were not UTF-8; the new byte starts afresh.
            let broken = pending.map(given)
            pending = []
            return broken + feed(byte)
        }
        if byte < 0x80 { return [UInt32(byte)] }
        if Self.length(lead: byte) > 1 { pending = [byte]; return [] }
        return [given(byte)]  // a stray continuation or an invalid lead byte
    }

    /// Gives up a sequence still incomplete (e.g. before a function key): its bytes as `invalid` says.
    public mutating func flush() -> [UInt32] {
        defer { pending = [] }
        return pending.map(given)
    }

    /// The scalar value a byte outside valid UTF-8 stands for.
    private func given(_ byte: UInt8) -> UInt32 {
        invalid == .latin1 || byte < 0x80 ? UInt32(byte) : 0xFFFD
    }

    /// The length of the UTF-8 sequence a lead byte starts (1 for bytes that cannot lead one).
    static func length(lead: UInt8) -> Int {
        switch lead {
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 1
        }
    }

    /// The scalar of a complete sequence, or nil when it is overlong, a surrogate or out of range.
    static func decode(_ bytes: [UInt8]) -> UInt32? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar.value }
        return nil
    }
}
