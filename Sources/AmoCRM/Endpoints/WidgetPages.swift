/// The widget catalogue, page by page (`AmoClient.allWidgets(limit:)`). Iterating throws `AmoError`.
///
/// Pipelined one page deep, pages delivered in order: when page N's reply arrives, the next link is
/// read from the HAL `_links` object at the head of its body (`HALHead`) and page N+1 is requested
/// at once (`PageRequest`, its own task), then page N is parsed and read into models while that
/// request is on its way, so the parse is off the critical path (issue 6). The parsed
/// `_links.next` (`HALDocument.nextLink`) decides: when it differs from the head's, the early
/// request is dropped (cancelled) and the parsed link followed. When the head cannot be read with
/// certainty, page N+1 is requested after the parse, before the models. Page N's errors (HTML,
/// malformed JSON, a failed status) are thrown for page N; a request sent early for N+1 is then
/// cancelled (it may have reached the service: a GET, nothing changes). Pacing and retries are
/// `AmoClient.send`'s, per request.
public struct WidgetPages: AsyncSequence, Sendable {
    public typealias Element = WidgetPage
    let client: AmoClient
    let limit: Int

    public func makeAsyncIterator() -> Iterator {
        Iterator(client: client, walker: PageWalker(firstPath: "/api/v4/widgets?page=1&limit=\(limit)"))
    }

    /// Fetches the next page on demand (and the one after it ahead, see `WidgetPages`).
    public struct Iterator: AsyncIteratorProtocol {
        let client: AmoClient
        var walker: PageWalker
        /// The request for the page after the last one returned, sent before that page was parsed
        /// (or, failing that, before its widgets were read).
        var ahead: PageRequest?

        /// The next page, or nil at the end. Throws `AmoError`: `.cancelled` when the task is
        /// cancelled; after an error the sequence ends.
        public mutating func next() async throws -> WidgetPage? {
            while let path = walker.nextPath {
                walker.willFetch(path)
                let requested = PageWalker.pageNumber(in: path) ?? 1
                let page: WidgetPage?
                do {
                    if Task.isCancelled { throw AmoError.cancelled }
                    let reply = try await fetch(path)
                    ahead = request(early(reply.0, after: requested))
                    let document = try await client.parseWidgetsPage(reply)
                    let parsed = walker.follow(document?.nextLink, after: requested)
                    if ahead?.path != parsed {
                        if ahead != nil { client.configuration.logger.debug("early next link differs from the parsed one") }
                        ahead = request(parsed)
                    }
                    var read = document.map { HALDecoding.widgetPage(document: $0, requestedPage: requested) }
                    read?.shareLabels(client.labels)
                    page = read
                } catch {
                    ahead = nil
                    walker.finished()
                    throw error
                }
                guard let page else { ahead = nil; walker.finished(); return nil }
                let fresh = walker.received(page: page.page, itemCount: page.widgets.count + page.skipped, nextLink: page.nextLink)
                if ahead?.path != walker.nextPath { ahead = nil }  // e.g. an empty page ends the walk: drop (cancel) it
                if fresh, !page.widgets.isEmpty || page.skipped > 0 { return page }
            }
            ahead = nil
            return nil
        }

        /// The reply for `path`: the request sent ahead for it, or a new one.
        private func fetch(_ path: String) async throws(AmoError) -> (HTTPReply, String) {
            if let ahead, ahead.path == path { return try await ahead.reply() }
            return try await client.send(.GET, path)
        }

        /// The path of the page after `requested` as the head of `reply` names it, nil when the
        /// reply will fail to decode anyway (HTML, empty, 204) or the head is not certain.
        private func early(_ reply: HTTPReply, after requested: Int) -> String? {
            guard reply.status == 200, ReplyMapper.bodyProblem(reply, secrets: []) == nil,
                  let head = HALHead(body: reply.body) else { return nil }
            return walker.follow(head.nextLink, after: requested)
        }

        private func request(_ path: String?) -> PageRequest? {
            path.map { PageRequest(client: client, path: $0) }
        }
    }
}

/// A widget page request running ahead of `WidgetPages.Iterator`. Releasing it cancels the request,
/// so a walk that ends or is abandoned leaves nothing running.
final class PageRequest: Sendable {
    /// The path and query requested.
    let path: String
    private let task: Task<Result<(HTTPReply, String), AmoError>, Never>

    init(client: AmoClient, path: String) {
        self.path = path
        task = Task { () async -> Result<(HTTPReply, String), AmoError> in
            do throws(AmoError) { return .success(try await client.send(.GET, path)) } catch { return .failure(error) }
        }
    }

    /// The reply, as `AmoClient.send` gives it. Cancelling the waiting task cancels the request.
    func reply() async throws(AmoError) -> (HTTPReply, String) {
        let task = self.task
        return try await withTaskCancellationHandler { await task.value } onCancel: { task.cancel() }.get()
    }

    deinit { task.cancel() }
}
