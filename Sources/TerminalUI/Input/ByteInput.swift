/// Turns the bytes `wgetch` returns in a non-UTF-8 locale (LANG=C) back into characters.
///
/// Why: in such a locale `wget_wch` cannot decode the bytes a UTF-8 terminal sends for Cyrillic and
/// silently drops them, so typed text would be lost. Most terminals send UTF-8 whatever the server's
/// locale says (an SSH session with LANG=C), so bytes forming valid UTF-8 become those characters;
/// any other byte ≥ 0x80 is taken as Latin-1 (what an 8-bit terminal means by it). A sequence split
/// across reads is kept until its remaining bytes arrive. Pure: tested without a terminal.
public struct UTF8ByteAssembler: Sendable {
    private var pending: [UInt8] = []

    public init() {}

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
                return bytes.map(UInt32.init)
            }
            // Not a continuation: the pending bytes were not UTF-8; the new byte starts afresh.
            let given = pending.map(UInt32.init)
            pending = []
            return given + feed(byte)
        }
        if byte < 0x80 { return [UInt32(byte)] }
        if Self.length(lead: byte) > 1 { pending = [byte]; return [] }
        return [UInt32(byte)]  // a stray continuation or an invalid lead byte: Latin-1
    }

    /// Gives up a sequence still incomplete (e.g. before a function key): its bytes as Latin-1.
    public mutating func flush() -> [UInt32] {
        defer { pending = [] }
        return pending.map(UInt32.init)
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
