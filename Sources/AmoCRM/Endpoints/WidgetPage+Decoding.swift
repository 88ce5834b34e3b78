/// Decoding a `GET /api/v4/widgets` reply without a client: what `AmoClient.widgetsPage` does after
/// the transport, exposed for the benchmarks (`amowidgets-bench decode`) and tools that hold raw bytes.
extension WidgetPage {
    /// The page in `reply` (HAL `_embedded.widgets`), nil for 204. `requestedPage` fills in a missing `_page`.
    /// - Throws: `AmoError` exactly as the client maps the reply (status, HTML or unreadable body).
    public static func decode(_ reply: HTTPReply, requestedPage: Int) throws(AmoError) -> WidgetPage? {
        try HALDecoding.widgetPage(from: reply, requestedPage: requestedPage)
    }
}
