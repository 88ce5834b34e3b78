/// Turns a bracketed paste (raw, from the terminal) into text for a one-line box.
///
/// Two policies, chosen by what the box holds:
/// - `.firstLine` (text, password, user cells, the filter): the text is cut at the first line break —
///   the rest is counted in `droppedLines`, never put in the box.
/// - `.joinLines` (`custom` fields, which hold JSON): every line break becomes a space, so pasted
///   multi-line JSON stays whole and valid.
/// Line breaks at the end are dropped first (a copied line usually ends with one, and a token must not
/// gain a space or lose its line).
/// In both, a tab becomes a space and every other control character (ESC, C1 codes, DEL, bidi
/// overrides: `TextSanitizer.isUnsafe`) is removed, so a paste cannot move the cursor or reorder the
/// row; a CR LF pair is one line break.
public struct PastedText: Hashable, Sendable {
    /// How line breaks are treated (see the type's doc).
    public enum Policy: Hashable, Sendable { case firstLine, joinLines }

    /// What goes into the box.
    public var text: String
    /// Lines left out by `.firstLine` (0 when the paste was one line).
    public var droppedLines: Int
    /// Control characters removed.
    public var removedControls: Int

    /// Cleans `raw` under `policy`.
    public init(_ raw: String, policy: Policy) {
        var scalars = Array(raw.unicodeScalars)
        while let last = scalars.last, last == "\n" || last == "\r" { scalars.removeLast() }
        var out = String.UnicodeScalarView()
        var lines = 0, removed = 0
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            i += 1
            if s == "\r" || s == "\n" {
                if s == "\r", i < scalars.count, scalars[i] == "\n" { i += 1 }
                if policy == .joinLines { out.append(" "); continue }
                // The lines after the first: counted, not kept (trailing breaks are gone, so the rest
                // is one line more than the breaks in it).
                lines = 1 + Self.lineBreaks(scalars[i...])
                break
            }
            if s == "\t" { out.append(" "); continue }
            if TextSanitizer.isUnsafe(s) { removed += 1; continue }
            out.append(s)
        }
        text = String(out)
        droppedLines = lines
        removedControls = removed
    }

    /// Line breaks in `scalars`: LF, CR, or CR LF as one.
    static func lineBreaks(_ scalars: ArraySlice<Unicode.Scalar>) -> Int {
        var count = 0
        var previous: Unicode.Scalar?
        for s in scalars {
            if s == "\r" || (s == "\n" && previous != "\r") { count += 1 }
            previous = s
        }
        return count
    }
}
