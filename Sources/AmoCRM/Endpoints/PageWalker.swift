/// Decides which page to fetch next while walking a HAL list, so paging never loops and never
/// stops early (shared/amocrm-api.md):
/// - follow `next` while present; stop on 204, an empty page, or no `next`;
/// - a page shorter than `limit` is NOT the end when it has a `next` link (page sizes change);
/// - stop when `next` points to a URL already fetched, or to a page number not after the current
///   one (a link pointing back), or when the server repeats a page number already seen.
/// Pure state machine; `AmoClient` does the I/O.
struct PageWalker: Sendable {
    private(set) var nextPath: String?
    private var fetched: Set<String> = []
    private var pagesSeen: Set<Int> = []
    /// Hard stop against pathological servers: 10 000 pages is 2.5 million widgets at limit 250.
    static let maxPages = 10_000

    /// Starts at `firstPath` (path and query).
    init(firstPath: String) { nextPath = firstPath }

    /// Marks `path` as being fetched.
    mutating func willFetch(_ path: String) { fetched.insert(path) }

    /// Records a fetched page; returns whether its items are new (false for a repeated page number,
    /// whose items must be dropped), and sets `nextPath` (nil = done).
    mutating func received(page: Int?, itemCount: Int, nextLink: String?) -> Bool {
        if let page {
            guard pagesSeen.insert(page).inserted else { nextPath = nil; return false }
        }
        nextPath = itemCount > 0 ? follow(nextLink, after: page) : nil
        return true
    }

    /// The path to fetch for `nextLink` after page `page`, or nil: no link, a URL already fetched,
    /// a link pointing back (to `page` or before), or the page limit reached. `received` decides
    /// with it; the widget pages also ask it before decoding a page, to send the next request early.
    func follow(_ nextLink: String?, after page: Int?) -> String? {
        guard let nextLink, let path = BaseURL.pathAndQuery(of: nextLink),
              !fetched.contains(path), fetched.count < Self.maxPages else { return nil }
        if let page, let target = Self.pageNumber(in: path), target <= page { return nil }
        return path
    }

    /// Records a 204 (or an error): the walk ends.
    mutating func finished() { nextPath = nil }

    /// The `page` query parameter of a path, if numeric.
    static func pageNumber(in path: String) -> Int? {
        guard let query = path.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.count == 2, kv[0] == "page" { return Int(kv[1]) }
        }
        return nil
    }
}
