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
