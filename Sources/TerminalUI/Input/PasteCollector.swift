/// The text of one bracketed paste while it arrives: everything after `ESC[200~` up to `ESC[201~`,
/// which may come split across any number of reads (the end marker too).
///
/// Bounded: at most `limit` Unicode scalars are kept; the rest of a longer paste is read and dropped
/// (`truncated`). A second start marker inside the paste (a terminal or tmux re-wrapping) is dropped,
/// never text. Pure: `InputDecoder` feeds it and decides when a paste that never ends is given up.
struct PasteCollector {
    /// `ESC [ 2 0 0 ~`: where a paste starts.
    static let startMarker: [UInt32] = [27, 0x5B, 0x32, 0x30, 0x30, 0x7E]
    /// `ESC [ 2 0 1 ~`: where a paste ends.
    static let endMarker: [UInt32] = [27, 0x5B, 0x32, 0x30, 0x31, 0x7E]

    /// The most scalars kept.
    let limit: Int
    /// The text so far.
    private(set) var text = String.UnicodeScalarView()
    private(set) var count = 0
    /// True once scalars beyond `limit` were dropped.
    private(set) var truncated = false
    /// The characters read so far of what may be a marker (starts with ESC; empty otherwise).
    private var marker: [UInt32] = []

    init(limit: Int) { self.limit = max(0, limit) }

    /// Feeds one character. - Returns: true when it completed the end marker (the paste is whole).
    mutating func feed(_ code: UInt32) -> Bool {
        if marker.isEmpty {
            if code == 27 { marker = [27] } else { append(code) }
            return false
        }
        marker.append(code)
        if marker == Self.endMarker { marker = []; return true }
        if marker == Self.startMarker { marker = []; return false }  // nested start: not text
        if Self.startMarker.starts(with: marker) || Self.endMarker.starts(with: marker) { return false }
        // Not a marker after all: text. Only the first character can be an ESC (the markers hold one,
        // at the start), so only the newest one may begin another marker.
        let text = marker.dropLast()
        marker = []
        text.forEach { append($0) }
        return feed(code)
    }

    /// The paste as a string, including a marker's start left unfinished (that was text).
    mutating func finish() -> String {
        marker.forEach { append($0) }
        marker = []
        return String(text)
    }

    private mutating func append(_ code: UInt32) {
        guard count < limit else { truncated = true; return }
        // A code that is no Unicode scalar (a surrogate from a broken decoder) is replaced, not trusted.
        text.append(Unicode.Scalar(code) ?? "\u{FFFD}")
        count += 1
    }
}
