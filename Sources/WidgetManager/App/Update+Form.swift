import AmoCRM

extension Update {
    /// `i` / `e`: opens the settings form for the selected widget, once its local records are known.
    static func openForm(_ state: inout AppState, reconfigure: Bool) -> [AppEffect] {
        guard let entry = state.selected else { return [] }
        let code = entry.widget.code
        if refuseIfReadonly(&state, reconfigure ? "reconfigure" : "install") || refuseIfBusy(&state, code: code) { return [] }
        if reconfigure && !entry.installed {
            say(&state, "\(code) is not installed: i installs it", error: true)
            return []
        }
        let reconfigure = reconfigure || entry.installed
        if let load = loadBeforeOpening(&state, code: code, purpose: reconfigure ? .reconfigure : .install) { return load }
        return presentForm(&state, code: code, reconfigure: reconfigure)
    }

    /// A form or the uninstall question shows what the change will do, so it opens only once that is
    /// known: this program's local records and, for a reconfigure or an uninstall, the server's own
    /// view of the widget (it may show settings a list page did not). Asks for what is missing
    /// (`pendingOpen`; `openPending` continues) and returns the effect, or nil when all is known.
    static func loadBeforeOpening(_ state: inout AppState, code: String, purpose: PendingOpen, fresh: Bool = false) -> [AppEffect]? {
        // Always asked again (not the detail held since the selection arrived, nor an install's
        // reply): another client may have changed or removed the widget since.
        if purpose != .install && !fresh {
            let id = state.newID()
            state.pendingOpen = (id, code, purpose)
            state.detailRequest = (id, code)
            state.detailRequestFrame = state.spinnerFrame
            return [.loadDetail(id: id, code: code, host: state.host, delay: .zero)]
        }
        guard state.local[code] == nil else { return nil }
        let id = state.newID()
        state.pendingOpen = (id, code, purpose)
        return [.loadLocal(id: id, code: code, host: state.host)]
    }

    /// What `loadBeforeOpening` waited for has arrived (request `id`): opens the form or the question,
    /// unless the selection or the screen moved on meanwhile.
    static func openPending(_ state: inout AppState, id: Int, code: String, fresh: Bool) -> [AppEffect] {
        guard let pending = state.pendingOpen, pending.id == id else { return [] }
        state.pendingOpen = nil
        guard state.form == nil, state.dialog == nil, state.selectedCode == code, !state.quitWhenIdle else { return [] }
        if let load = loadBeforeOpening(&state, code: code, purpose: pending.purpose, fresh: fresh) { return load }
        // The fresh answer may say the widget is gone (uninstalled elsewhere): no reconfigure then.
        if pending.purpose != .install, state.catalog.entry(code)?.installed == false {
            say(&state, "\(code) is not installed (any more): i installs it", error: true)
            return []
        }
        if pending.purpose == .uninstall {
            state.dialog = .confirmUninstall(code: code, backup: state.knownSettings(code))
            return []
        }
        return presentForm(&state, code: code, reconfigure: pending.purpose == .reconfigure)
    }

    /// Opens the form now that the local records are known; an install with a backup asks first.
    /// A reconfigure starts from the known settings (`AppState.knownSettings`) and says whence; with
    /// none known its title band says, as an error, that ^S replaces all of the widget's settings.
    static func presentForm(_ state: inout AppState, code: String, reconfigure: Bool) -> [AppEffect] {
        let records = state.local[code] ?? LocalRecords()
        if reconfigure {
            guard let known = state.knownSettings(code) else {
                return makeForm(&state, code: code, base: nil, reconfigure: true,
                                notice: "The server does not show \(code)'s current settings and none are recorded here: "
                                    + "^S replaces ALL of them with this form", warning: true)
            }
            return makeForm(&state, code: code, base: known, reconfigure: true,
                            notice: "Prefilled with the current settings \(known.describe()); ^S sends them with your edits")
        }
        if let path = records.backupPath, records.backup != nil {
            state.dialog = .prefillFromBackup(code: code, path: path)
            return []
        }
        return makeForm(&state, code: code, base: nil, reconfigure: false, notice: nil)
    }

    static func makeForm(_ state: inout AppState, code: String, base: KnownSettings?, reconfigure: Bool, notice: String?,
                         warning: Bool = false) -> [AppEffect] {
        let template = state.details[code]?.settingsTemplate ?? state.catalog.entry(code)?.widget.settingsTemplate ?? []
        var form = SettingsForm(code: code, template: template, settings: base?.settings, users: state.users, isReconfigure: reconfigure)
        form.base = base
        form.notice = notice
        form.noticeIsWarning = warning
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
        case .pageDown: form.moveFocusClamped(max(1, state.height - 9))
        case .pageUp: form.moveFocusClamped(-max(1, state.height - 9))
        case .openEditor:
            state.form = form
            openEditor(&state)
            form = state.form ?? form
        case .nextEmptyRequired:
            if !form.focusNextEmptyRequired() { say(&state, "Every required field has a value") }
        case .revealSecret: form.toggleReveal()
        case .addUserRow: form.addUserRow()
        case .help: state.showHelp = true
        case .cancelForm:
            if form.isChanged { state.dialog = .discardForm } else { state.form = nil }
        case .quit:
            // A form being sent holds nothing unsent: quitting waits for its answer (requestQuit).
            if form.isChanged && form.submittingRequest == nil { state.dialog = .quit } else { return requestQuit(&state) }
        case .submit:
            if refuseIfReadonly(&state, "install") { return [] }
            guard let body = form.validatedBody() else {
                say(&state, "Some fields need attention: see the marks beside them", error: true)
                return []
            }
            if form.isReconfigure && form.base == nil {
                let filled = form.fields.filter { body[$0.key] != nil }.count
                state.dialog = .confirmReplaceAll(code: form.code, filled: filled, total: form.fields.count)
                return []
            }
            state.form = form
            let effects = send(&state, body: body)
            form = state.form ?? form  // the deferred write-back must keep the request id
            return effects
        default: break
        }
        return []
    }

    /// One change per widget, and none once quitting: says why and returns true when `code` has a
    /// change in flight or the app is waiting to quit.
    static func refuseIfBusy(_ state: inout AppState, code: String) -> Bool {
        if state.quitWhenIdle {
            say(&state, "Quitting: waiting for the answer to \(state.changesInFlightText); nothing new starts", progress: true)
            return true
        }
        let busy = state.installRequests.values.contains(code) || state.uninstallRequests.values.contains(code)
        if busy { say(&state, "A change to \(code) is in flight: wait for its answer", error: true) }
        return busy
    }

    /// Sends the open form: `body` on top of the known settings (`KnownSettings.merged`), or `body`
    /// alone when none are known (after the replace-all question). The form is read-only until the answer.
    static func send(_ state: inout AppState, body: [String: JSONValue]) -> [AppEffect] {
        guard var form = state.form else { return [] }
        let usersKeys = Set(form.fields.filter { $0.type == .users || $0.type == .usersLP }.map(\.key))
        let settings = form.base?.merged(with: body, templateKeys: Set(form.fields.map(\.key)), usersKeys: usersKeys) ?? body
        let id = state.newID()
        form.submittingRequest = id
        state.form = form
        state.installRequests[id] = form.code
        say(&state, "Sending the settings of \(form.code)…", progress: true)
        return [.install(id: id, code: form.code, host: state.host, settings: settings, reconfigure: form.isReconfigure)]
    }

    /// While a form's install is in flight the form is read-only: only moving between fields, the
    /// help, revealing a secret and quitting act; anything else is refused with a note (a key typed
    /// now would not be sent, and Esc would leave a question about a form that is gone).
    static func formIsLocked(_ state: inout AppState, command: Command?) -> Bool {
        guard let form = state.form, form.submittingRequest != nil else { return false }
        if let command, [.nextField, .previousField, .pageDown, .pageUp, .nextEmptyRequired, .help, .revealSecret, .quit].contains(command) {
            return false
        }
        say(&state, "Waiting for the answer to the \(form.isReconfigure ? "reconfigure" : "install") of \(form.code): "
            + "the form is read-only until then", progress: true)
        return true
    }

    static func dialogCommand(_ state: inout AppState, _ command: Command) -> [AppEffect] {
        guard let dialog = state.dialog, command == .confirmYes || command == .confirmNo else { return [] }
        let yes = command == .confirmYes
        state.dialog = nil
        switch dialog {
        case .confirmUninstall(let code, let backup):
            guard yes else { say(&state, "Uninstall of \(code) cancelled"); return [] }
            guard state.catalog.entry(code) != nil, !refuseIfReadonly(&state, "uninstall") else { return [] }
            let id = state.newID()
            state.uninstallRequests[id] = code
            say(&state, backup == nil ? "Uninstalling \(code) (no settings known to back up)…"
                                      : "Backing up the settings of \(code), then uninstalling…", progress: true)
            return [.uninstall(id: id, code: code, host: state.host, backup: backup?.settings)]
        case .confirmReplaceAll(_, _, _):
            guard yes, let form = state.form, form.submittingRequest == nil, let body = state.form?.validatedBody() else {
                if !yes { say(&state, "Not sent: nothing was changed") }
                return []
            }
            return send(&state, body: body)
        case .discardForm:
            guard yes, let code = state.form?.code else { return [] }
            state.form = nil
            // After a lost reply the status line says what is being checked: keep it (the form was sent).
            if state.uncertain[code] == nil { say(&state, "Form closed; nothing was changed") }
            return []
        case .quit:
            return yes ? requestQuit(&state) : []
        case .prefillFromBackup(let code, let path):
            let backup = yes ? state.local[code]?.backup : nil
            return makeForm(&state, code: code, base: backup.map { KnownSettings(settings: $0.settings, source: .backup(savedAt: $0.savedAt)) },
                            reconfigure: false, notice: yes ? "Prefilled from the backup \(path)" : nil)
        }
    }

    /// ^E: the focused box's value for the user's editor; a `custom` value as pretty-printed JSON.
    /// Secrets are never opened in an editor (it would show them): ^R reveals them in the form.
    static func openEditor(_ state: inout AppState) {
        guard let form = state.form, let slot = form.focusedSlot, let editor = form.editor(at: slot) else { return }
        let field = form.fields[slot.field]
        let secret: Bool
        if case .users(_, let free) = field.editor { secret = field.isSecret(cell: slot.cell, freeEntry: free) } else {
            secret = field.isSecret(cell: 0, freeEntry: false)
        }
        if secret {
            say(&state, "A secret is not opened in an editor (it would show it): ^R reveals it here", error: true)
            return
        }
        let isJSON = field.type == .custom && slot.row == 0
        var text = editor.text
        if isJSON, let value = SettingsValues.parseJSON(text) { text = SettingsValues.prettyJSON(value) }
        state.editingSlot = slot
        state.editRequest = EditRequest(text: text, fileSuffix: isJSON ? ".json" : ".txt")
    }

    /// The editor's answer: the text goes into the box it came from (one line: a `custom` value is
    /// kept as compact JSON when it parses; else its lines are joined and the error says where).
    static func edited(_ state: inout AppState, text: String?, error: String?) -> [AppEffect] {
        guard let slot = state.editingSlot, var form = state.form else { return [] }
        state.editingSlot = nil
        guard let text else {
            say(&state, "The editor did not run: \(error ?? "unknown error"); nothing changed", error: true)
            return []
        }
        let field = form.fields[slot.field]
        var line = text.hasSuffix("\n") ? String(text.dropLast()) : text
        var problem: String?
        if field.type == .custom && slot.row == 0 && !line.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            let checked = SettingsValues.checkJSON(line)
            if let value = checked.value { line = SettingsValues.jsonText(value) } else { problem = checked.problem }
        }
        if problem != nil || field.type != .custom {
            line = line.split(whereSeparator: \.isNewline).joined(separator: field.type == .custom ? " " : " ")
        }
        form.setText(line, at: slot)
        state.form = form
        if let problem {
            form.fields[slot.field].error = "not valid JSON: \(problem)"
            state.form = form
            say(&state, "\(field.name): not valid JSON (\(problem)); ^E edits it again", error: true)
        } else {
            say(&state, "\(field.name) set from the editor")
        }
        return []
    }
}
