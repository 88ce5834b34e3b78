// /api/v4/widgets: the catalogue page by page, one widget, install (POST) and uninstall (DELETE).

extension SandboxCore {
    /// A widget as the API sends it. `settings` appears only when `withSettings` (an install's
    /// echo, or a GET by the widget's own integration token) and the widget is installed.
    func widgetJSON(_ w: CatalogWidget, installation: Installation?, withSettings: Bool) -> SandboxJSON {
        var pairs: [(String, SandboxJSON)] = [
            ("id", .int(w.id)), ("code", .string(w.code)), ("version", w.version), ("rating", w.rating),
            ("settings_template", .array(w.template.map { f in
                .obj([("key", .string(f.key)), ("name", .string(f.name)), ("type", .string(f.type)),
                      ("is_required", .bool(f.isRequired))])
            })),
            ("is_lead_source", .bool(w.isLeadSource)), ("is_work_with_dp", .bool(w.isWorkWithDP)),
            ("is_crm_template", .bool(w.isCRMTemplate)), ("client_uuid", w.clientUUID.map { .string($0) } ?? .null),
            ("is_active_in_account", .bool(installation != nil)),
            ("pipeline_id", installation?.pipelineID.map { .int($0) } ?? .null),
        ]
        if withSettings, let installation { pairs.append(("settings", .object(installation.settings))) }
        pairs.append(("_links", .obj([("self", link("/api/v4/widgets/\(w.code)"))])))
        return .obj(pairs)
    }

    /// Whether `caller` is the widget's own integration (sees its `settings`).
    func isOwnIntegration(_ caller: Caller, _ w: CatalogWidget) -> Bool {
        caller.clientUUID != nil && caller.clientUUID == w.clientUUID
    }

    /// GET /api/v4/widgets?page&limit — HAL page, `application/hal+json`; 204 past the end.
    func widgetsPage(_ request: SandboxRequest, caller: Caller, plan: FaultPlan) -> SandboxResponse {
        let paging: Paging
        switch Paging.parse(request.query) {
        case .success(let p): paging = p.served(by: plan)
        case .failure(let r): return r.response
        }
        guard let range = paging.range(count: catalog.widgets.count) else { return .noContent }
        let installed = state.withLockedValue { $0.account.installed }
        let items = catalog.widgets[range].map { w in
            widgetJSON(w, installation: installed[w.code], withSettings: isOwnIntegration(caller, w))
        }
        return .hal(paging.halPage(path: "/api/v4/widgets", base: base, name: "widgets", items: items,
                                   hasMore: plan.nextAlways || range.upperBound < catalog.widgets.count))
    }

    /// GET /api/v4/widgets/{code} — the widget; 404 for an unknown code.
    func widget(code: String, caller: Caller) -> SandboxResponse {
        guard let w = catalog.widget(code: code) else { return Problems.notFound("Widget not found") }
        let installation = state.withLockedValue { $0.account.installed[code] }
        return .json(200, widgetJSON(w, installation: installation, withSettings: isOwnIntegration(caller, w)))
    }

    /// POST /api/v4/widgets/{code} — installs (or reconfigures) with the body as settings.
    /// 403 for a non-admin, 404 unknown code, 400 for a body that is not a JSON object or fails
    /// the settings template; 200 with the widget and its settings echoed.
    func install(code: String, request: SandboxRequest, caller: Caller) -> SandboxResponse {
        guard caller.isAdmin else { return Problems.forbidden("Only an account admin may install widgets") }
        guard let w = catalog.widget(code: code) else { return Problems.notFound("Widget not found") }
        let body: SandboxJSON
        do {
            body = try SandboxJSON.parse(request.body)
        } catch {
            return Problems.badRequest("Request body is not valid JSON: \(error)")
        }
        guard let settings = body.objectValue else { return Problems.badRequest("Request body must be a JSON object of settings") }
        let errors = SettingsValidator(template: w.template, userIDs: Set(catalog.users.map(\.id))).validate(settings)
        guard errors.isEmpty else { return Problems.validation(errors) }
        let mainPipeline = catalog.pipelines.first { $0["is_main"]?.boolValue == true }?["id"]?.intValue
        let result: Result<Installation, Refusal> = state.withLockedValue { s in
            let previous = s.account.installed[code]
            let pipeline = previous?.pipelineID ?? (w.isLeadSource ? mainPipeline : nil)
            let installation = Installation(settings: settings, pipelineID: pipeline)
            s.account.installed[code] = installation
            if let refusal = persist(s.account) {
                s.account.installed[code] = previous
                return .failure(refusal)
            }
            return .success(installation)
        }
        switch result {
        case .success(let installation): return .json(200, widgetJSON(w, installation: installation, withSettings: true))
        case .failure(let refusal): return refusal.response
        }
    }

    /// DELETE /api/v4/widgets/{code} — 403 non-admin, 404 unknown or not installed, 204 done.
    func uninstall(code: String, caller: Caller) -> SandboxResponse {
        guard caller.isAdmin else { return Problems.forbidden("Only an account admin may uninstall widgets") }
        guard catalog.widget(code: code) != nil else { return Problems.notFound("Widget not found") }
        let refusal: Refusal? = state.withLockedValue { s in
            guard let previous = s.account.installed.removeValue(forKey: code) else {
                return Refusal(response: Problems.notFound("Widget is not installed in this account"))
            }
            if let refusal = persist(s.account) {
                s.account.installed[code] = previous
                return refusal
            }
            return nil
        }
        return refusal?.response ?? .noContent
    }

    /// Writes the state file when one is configured; a failure becomes a 500 (and the caller
    /// rolls the change back, so memory and file agree).
    func persist(_ account: AccountState) -> Refusal? {
        guard let path = configuration.stateFile else { return nil }
        do {
            try StateFile.save(account, to: path)
            return nil
        } catch {
            return Refusal(response: Problems.problem(500, "Internal Server Error", "The sandbox cannot write its state file"))
        }
    }
}
