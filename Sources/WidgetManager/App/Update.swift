import AmoCRM

/// Everything that can happen to the application: the start, a terminal event, a finished effect's
/// message, or a command (what a key means; tests and other front ends may send commands directly).
public enum AppAction: Sendable {
    case start
    case event(TerminalEvent)
    case message(AppMessage)
    case command(Command)
}

/// The application's `update`: pure and total. Given the state and an action it changes the state and
/// returns the effects to start; it never does I/O, so every behaviour is testable without a terminal.
public enum Update {
    /// Applies `action` to `state`; returns the effects to start (a spinner tick is added while busy).
    public static func update(_ state: inout AppState, _ action: AppAction) -> [AppEffect] {
        var effects: [AppEffect]
        let (before, context) = (state.status, state.context)
        switch action {
        case .start: effects = start(&state)
        case .event(.resize(let w, let h)): effects = resize(&state, width: w, height: h)
        case .event(.key(let key)): effects = keyPress(&state, key)
        case .event(.paste(let text)): effects = paste(&state, text)
        case .event(.edited(let text, let error)): effects = edited(&state, text: text, error: error)
        case .message(let m):
            let inFlight = state.installRequests.count + state.uninstallRequests.count
            effects = receive(&state, m)
            // While quitting, every change's answer is said again on stderr after the screen closes.
            if state.quitWhenIdle, state.installRequests.count + state.uninstallRequests.count < inFlight, let status = state.status {
                state.farewell.append(status.text)
            }
        case .command(let c): effects = command(&state, c)
        }
        // A change of context (a form, the filter, help or a dialog opens or closes: after a key, or
        // a form opening once its records arrive) takes a passing message with it; errors stay until
        // dismissed or replaced, and a message the change itself said stays.
        if state.context != context, state.status == before, before?.remaining != nil { state.status = nil }
        // No question outlives what it is about: the form it asks of has closed.
        switch state.dialog {
        case .discardForm?, .quit?, .confirmReplaceAll?: if state.form == nil { state.dialog = nil }
        default: break
        }
        // Quitting waited for the changes in flight: each has its answer (and its record) now.
        if state.quitWhenIdle, !state.changesInFlight, !state.isFinished {
            state.isFinished = true
        }
        // A message band appearing or going (or a resize, a load) changes the list's height: the
        // cursor's row stays in view.
        if state.form == nil { keepCursorVisible(&state) }
        // While busy the spinner needs the fast tick: one started for a message's expiry (slow) is superseded.
        let slowTick = state.tickRunning && state.tickAfter > state.options.tickInterval
        // A new passing message on an idle screen gets its whole life: the wait for the old one is superseded.
        let newMessage = state.status?.remaining != nil && (state.status?.text != before?.text || state.status?.isError != before?.isError)
        if state.needsTicks && (!state.tickRunning || (state.isBusy && slowTick) || (!state.isBusy && newMessage)) {
            effects.append(nextTick(&state))
        }
        return effects
    }

    /// Starts the next tick: the spinner's interval while busy, else one wait for the status
    /// message to expire (an idle screen wakes once, not every 120 ms).
    static func nextTick(_ state: inout AppState) -> AppEffect {
        state.tickRunning = true
        state.tickID = state.newID()
        let interval = state.options.tickInterval
        state.tickAfter = state.isBusy ? interval : max(interval, state.status?.remaining ?? interval)
        return .tick(id: state.tickID, after: state.tickAfter)
    }

    /// A tick of `state.tickAfter` passed: a passing message loses that much of its life and is
    /// cleared once none is left.
    static func expireStatus(_ state: inout AppState) {
        guard var status = state.status, let remaining = status.remaining else { return }
        let left = remaining - state.tickAfter
        if left <= .zero {
            state.status = nil
        } else {
            status.remaining = left
            state.status = status
        }
    }

    /// The first requests: page 1 first (the client's pacer lets at most 7 requests into any
    /// second, so order matters, and the rows are what the user waits for), then the account (for the title), the pipelines (lead-source
    /// names), the users (names in the detail pane and the forms; a 403 only means ids are typed by hand).
    static func start(_ state: inout AppState) -> [AppEffect] {
        guard !state.started else { return [] }
        state.started = true
        var effects = startCatalogLoad(&state)
        let usersID = state.newID()
        state.usersRequest = usersID
        effects += [.loadAccount(id: state.newID()), .loadPipelines(id: state.newID()), .loadUsers(id: usersID)]
        return effects
    }

    static func resize(_ state: inout AppState, width: Int, height: Int) -> [AppEffect] {
        state.width = max(0, width)
        state.height = max(0, height)
        keepCursorVisible(&state)
        return []
    }

    /// A key: looked up in the keymap for the current context; text contexts give the rest to the editor.
    static func keyPress(_ state: inout AppState, _ key: KeyEvent) -> [AppEffect] {
        let context = state.context
        // Too small to see anything: only quitting works, so no key acts blindly.
        if Layout.isTooSmall(width: state.width, height: state.height) {
            if key == .ctrl("c") || (key == .char("q") && !context.isTextEntry) { return command(&state, .quit) }
            return []
        }
        // Quit was asked while a change is in flight: ^C again leaves at once.
        if state.quitWhenIdle, key == .ctrl("c") { state.isFinished = true; return [] }
        let found = Keymap.command(for: key, in: context)
        // ^C in a form being sent: the form cannot be left, so it quits (after the answer).
        if context == .form, key == .ctrl("c"), state.form?.submittingRequest != nil { return requestQuit(&state) }
        if context == .form, formIsLocked(&state, command: found) { return [] }
        if let c = found { return command(&state, c) }
        switch context {
        case .filter:
            guard var editor = state.filterEditor, editor.apply(key) else { return [] }
            state.filterEditor = editor
            state.catalog.setFilter(editor.text)
            selectBestMatch(&state)
            return selectionMoved(&state)
        case .form:
            _ = state.form?.edit(key)
            return []
        default:
            return []
        }
    }

    /// A command in the current context (commands of other contexts are ignored).
    static func command(_ state: inout AppState, _ command: Command) -> [AppEffect] {
        switch state.context {
        case .help:
            let grid = OverlayView.helpGrid(state, Layout(width: state.width, height: state.height))
            switch command {
            case .closeHelp: state.showHelp = false; state.helpTop = 0
            case .moveDown: state.helpTop = min(grid.maxTop, state.helpTop + 1)
            case .moveUp: state.helpTop = max(0, state.helpTop - 1)
            case .pageDown: state.helpTop = min(grid.maxTop, state.helpTop + grid.page)
            case .pageUp: state.helpTop = max(0, state.helpTop - grid.page)
            default: break
            }
            return []
        case .dialog: return dialogCommand(&state, command)
        case .filter: return filterCommand(&state, command)
        case .form: return formCommand(&state, command)
        case .browser: return browserCommand(&state, command)
        }
    }

    /// Puts a message in the status line. Errors and `progress` (a running task's, replaced by its
    /// answer) stay until replaced; anything else expires after `AppOptions.statusLifetime`.
    static func say(_ state: inout AppState, _ text: String, error: Bool = false, progress: Bool = false) {
        state.status = StatusMessage(text: text, isError: error,
                                     remaining: error || progress ? nil : state.options.statusLifetime)
    }
}
