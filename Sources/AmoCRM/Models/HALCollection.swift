/// One page of a HAL list (`application/hal+json`) as amoCRM sends it:
/// `{"_page": N, "_links": {"self": {"href"}, "next": {"href"}}, "_embedded": {"<key>": [...]}}`.
///
/// Items that cannot be read (e.g. a widget without a `code`) are skipped and counted in `skipped`
/// rather than failing the page. A missing `_embedded` or key gives an empty list.
struct HALCollection<Item: Decodable>: Decodable {
    var page: Int?
    var selfLink: String?
    var nextLink: String?
    var items: [Item]
    var skipped: Int

    /// Where the embedded key (`widgets`, `users`, `pipelines`) is passed to the decoder.
    static var embeddedKeyInfo: CodingUserInfoKey { CodingUserInfoKey(rawValue: "amocrm.halEmbeddedKey")! }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        page = c.lenientInt("_page")
        selfLink = c.halLink("self")
        nextLink = c.halLink("next")
        let key = decoder.userInfo[Self.embeddedKeyInfo] as? String ?? ""
        var items: [Item] = []
        var skipped = 0
        if let embedded = try? c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("_embedded")),
           var list = try? embedded.nestedUnkeyedContainer(forKey: AnyKey(key)) {
            while !list.isAtEnd {
                if let item = try? list.decode(Item.self) {
                    items.append(item)
                } else {
                    skipped += 1
                    // Step over the unreadable element; stop if even that fails (no endless loop),
                    // counting the elements left behind as skipped too, so none is lost silently
                    // (e.g. invalid UTF-8 inside one item: the reader cannot step past it).
                    if (try? list.decode(JSONValue.self)) == nil {
                        if let count = list.count { skipped += max(0, count - list.currentIndex - 1) }
                        break
                    }
                }
            }
        }
        self.items = items
        self.skipped = skipped
    }
}

/// One page of `GET /api/v4/widgets?page=N&limit=M`.
public struct WidgetPage: Sendable, Hashable {
    /// The page number (`_page`; the requested number when the server omits it), 1-based.
    public var page: Int
    /// The widgets on this page, as many as the server sent (not necessarily `limit`).
    public var widgets: [Widget]
    /// `_links.next.href`: the URL of the next page, nil on the last page. May point to an empty page.
    public var nextLink: String?
    /// `_links.self.href`, when sent.
    public var selfLink: String?
    /// Entries of `_embedded.widgets` that could not be read (no `id` or `code`) and were left out.
    public var skipped: Int

    /// A page built in code.
    public init(page: Int, widgets: [Widget], nextLink: String? = nil, selfLink: String? = nil, skipped: Int = 0) {
        self.page = page; self.widgets = widgets; self.nextLink = nextLink
        self.selfLink = selfLink; self.skipped = skipped
    }
}
