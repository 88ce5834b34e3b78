import AmoCRM

extension Update {
    static func browserCommand(_ state: inout AppState, _ command: Command) -> [AppEffect] {
        let rows = listRows(state)
        // The details shown whole: the arrows and pages scroll them (there is no list on screen).
        if state.detailZoom {
            let page = max(1, state.height - 7)
            switch command {
            case .moveDown, .scrollDetailDown: state.detailTop += 1; return []
            case .moveUp, .scrollDetailUp: state.detailTop = max(0, state.detailTop - 1); return []
            case .pageDown: state.detailTop += page; return []
            case .pageUp: state.detailTop = max(0, state.detailTop - page); return []
            default: break
            }
        }
        switch command {
        case .moveUp: return moveCursor(&state, to: state.cursor - 1)
        case .moveDown: return moveCursor(&state, to: state.cursor + 1)
        case .pageUp: return moveCursor(&state, to: state.cursor - max(1, rows - 1))
        case .pageDown: return moveCursor(&state, to: state.cursor + max(1, rows - 1))
        case .scrollDetailDown:
            state.detailTop += 1
            return []
        case .scrollDetailUp:
            state.detailTop = max(0, state.detailTop - 1)
            return []
        case .first: return moveCursor(&state, to: 0)
        case .last: return moveCursor(&state, to: state.catalog.visible.count - 1)
        case .startFilter:
            state.filterEditor = LineEditor(state.catalog.filter)
            return []
        case .clearFilter:
            // Esc also drops a form or question still waiting for its records.
            if let pending = state.pendingOpen {
                state.pendingOpen = nil
                if state.detailRequest?.id == pending.id { state.detailRequest = nil; return [.cancel(key: "detail")] }
                return []
            }
            if state.detailZoom { state.detailZoom = false; state.detailTop = 0; return [] }
            // Esc without a filter dismisses the status line's message (an error stays until then).
            guard !state.catalog.filter.isEmpty else { state.status = nil; return [] }
            state.catalog.setFilter("")
            return selectionMoved(&state)
        case .toggleInstalledOnly:
            state.catalog.setInstalledOnly(!state.catalog.installedOnly)
            say(&state, state.catalog.installedOnly ? "Showing installed widgets only" : "Showing all widgets")
            return selectionMoved(&state)
        case .cycleSort:
            state.catalog.setSort(state.catalog.sort.next)
            say(&state, "Sorted \(state.catalog.sort.title)")
            return selectionMoved(&state)
        case .reload:
            state.catalog.removeAll()
            state.details = [:]
            state.detailErrors = [:]
            state.local = [:]
            state.detailRequest = nil
            state.uncertain = [:]  // the list says what is installed
            say(&state, "Reloading the catalogue", progress: true)
            var effects = startCatalogLoad(&state) + [.cancel(key: "detail")]
            if state.usersRequest == nil {  // the account's users may have changed (or failed to load) too
                let id = state.newID()
                state.usersRequest = id
                effects.append(.loadUsers(id: id))
            }
            return effects
        case .install, .reconfigure:
            return openForm(&state, reconfigure: command == .reconfigure)
        case .uninstall:
            guard refuseIfReadonly(&state, "uninstall") == false, let entry = state.selected else { return [] }
            let code = entry.widget.code
            if refuseIfBusy(&state, code: code) { return [] }
            guard entry.installed else {
                say(&state, "\(code) is not installed", error: true)
                return []
            }
            // The question names what will be backed up, so that must be known first.
            if let load = loadBeforeOpening(&state, code: code, purpose: .uninstall) { return load }
            state.dialog = .confirmUninstall(code: code, backup: state.knownSettings(code))
            return []
        case .toggleDetail:
            state.detailZoom.toggle()
            state.detailTop = 0
            return []
        case .help:
            state.showHelp = true
            return []
        case .quit:
            return requestQuit(&state)
        default:
            return []
        }
    }

    static func filterCommand(_ state: inout AppState, _ command: Command) -> [AppEffect] {
        switch command {
        case .acceptFilter:
            state.filterEditor = nil
            return []
        case .cancelFilter:
            state.filterEditor = nil
            state.catalog.setFilter("")
            return selectionMoved(&state)
        default:
            return []
        }
    }

    /// While the filter is typed the selection goes to the best match: the code itself, else the
    /// first code that starts with the text, else the first match in list order (an inverted or empty
    /// filter keeps the selection where it was).
    static func selectBestMatch(_ state: inout AppState) {
        let query = FilterQuery(state.catalog.filter)
        guard !query.invert, !query.needle.isEmpty else { return }
        var best: (rank: Int, code: String)?
        for row in 0..<state.catalog.visible.count {
            guard let entry = state.catalog.shown(row) else { continue }
            let rank = query.rank(entry.lowerCode[...])
            if best == nil || rank < best!.rank { best = (rank, entry.widget.code) }
            if rank == 0 { break }
        }
        if let best { state.selectedCode = best.code }
    }

    /// Starts (or restarts) reading the catalogue from page 1; the previous load is superseded.
    static func startCatalogLoad(_ state: inout AppState) -> [AppEffect] {
        let id = state.newID()
        state.load = CatalogLoad(requestID: id, page: 1)
        return [.loadPage(id: id, page: 1, limit: state.options.pageSize)]
    }

    static func moveCursor(_ state: inout AppState, to row: Int) -> [AppEffect] {
        let count = state.catalog.visible.count
        guard count > 0 else { return [] }
        state.cursor = min(max(0, row), count - 1)
        let code = state.catalog.shown(state.cursor)?.widget.code
        if code != state.selectedCode { state.detailTop = 0 }
        state.selectedCode = code
        keepCursorVisible(&state)
        return detailForSelection(&state)
    }

    /// After the shown list changed: keep the same widget selected if it is still shown, otherwise
    /// stay on the same row; then make sure the detail pane asks for the selected widget.
    static func selectionMoved(_ state: inout AppState) -> [AppEffect] {
        let count = state.catalog.visible.count
        if let code = state.selectedCode, let row = state.catalog.row(of: code) {
            state.cursor = row
        } else {
            state.cursor = count == 0 ? 0 : min(max(0, state.cursor), count - 1)
            state.selectedCode = state.catalog.shown(state.cursor)?.widget.code
        }
        keepCursorVisible(&state)
        return detailForSelection(&state)
    }

    /// Asks for the selected widget's detail (after the debounce delay) unless it is loaded or asked
    /// for already; cancels a detail request for a widget no longer selected.
    static func detailForSelection(_ state: inout AppState) -> [AppEffect] {
        guard let code = state.selectedCode else {
            if state.detailRequest != nil { state.detailRequest = nil; return [.cancel(key: "detail")] }
            return []
        }
        // A form or question waiting for another widget's records is dropped with the selection.
        if let pending = state.pendingOpen, pending.code != code { state.pendingOpen = nil }
        if state.detailRequest?.code == code { return [] }
        if state.details[code] != nil && state.local[code] != nil {
            if state.detailRequest != nil { state.detailRequest = nil; return [.cancel(key: "detail")] }
            return []
        }
        let id = state.newID()
        state.detailRequest = (id, code)
        state.detailRequestFrame = state.spinnerFrame
        return [.loadDetail(id: id, code: code, host: state.host, delay: state.options.detailDelay)]
    }

    /// Scrolls the list so the cursor row is drawn, never past the end. When the cursor leaves the
    /// view the list jumps so the cursor sits mid-view (as mutt does) instead of creeping one row:
    /// scrolling a half-width list rewrites every row of it (no terminal scrolling beside the detail
    /// pane), so over a slow link ↓ held down costs one big frame per half page, not one per key.
    static func keepCursorVisible(_ state: inout AppState) {
        let rows = max(1, listRows(state))
        let count = state.catalog.visible.count
        if state.cursor < state.listTop || state.cursor >= state.listTop + rows { state.listTop = state.cursor - rows / 2 }
        state.listTop = max(0, min(state.listTop, count - rows))
    }

    /// Rows of widgets the list shows now: the view's pane (`AppView.listPane`, above the message
    /// band when one is drawn) minus its header.
    static func listRows(_ state: AppState) -> Int {
        let layout = Layout(width: state.width, height: state.height)
        return max(0, AppView.listPane(state, layout, Glyphs.for(state.options)).height - 1)
    }

    /// q, ^C, ^Q or a terminating signal: quits now when no change is in flight; otherwise waits for
    /// the answers (they are recorded) and says so; asked again while waiting, quits at once (the
    /// launcher then records what is still unanswered as `unknown`).
    static func requestQuit(_ state: inout AppState) -> [AppEffect] {
        if !state.changesInFlight || state.quitWhenIdle {
            state.isFinished = true
            return []
        }
        state.quitWhenIdle = true
        say(&state, "Waiting for the answer to \(state.changesInFlightText) before quitting; "
            + "^C again quits at once (the change is then recorded as unknown)", progress: true)
        return []
    }

    /// In read-only mode says so and returns true.
    static func refuseIfReadonly(_ state: inout AppState, _ what: String) -> Bool {
        guard state.options.readonly else { return false }
        say(&state, "Read-only mode: \(what) is turned off", error: true)
        return true
    }
}
