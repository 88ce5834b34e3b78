// HAL paging as the live service does it: ?page&limit, 250 at most, 204 past the end.

/// A validated `?page=N&limit=M`.
struct Paging: Sendable, Equatable {
    let page: Int
    /// The limit asked for (capped at 250), echoed in the links.
    let limit: Int
    /// Items actually served per page: `limit`, unless the `page-size` fault changes it silently.
    var size: Int

    /// The live service's largest page.
    static let maxLimit = 250
    static let defaultLimit = 50

    /// Reads `page` (default 1) and `limit` (default 50; above 250 served as 250).
    /// A value below 1 or not a number gives a 400 problem+json.
    static func parse(_ query: [String: String]) -> Result<Paging, SandboxCore.Refusal> {
        func number(_ name: String, default value: Int) -> Result<Int, SandboxCore.Refusal> {
            guard let text = query[name] else { return .success(value) }
            guard let n = Int(text), n >= 1 else {
                return .failure(.init(response: Problems.badRequest("\(name) must be a whole number of 1 or more, got '\(text)'")))
            }
            return .success(n)
        }
        return number("page", default: 1).flatMap { page in
            number("limit", default: defaultLimit).map { Paging(page: page, limit: min($0, maxLimit), size: min($0, maxLimit)) }
        }
    }

    /// The slice of `count` items this page covers; nil when the page is past the end (204).
    func range(count: Int) -> Range<Int>? {
        let (start, overflow) = (page - 1).multipliedReportingOverflow(by: size)
        guard !overflow, start < count else { return nil }
        return start..<min(start + size, count)
    }

    /// This paging with the fault plan's silent page size, if any.
    func served(by plan: FaultPlan) -> Paging {
        var p = self
        if let size = plan.pageSize { p.size = size }
        return p
    }

    /// The HAL page: `_page`, `_links.self`, `_links.next` (when more items exist, or always with
    /// the `next-always` fault), `_embedded.<name>`.
    func halPage(path: String, base: String, name: String, items: [SandboxJSON], hasMore: Bool) -> SandboxJSON {
        var links: [(String, SandboxJSON)] = [("self", .obj([("href", .string("\(base)\(path)?limit=\(limit)&page=\(page)"))]))]
        if hasMore {
            links.append(("next", .obj([("href", .string("\(base)\(path)?limit=\(limit)&page=\(page + 1)"))])))
        }
        return .obj([("_page", .int(page)), ("_links", .obj(links)), ("_embedded", .obj([(name, .array(items))]))])
    }
}
