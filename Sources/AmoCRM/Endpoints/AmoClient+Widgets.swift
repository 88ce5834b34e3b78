import Foundation

extension AmoClient {
    /// The largest page the widgets list accepts (`limit` ≤ 250).
    public static let maxPageSize = 250

    /// One page of the widget catalogue: `GET /api/v4/widgets?page=N&limit=M`.
    ///
    /// - Parameters:
    ///   - page: 1-based page number (values below 1 are sent as 1).
    ///   - limit: widgets per page, clamped to 1...250. The page holds as many as the server sent.
    /// - Returns: the page (public widgets, widgets installed in the account, widgets uploaded by
    ///   the user), or nil when the server answers 204 (empty list or past the end).
    /// - Throws: `AmoError` — `.unauthorized`, `.rateLimited`, `.unexpectedBody`, `.transport`, ….
    public func widgetsPage(page: Int, limit: Int = AmoClient.maxPageSize) async throws(AmoError) -> WidgetPage? {
        let page = max(1, page)
        let path = "/api/v4/widgets?page=\(page)&limit=\(min(max(1, limit), Self.maxPageSize))"
        return try await widgetsPage(path: path, requestedPage: page)
    }

    /// The page at `path` (from `widgetsPage` or a `next` link), nil for 204. Nonisolated: the page
    /// is decoded off the actor, so the client's other calls go on meanwhile.
    nonisolated func widgetsPage(path: String, requestedPage: Int) async throws(AmoError) -> WidgetPage? {
        try await decodeWidgetsPage(send(.GET, path), requestedPage: requestedPage)
    }

    /// Decodes a reply of `send(.GET, <widgets page>)`, off the actor.
    nonisolated func decodeWidgetsPage(_ reply: (HTTPReply, String), requestedPage: Int) async throws(AmoError) -> WidgetPage? {
        var page = try await parseWidgetsPage(reply).map { HALDecoding.widgetPage(document: $0, requestedPage: requestedPage) }
        page?.shareLabels(labels)
        return page
    }

    /// Parses a reply of `send(.GET, <widgets page>)` (Foundation), off the actor; nil for 204. The
    /// widgets are read from it by `HALDecoding.widgetPage(document:requestedPage:)`.
    nonisolated func parseWidgetsPage(_ reply: (HTTPReply, String)) async throws(AmoError) -> HALDocument? {
        try HALDecoding.document(key: "widgets", from: reply.0, endpoint: reply.1, secrets: await auth.secrets)
    }

    /// The whole catalogue as an `AsyncSequence` of pages, in order, following HAL `next` links
    /// from page 1 (`GET /api/v4/widgets?page=1&limit=<limit>`, then each `next`). Ends on 204, an
    /// empty page or no `next`; never loops (see `PageWalker`) and never stops early on a short page
    /// that has a `next` link. Page N+1 is requested as soon as page N's reply is in, from the
    /// `_links` at the head of its body, and page N is parsed while it is on its way (see
    /// `WidgetPages`; one request may be wasted when the walk ends or fails there). Iteration throws
    /// `AmoError` (`.cancelled` when the task is cancelled).
    public nonisolated func allWidgets(limit: Int = AmoClient.maxPageSize) -> WidgetPages {
        WidgetPages(client: self, limit: min(max(1, limit), Self.maxPageSize))
    }

    /// A widget by code: `GET /api/v4/widgets/{code}`.
    /// - Throws: `AmoError.notFound` (no such widget or not available), `.unauthorized`, ….
    public func widget(code: String) async throws(AmoError) -> Widget {
        try await decode(Widget.self, send(.GET, try Self.widgetPath(code)))
    }

    /// Installs (or reconfigures) a widget: `POST /api/v4/widgets/{code}` with `settings` as the
    /// JSON body (each `settings_template` key -> its value; see `SettingsFieldType`). Admins only.
    /// - Returns: the widget with its `settings` as stored, with the reply's status and `X-Request-Id`
    ///   (`AmoReply`: `reply.settings` reads the widget's).
    /// - Throws: `AmoError.validation` (field errors by path), `.badRequest`, `.forbidden(.scope)`
    ///   (not an admin), `.notFound`, …. Never retried once it may have reached the service.
    @discardableResult
    public func install(code: String, settings: [String: JSONValue]) async throws(AmoError) -> AmoReply<Widget> {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let body = try? encoder.encode(JSONValue.object(settings)) else {
            throw .configuration("Cannot encode the settings of \(code)")
        }
        let reply = try await send(.POST, try Self.widgetPath(code), json: Array(body))
        return AmoReply(value: try await decode(Widget.self, reply), status: reply.0.status, requestID: reply.0.requestID)
    }

    /// Uninstalls a widget: `DELETE /api/v4/widgets/{code}` -> 204. Admins only.
    /// - Returns: the reply's status and `X-Request-Id`.
    /// - Throws: `AmoError.forbidden(.scope)` (not an admin), `.notFound`, …. Never retried once it
    ///   may have reached the service.
    @discardableResult
    public func uninstall(code: String) async throws(AmoError) -> AmoReply<Void> {
        let reply = try await send(.DELETE, try Self.widgetPath(code))
        return AmoReply(value: (), status: reply.0.status, requestID: reply.0.requestID)
    }

    /// "/api/v4/widgets/<code>" with the code percent-encoded. Throws `AmoError.configuration` for an
    /// empty code.
    static func widgetPath(_ code: String) throws(AmoError) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-_.~")
        guard !code.isEmpty, let escaped = code.addingPercentEncoding(withAllowedCharacters: allowed) else {
            throw .configuration("A widget code is required")
        }
        return "/api/v4/widgets/\(escaped)"
    }
}
