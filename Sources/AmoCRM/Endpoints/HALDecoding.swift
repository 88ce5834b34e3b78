/// Decodes HAL list replies (`_embedded.<key>[]`) through `ReplyMapper`.
enum HALDecoding {
    /// The page of `key` items, or nil for 204 (an empty list or a page past the end).
    static func list<Item: JSONObjectDecodable>(
        _ item: Item.Type, key: String, from reply: HTTPReply, endpoint: String?, secrets: [String]
    ) throws(AmoError) -> HALCollection<Item>? {
        try ReplyMapper.read(reply, endpoint: endpoint, secrets: secrets) { bytes in
            try HALCollection<Item>(bytes: bytes, key: key)
        }
    }

    /// A `GET /api/v4/widgets` page, or nil for 204. `requestedPage` fills in a missing `_page`.
    static func widgetPage(
        from reply: HTTPReply, requestedPage: Int, endpoint: String? = nil, secrets: [String] = []
    ) throws(AmoError) -> WidgetPage? {
        guard let hal = try list(Widget.self, key: "widgets", from: reply, endpoint: endpoint, secrets: secrets) else { return nil }
        return WidgetPage(page: hal.page ?? requestedPage, widgets: hal.items, nextLink: hal.nextLink,
                          selfLink: hal.selfLink, skipped: hal.skipped)
    }
}
