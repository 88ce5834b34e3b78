/// One page of a HAL list (`application/hal+json`) as amoCRM sends it:
/// `{"_page": N, "_links": {"self": {"href"}, "next": {"href"}}, "_embedded": {"<key>": [...]}}`,
/// parsed by Foundation (`JSONTree`) but with its items not yet read into models.
///
/// Two steps, so the walker can request the next page (its `next` link is known here) while this
/// page's items become models (`WidgetPages`). Not `Sendable` (it holds Foundation's tree): it stays
/// in the task that parsed it.
struct HALDocument {
    var page: Int?
    var selfLink: String?
    var nextLink: String?
    /// The members of `_embedded.<key>`; empty when `_embedded` or the key is missing or not a list.
    fileprivate var rawItems: [Any]

    /// Parses the page in `bytes`, keeping the items under `_embedded.<key>` (`widgets`, `users`, `pipelines`).
    /// - Throws: `DecodingError.dataCorrupted` (empty coding path) for malformed or truncated JSON —
    ///   including invalid UTF-8 anywhere, which Foundation refuses for the whole document;
    ///   `DecodingError.typeMismatch` when the document is not an object.
    init(bytes: [UInt8], key: String) throws(DecodingError) {
        guard let root = try JSONTree.parse(bytes) as? [String: Any] else {
            throw DecodingError.typeMismatch(
                [String: JSONValue].self, .init(codingPath: [], debugDescription: "a HAL page is a JSON object"))
        }
        page = JSONValue.lenientInt(root["_page"].map(JSONTree.value))
        let links = root["_links"].map(JSONTree.value)
        selfLink = JSONValue.halLink(links, "self")
        nextLink = JSONValue.halLink(links, "next")
        rawItems = ((root["_embedded"] as? [String: Any])?[key] as? [Any]) ?? []
    }
}

/// A HAL page with its items read into models. Items that cannot be read (e.g. a widget without a
/// `code`, or an item that is not an object) are skipped and counted in `skipped` rather than failing
/// the page. A missing `_embedded` or key gives an empty list. Text that is not valid JSON (a broken
/// UTF-8 sequence in one string included) fails the whole page, as Foundation refuses the document.
struct HALCollection<Item: JSONObjectDecodable> {
    var page: Int?
    var selfLink: String?
    var nextLink: String?
    var items: [Item]
    var skipped: Int

    /// Parses and reads the page in `bytes`. Throws as `HALDocument.init(bytes:key:)`.
    init(bytes: [UInt8], key: String) throws(DecodingError) {
        self.init(document: try HALDocument(bytes: bytes, key: key))
    }

    /// Reads the items of a parsed page; never throws (unreadable items are counted in `skipped`).
    init(document: HALDocument) {
        (page, selfLink, nextLink) = (document.page, document.selfLink, document.nextLink)
        (items, skipped) = ([], 0)
        items.reserveCapacity(document.rawItems.count)
        for raw in document.rawItems {
            if Swift.type(of: raw) == [String: Any].self, let object = raw as? [String: Any], let item = try? Item(object: JSONMembers(parsed: object), codingPath: []) {
                items.append(item)
            } else {
                skipped += 1
            }
        }
    }
}
