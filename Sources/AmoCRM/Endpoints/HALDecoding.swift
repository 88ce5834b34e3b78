/// Decodes HAL list replies (`_embedded.<key>[]`) through `ReplyMapper`.
enum HALDecoding {
    /// The page of `key` items, or nil for 204 (an empty list or a page past the end).
    static func list<Item: JSONObjectDecodable>(
        _ item: Item.Type, key: String, from reply: HTTPReply, endpoint: String?, secrets: [String]
    ) throws(AmoError) -> HALCollection<Item>? {
        try document(key: key, from: reply, endpoint: endpoint, secrets: secrets).map(HALCollection<Item>.init(document:))
    }

    /// The parsed page of `key` items (not yet models), or nil for 204. Throws the mapped `AmoError`
    /// for a failed status or a body that is not a JSON object.
    static func document(key: String, from reply: HTTPReply, endpoint: String?, secrets: [String]) throws(AmoError) -> HALDocument? {
        try ReplyMapper.read(reply, endpoint: endpoint, secrets: secrets) { bytes in
            try HALDocument(bytes: bytes, key: key)
        }
    }

    /// A `GET /api/v4/widgets` page, or nil for 204. `requestedPage` fills in a missing `_page`.
    static func widgetPage(
        from reply: HTTPReply, requestedPage: Int, endpoint: String? = nil, secrets: [String] = []
    ) throws(AmoError) -> WidgetPage? {
        try document(key: "widgets", from: reply, endpoint: endpoint, secrets: secrets)
            .map { widgetPage(document: $0, requestedPage: requestedPage) }
    }

    /// The widgets of a parsed `GET /api/v4/widgets` page (`document(key: "widgets", …)`).
    static func widgetPage(document: HALDocument, requestedPage: Int) -> WidgetPage {
        let hal = HALCollection<Widget>(document: document)
        return WidgetPage(page: hal.page ?? requestedPage, widgets: hal.items, nextLink: hal.nextLink,
                          selfLink: hal.selfLink, skipped: hal.skipped)
    }
}
