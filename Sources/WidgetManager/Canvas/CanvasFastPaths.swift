/// The two things every frame does to thousands of cells — writing ASCII text and comparing a row
/// with the previous frame's — done without per-cell `String`/`Character` work or reference
/// counting (issue 6: a frame of 200×60 is ~12,000 cells; these were most of a keystroke's CPU).
extension Canvas {
    /// Whether row `y` holds the same cells as row `y` of `other`: the same answer as
    /// `rows[y] == other.rows[y]`, but a cell's text is first compared by its bits (identical bits
    /// are the same string; only differing bits fall back to `String ==`), with no copies of cells.
    /// A row missing from either canvas is not the same.
    public func sameRow(_ y: Int, as other: Canvas) -> Bool {
        guard y >= 0, y < height, y < other.height else { return false }
        return Self.sameCells(rows[y], other.rows[y])
    }

    static func sameCells(_ a: [Cell], _ b: [Cell]) -> Bool {
        guard a.count == b.count else { return false }
        guard !a.isEmpty, let textAt = MemoryLayout<Cell>.offset(of: \Cell.text) else { return a == b }
        let stride = MemoryLayout<Cell>.stride
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                guard let baseA = pa.baseAddress, let baseB = pb.baseAddress else { return a == b }
                let rawA = UnsafeRawPointer(baseA), rawB = UnsafeRawPointer(baseB)
                for i in 0..<pa.count {
                    if pa[i].width != pb[i].width || pa[i].style != pb[i].style { return false }
                    let o = i * stride + textAt
                    // A String is two machine words; small strings (every single grapheme up to 15
                    // UTF-8 bytes) keep their text in them, so equal text almost always has equal bits.
                    let a0 = rawA.load(fromByteOffset: o, as: UInt64.self), a1 = rawA.load(fromByteOffset: o + 8, as: UInt64.self)
                    let b0 = rawB.load(fromByteOffset: o, as: UInt64.self), b1 = rawB.load(fromByteOffset: o + 8, as: UInt64.self)
                    if (a0 != b0 || a1 != b1) && pa[i].text != pb[i].text { return false }
                }
                return true
            }
        }
    }

    /// One-character strings for the ASCII bytes, built once (a frame writes thousands of them).
    static let asciiText: [String] = (0..<128).map { String(Unicode.Scalar(UInt8($0))) }

    /// `put` for printable ASCII text (U+0020–U+007E: nothing to sanitize, one column a byte):
    /// the same cells as the general path, written byte by byte. Returns nil (having written
    /// nothing) when `text` holds anything else.
    mutating func putASCII(_ text: some StringProtocol, x: Int, y: Int, limit: Int, style: Style) -> Int? {
        for byte in text.utf8 where byte < 0x20 || byte > 0x7E { return nil }
        let table = Self.asciiText
        return rows[y].withUnsafeMutableBufferPointer { row in
            var col = x
            for byte in text.utf8 {
                if col + 1 > limit { break }
                if col >= 0 {
                    // As `clearWide`: never leave half of a wide character behind.
                    if row[col].width == 2, col + 1 < row.count { row[col + 1] = Cell(" ", style: row[col].style) }
                    if row[col].width == 0, col > 0, row[col - 1].width == 2 { row[col - 1] = Cell(" ", style: row[col - 1].style) }
                    row[col] = Cell(table[Int(byte)], width: 1, style: style)
                }
                col += 1
            }
            return col
        }
    }
}
