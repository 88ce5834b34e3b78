// /api/v4/users, /api/v4/account, /api/v4/leads/pipelines.

extension SandboxCore {
    /// GET /api/v4/users?page&limit — admins only (403 otherwise); HAL paging like widgets.
    func usersPage(_ request: SandboxRequest, caller: Caller, plan: FaultPlan) -> SandboxResponse {
        guard caller.isAdmin else { return Problems.forbidden("Invalid scope") }
        let paging: Paging
        switch Paging.parse(request.query) {
        case .success(let p): paging = p.served(by: plan)
        case .failure(let r): return r.response
        }
        guard let range = paging.range(count: catalog.users.count) else { return .noContent }
        let items = catalog.users[range].map { u -> SandboxJSON in
            var o = u.json
            o["_links"] = .obj([("self", link("/api/v4/users/\(u.id)"))])
            return .object(o)
        }
        return .hal(paging.halPage(path: "/api/v4/users", base: base, name: "users", items: items,
                                   hasMore: plan.nextAlways || range.upperBound < catalog.users.count))
    }

    /// GET /api/v4/account — the account with `current_user_id` of the caller.
    func account(caller: Caller) -> SandboxResponse {
        var o = catalog.account
        o["current_user_id"] = .int(caller.userID)
        o["_links"] = .obj([("self", link("/api/v4/account"))])
        return .hal(.object(o))
    }

    /// GET /api/v4/leads/pipelines — all pipelines with their statuses under `_embedded`.
    func pipelines() -> SandboxResponse {
        let items = catalog.pipelines.map { p -> SandboxJSON in
            var o = p
            let statuses = o["statuses"] ?? .array([])
            o["statuses"] = nil
            if let id = o["id"]?.intValue { o["_links"] = .obj([("self", link("/api/v4/leads/pipelines/\(id)"))]) }
            o["_embedded"] = .obj([("statuses", statuses)])
            return .object(o)
        }
        return .hal(.obj([
            ("_total_items", .int(items.count)),
            ("_links", .obj([("self", link("/api/v4/leads/pipelines"))])),
            ("_embedded", .obj([("pipelines", .array(items))])),
        ]))
    }
}
