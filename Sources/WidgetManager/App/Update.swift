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
        switch action {
        case .start: effects = start(&state)
        case .event(.resize(let w, let h)): effects = resize(&state, width: w, height: h)
        case .event(.key(let key)): effects = keyPress(&state, key)
        case .event(.paste(let text)): effects = paste(&state, text)
        case .message(let m): effects = receive(&state, m)
        case .command(let c): effects = command(&state, c)
        }
        if state.isBusy && !state.tickRunning {
            state.tickRunning = true
            state.tickID = state.newID()
            effects.append(.tick(id: state.tickID, after: state.options.tickInterval))
        }
        return effects
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
        if let c = Keymap.command(for: key, in: context) { return command(&state, c) }
        switch context {
        case .filter:
            guard var editor = state.filterEditor, editor.apply(key) else { return [] }
            state.filterEditor = editor
            state.catalog.setFilter(editor.text)
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
            if command == .closeHelp { state.showHelp = false }
            return []
        case .dialog: return dialogCommand(&state, command)
        case .filter: return filterCommand(&state, command)
        case .form: return formCommand(&state, command)
        case .browser: return browserCommand(&state, command)
        }
    }

    /// Puts a message in the status line.
    static func say(_ state: inout AppState, _ text: String, error: Bool = false) {
        state.status = StatusMessage(text: text, isError: error)
    }
}
