/// The filter as the catalogue applies it: the typed text parsed once into lower-cased UTF-8 bytes.
///
/// A code matches when its lower-cased bytes contain `needle` (`invert` false) or do not (`invert`
/// true, typed with a leading `!`). An empty needle matches everything, inverted or not.
struct FilterQuery: Hashable, Sendable {
    /// The text after an optional leading `!`, lower-cased, as UTF-8 bytes.
    var needle: [UInt8]
    /// A leading `!` was typed: show the codes that do NOT contain `needle`.
    var invert: Bool
    /// The needle as typed on a Russian ЙЦУКЕН layout, read as the Latin keys under the same fingers
    /// (`фьщ` → `amo`, `Keymap.russianToLatin`); nil when no Cyrillic letter was typed. A code matches
    /// when it contains either.
    var latin: [UInt8]?

    /// Parses the filter text as typed (`"!amo"` → needle `amo`, inverted).
    init(_ text: String) {
        var pattern = Substring(text)
        invert = pattern.first == "!"
        if invert { pattern = pattern.dropFirst() }
        let lower = pattern.lowercased()
        needle = Array(lower.utf8)
        if lower.contains(where: { !$0.isASCII && Keymap.russianToLatin[$0] != nil }) {
            latin = Array(String(lower.map { $0.isASCII ? $0 : Keymap.russianToLatin[$0] ?? $0 }).utf8)
        }
    }

    /// True when the codes matching `self` are a subset of those matching `earlier`, so `self` may
    /// search only `earlier`'s matches: neither is inverted and `earlier.needle` occurs in `needle`
    /// (a code containing `needle` contains every piece of it). Typing one more letter narrows.
    /// A needle with a Russian-layout reading is searched whole (two readings do not narrow simply).
    func narrows(_ earlier: FilterQuery) -> Bool {
        latin == nil && earlier.latin == nil
            && !invert && !earlier.invert && !earlier.needle.isEmpty && Self.contains(needle[...], earlier.needle)
    }

    /// Whether `code` (lower-cased UTF-8) matches.
    @inline(__always)
    func matches(_ code: ArraySlice<UInt8>) -> Bool {
        needle.isEmpty || (Self.contains(code, needle) || latin.map { Self.contains(code, $0) } == true) != invert
    }

    /// How well `code` matches, for choosing the selection: 0 the whole code, 1 its start, 2 inside
    /// (either reading of the needle).
    func rank(_ code: ArraySlice<UInt8>) -> Int {
        func rank(_ n: [UInt8]) -> Int { code.elementsEqual(n) ? 0 : code.starts(with: n) ? 1 : 2 }
        return min(rank(needle), latin.map(rank) ?? 2)
    }

    /// Byte substring search (needles are short: a plain scan beats anything clever).
    static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        let n = needle.count, h = haystack.count
        guard n > 0 else { return true }
        guard n <= h else { return false }
        let first = needle[0], base = haystack.startIndex
        var i = base
        while i <= base + h - n {
            if haystack[i] == first {
                var j = 1
                while j < n && haystack[i + j] == needle[j] { j += 1 }
                if j == n { return true }
            }
            i += 1
        }
        return false
    }
}

/// The lower-cased codes of the catalogue in list (sort) order, packed end to end in one byte
/// buffer. A filter key scans this contiguous buffer (about 20 bytes a widget, ~200 KB for 10,000)
/// instead of visiting each `CatalogEntry` through the sort permutation, which cost a cache miss
/// or two per widget — most of a filter key's time at 10,000 widgets.
struct SortedCodes: Hashable, Sendable {
    /// The codes' bytes, one after another.
    private var bytes: [UInt8] = []
    /// `ends[p]` is where the code at list position `p` ends in `bytes` (it starts at `ends[p - 1]`).
    private var ends: [Int32] = []

    init() {}

    /// Packs `codes` (lower-cased UTF-8, in list order).
    init(_ codes: some Sequence<[UInt8]>) {
        for code in codes {
            bytes.append(contentsOf: code)
            ends.append(Int32(bytes.count))
        }
    }

    /// How many codes are packed.
    var count: Int { ends.count }

    /// The code at list position `p`.
    @inline(__always)
    subscript(p: Int) -> ArraySlice<UInt8> {
        bytes[(p == 0 ? 0 : Int(ends[p - 1]))..<Int(ends[p])]
    }

    /// The positions among `candidates` (ascending; nil = all) whose code matches `query` and which
    /// `keep` accepts, in order.
    func positions(matching query: FilterQuery, among candidates: [Int]?, keep: (Int) -> Bool) -> [Int] {
        var out: [Int] = []
        if let candidates {
            out.reserveCapacity(candidates.count)
            for p in candidates where query.matches(self[p]) && keep(p) { out.append(p) }
        } else {
            for p in 0..<count where query.matches(self[p]) && keep(p) { out.append(p) }
        }
        return out
    }
}

/// Earlier filter results, so that typing one more letter searches only the current matches and
/// Backspace returns to a result already computed instead of scanning the catalogue again.
///
/// A chain of (query, list positions) where each query narrows the one below it; the top is the
/// result shown. It holds at most `depth` results and is cleared when the data, the sort or the
/// installed-only switch change (`Catalog` does that). It is a cache: two memos always compare
/// equal, so a `Catalog`'s equality is that of what it shows.
struct FilterMemo: Hashable, Sendable {
    /// Results kept at most (a typed filter longer than this just forgets its oldest prefixes).
    static let depth = 32
    private var chain: [(query: FilterQuery, positions: [Int])] = []

    /// Forgets every result.
    mutating func clear() { chain = [] }

    /// The list positions matching `query`: a kept result, else a search of the kept result it
    /// narrows (`search(nil)` means all positions), then remembered.
    mutating func positions(for query: FilterQuery, search: ([Int]?) -> [Int]) -> [Int] {
        if let i = chain.lastIndex(where: { $0.query == query }) {
            chain.removeSubrange((i + 1)...)
            return chain[i].positions
        }
        let base = chain.lastIndex { query.narrows($0.query) }
        chain.removeSubrange(((base ?? -1) + 1)...)
        let found = search(base.map { chain[$0].positions })
        if chain.count == Self.depth { chain.removeFirst() }
        chain.append((query, found))
        return found
    }

    static func == (_: FilterMemo, _: FilterMemo) -> Bool { true }
    func hash(into _: inout Hasher) {}
}
