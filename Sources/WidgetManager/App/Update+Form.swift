import AmoCRM

extension Update {
    /// `i` / `e`: opens the settings form for the selected widget, once its local records are known.
    static func openForm(_ state: inout AppState, reconfigure: Bool) -> [AppEffect] {
        guard let entry = state.selected else { return [] }
        let code = entry.widget.code
        if refuseIfReadonly(&state, reconfigure ? "reconfigure" : "install") { return [] }
        if reconfigure && !entry.installed {
            say(&state, "\(code) is not installed: i installs it", error: true)
            return []
        }
        let reconfigure = reconfigure || entry.installed
        guard state.local[code] != nil else {
            let id = state.newID()
            state.pendingOpen = (id, code, reconfigure)
            return [.loadLocal(id: id, code: code, host: state.host)]
        }
        return presentForm(&state, code: code, reconfigure: reconfigure)
    }

    /// Opens the form now that the local records are known; an install with a backup asks first.
    static func presentForm(_ state: inout AppState, code: String, reconfigure: Bool) -> [AppEffect] {
        let records = state.local[code] ?? LocalRecords()
        if reconfigure {
            if let settings = state.details[code]?.settings ?? state.catalog.entry(code)?.widget.settings {
                return makeForm(&state, code: code, settings: settings, reconfigure: true,
                                notice: "Prefilled with the current settings from the server")
            }
            if let sent = records.sent {
                return makeForm(&state, code: code, settings: sent.settings, reconfigure: true,
                                notice: "Prefilled with the settings this program sent on \(sent.savedAt)")
            }
            return makeForm(&state, code: code, settings: nil, reconfigure: true,
                            notice: "The server does not show the current settings: fields start empty")
        }
        if let path = records.backupPath, records.backup != nil {
            state.dialog = .prefillFromBackup(code: code, path: path)
            return []
        }
        return makeForm(&state, code: code, settings: nil, reconfigure: false, notice: nil)
    }

    static func makeForm(_ state: inout AppState, code: String, settings: [String: JSONValue]?, reconfigure: Bool, notice: String?) -> [AppEffect] {
        let template = state.details[code]?.settingsTemplate ?? state.catalog.entry(code)?.widget.settingsTemplate ?? []
        var form = SettingsForm(code: code, template: template, settings: settings, users: state.users, isReconfigure: reconfigure)
        form.notice = notice
        state.form = form
        // What the status line said about the list or an earlier form ("Form closed; nothing was
        // changed", a paste note) would be read as about this one; errors stay until replaced.
        if state.status?.isError == false { state.status = nil }
        guard form.needsUsers, state.usersRequest == nil else { return [] }
        if case .loading = state.users {} else if state.usersRetryable {
            // The last try failed for a reason that may have passed: ask again.
            state.users = .loading
            state.usersRetryable = false
            state.form?.updateUsers(.loading)
        } else { return [] }
        let id = state.newID()
        state.usersRequest = id
        return [.loadUsers(id: id)]
    }

    static func formCommand(_ state: inout AppState, _ command: Command) -> [AppEffect] {
        guard var form = state.form else { return [] }
        defer { if state.form != nil { state.form = form } }
        switch command {
        case .nextField: form.moveFocus(1)
        case .previousField: form.moveFocus(-1)
        case .revealSecret: form.toggleReveal()
        case .addUserRow: form.addUserRow()
        case .help: state.showHelp = true
        case .cancelForm:
            if form.isChanged { state.dialog = .discardForm } else { state.form = nil }
        case .quit:
            if form.isChanged { state.dialog = .quit } else { state.isFinished = true }
        case .submit:
            if refuseIfReadonly(&state, "install") { return [] }
            guard form.submittingRequest == nil else {
                say(&state, "Already sending \(form.code)…", progress: true)
                return []
            }
            guard let body = form.validatedBody() else {
                say(&state, "Some fields need attention: see the marks beside them", error: true)
                return []
            }
            let id = state.newID()
            form.submittingRequest = id
            state.installRequests[id] = form.code
            say(&state, "Sending the settings of \(form.code)…", progress: true)
            return [.install(id: id, code: form.code, host: state.host, settings: body, reconfigure: form.isReconfigure)]
        default: break
        }
        return []
    }

    static func dialogCommand(_ state: inout AppState, _ command: Command) -> [AppEffect] {
        guard let dialog = state.dialog, command == .confirmYes || command == .confirmNo else { return [] }
        let yes = command == .confirmYes
        state.dialog = nil
        switch dialog {
        case .confirmUninstall(let code):
            guard yes else { say(&state, "Uninstall of \(code) cancelled"); return [] }
            guard let entry = state.catalog.entry(code), !refuseIfReadonly(&state, "uninstall") else { return [] }
            let id = state.newID()
            state.uninstallRequests[id] = code
            say(&state, "Backing up the settings of \(code), then uninstalling…", progress: true)
            return [.uninstall(id: id, code: code, host: state.host, backup: state.details[code]?.settings ?? entry.widget.settings)]
        case .discardForm:
            guard yes, let code = state.form?.code else { return [] }
            state.form = nil
            // After a lost reply the status line says what is being checked: keep it (the form was sent).
            if state.uncertain[code] == nil { say(&state, "Form closed; nothing was changed") }
            return []
        case .quit:
            if yes { state.isFinished = true }
            return []
        case .prefillFromBackup(let code, let path):
            let backup = yes ? state.local[code]?.backup?.settings : nil
            return makeForm(&state, code: code, settings: backup, reconfigure: false,
                            notice: yes ? "Prefilled from the backup \(path)" : nil)
        }
    }
}
