import AmoCRM

extension Update {
    /// A finished effect. Answers to requests no longer wanted (their id is not the current one) are dropped.
    static func receive(_ state: inout AppState, _ message: AppMessage) -> [AppEffect] {
        switch message {
        case .account(_, .success(let account)):
            state.account = account
            return []
        case .account(_, .failure(let error)):
            if !ErrorFacts.isCancelled(error) { say(&state, "Could not read the account: " + ErrorFacts.describe(error, state.options), error: true) }
            return []
        case .pipelines(_, .success(let pipelines)):
            state.pipelineNames = Dictionary(pipelines.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            return []
        case .pipelines:
            return []  // lead-source pipelines are then shown by id; not worth an error line
        case .page(let id, let page, let result):
            return receivePage(&state, id: id, page: page, result)
        case .detail(let id, let code, let result, let local):
            guard state.detailRequest?.id == id else { return [] }
            state.detailRequest = nil
            state.local[code] = local
            switch result {
            case .success(let widget):
                state.details[code] = widget
                state.detailErrors[code] = nil
                if state.catalog.entry(code)?.widget != widget { state.catalog.update(widget) }
                if let uncertain = state.uncertain.removeValue(forKey: code) { resolveUncertain(&state, code: code, uncertain, widget: widget) }
                return selectionMoved(&state) + openPending(&state, id: id, code: code, fresh: true)
            case .failure(let error):
                if ErrorFacts.isCancelled(error) { return [] }
                state.detailErrors[code] = ErrorFacts.describe(error, state.options)
                if let pending = state.pendingOpen, pending.id == id {
                    // Without the server's view the form or question could not say what the change does.
                    state.pendingOpen = nil
                    let what = pending.purpose == .uninstall ? "uninstall" : "reconfigure"
                    say(&state, "Not opened: the current settings of \(code) could not be read ("
                        + ErrorFacts.describe(error, state.options) + "), so the \(what) could not say what it does; try again", error: true)
                    return []
                }
                if let uncertain = state.uncertain[code] {
                    uncertainCheckFailed(&state, code: code, uncertain, error)
                    return []
                }
                say(&state, "Loading the details of \(code) failed: " + ErrorFacts.describe(error, state.options), error: true)
                return []
            }
        case .local(let id, let code, let records):
            guard let pending = state.pendingOpen, pending.id == id else { return [] }
            state.local[code] = records
            return openPending(&state, id: id, code: code, fresh: false)
        case .installed(let id, let code, let result, let record, let recordPath, let recordError):
            return receiveInstalled(&state, id: id, code: code, result, record: record, recordPath: recordPath, recordError: recordError)
        case .uninstalled(let id, let code, let outcome):
            return receiveUninstalled(&state, id: id, code: code, outcome)
        case .users(let id, let result):
            guard state.usersRequest == id else { return [] }
            state.usersRequest = nil
            switch result {
            case .success(let users):
                state.users = .loaded(users)
                state.usersRetryable = false
            case .failure(let error) where ErrorFacts.isCancelled(error):
                state.users = .unavailable(reason: "Users were not loaded: type user ids")
                state.usersRetryable = true
            case .failure(let error) where ErrorFacts.isForbidden(error):
                state.users = .unavailable(reason: "This token may not list the account's users: type user ids")
            case .failure(let error):
                state.users = .unavailable(reason: "Users could not be loaded (\(ErrorFacts.describe(error, state.options))): type user ids, "
                                           + "or reopen the form to try again")
                state.usersRetryable = true
            }
            state.form?.updateUsers(state.users)
            return []
        case .tick(let id, let activity):
            guard id == state.tickID, state.tickRunning else { return [] }
            state.activity = activity
            state.spinnerFrame &+= 1
            expireStatus(&state)
            if !state.isBusy { state.activity = .init() }
            guard state.needsTicks else { state.tickRunning = false; return [] }
            return [nextTick(&state)]
        case .ignored:
            return []
        }
    }

    static func receivePage(_ state: inout AppState, id: Int, page: Int, _ result: Result<WidgetPage?, AmoError>) -> [AppEffect] {
        guard state.load.requestID == id, state.load.page == page else { return [] }
        switch result {
        case .success(let widgetPage):
            guard let widgetPage, !widgetPage.widgets.isEmpty else {
                finishLoad(&state)
                return selectionMoved(&state)
            }
            state.catalog.add(widgetPage.widgets)
            state.load.pagesLoaded += 1
            var effects = selectionMoved(&state)
            if widgetPage.nextLink != nil {
                state.load.page = page + 1
                effects.append(.loadPage(id: id, page: page + 1, limit: state.options.pageSize))
            } else {
                finishLoad(&state)
            }
            return effects
        case .failure(let error):
            state.load.requestID = nil
            if ErrorFacts.isCancelled(error) { return [] }
            state.load.failure = ErrorFacts.describe(error, state.options)
            say(&state, "Loading page \(page) failed: \(ErrorFacts.describe(error, state.options)) — r reloads", error: true)
            return []
        }
    }

    /// The catalogue is read to its end: say so unless an error is on the status line.
    static func finishLoad(_ state: inout AppState) {
        state.load.requestID = nil
        state.load.complete = true
        if state.status?.isError != true {
            say(&state, "All \(state.catalog.entries.count) widgets loaded")
        }
    }

    static func receiveInstalled(_ state: inout AppState, id: Int, code: String, _ result: Result<Widget, AmoError>,
                                 record: SettingsRecord?, recordPath: String?, recordError: String?) -> [AppEffect] {
        guard state.installRequests.removeValue(forKey: id) != nil else { return [] }
        let formIsOurs = state.form?.submittingRequest == id
        let verb = formIsOurs && state.form?.isReconfigure == true ? "reconfigured" : "installed"
        if formIsOurs { state.form?.submittingRequest = nil }
        switch result {
        case .success(let widget):
            state.uncertain[code] = nil  // a later answer settles an earlier lost one
            state.details[code] = widget
            state.catalog.update(widget)
            state.catalog.setInstalled(code, true)
            if let record {
                state.local[code, default: LocalRecords()].sent = record
                state.local[code]?.sentPath = recordPath
            }
            if formIsOurs { state.form = nil }
            let saved = recordError.map { "; but could not record it: \($0)" } ?? ""
            let count = record?.settings.count ?? widget.settings?.count ?? 0
            say(&state, "\(code) \(verb) with \(count) setting\(count == 1 ? "" : "s")\(saved)", error: recordError != nil)
            return selectionMoved(&state)
        case .failure(let error):
            if error.outcomeUnknown {
                return outcomeUnknown(&state, code: code, change: verb == "installed" ? "install" : "reconfigure", error,
                                      note: formIsOurs ? " (what you typed is kept)" : "")
            }
            if let fieldErrors = ErrorFacts.validationErrors(error), formIsOurs {
                state.form?.applyServerErrors(fieldErrors)
                say(&state, "The server refused the settings of \(code): see the marks beside the fields (" + ErrorFacts.describe(error, state.options) + ")", error: true)
            } else {
                say(&state, "Install of \(code) failed: " + ErrorFacts.describe(error, state.options) + (formIsOurs ? " — what you typed is kept" : ""), error: true)
            }
            return []
        }
    }

    static func receiveUninstalled(_ state: inout AppState, id: Int, code: String, _ outcome: UninstallOutcome) -> [AppEffect] {
        guard state.uninstallRequests.removeValue(forKey: id) != nil else { return [] }
        switch outcome {
        case .done(let backupPath, let auditError):
            state.uncertain[code] = nil
            state.catalog.setInstalled(code, false)
            state.details[code] = nil
            state.local[code] = nil
            let backup = backupPath.map { "settings backed up to \($0)" } ?? "no settings were known, so no backup was written"
            say(&state, "\(code) uninstalled; \(backup)" + (auditError.map { "; but \($0)" } ?? ""), error: auditError != nil)
            return selectionMoved(&state)
        case .backupFailed(let reason):
            say(&state, "Not uninstalled: the backup could not be written (\(reason))", error: true)
            return []
        case .failed(let error, let backupPath):
            let backup = backupPath.map { " (backup kept at \($0))" } ?? ""
            if error.outcomeUnknown { return outcomeUnknown(&state, code: code, change: "uninstall", error, note: backup) }
            say(&state, "Uninstall of \(code) failed: " + ErrorFacts.describe(error, state.options) + backup, error: true)
            return []
        }
    }
}
