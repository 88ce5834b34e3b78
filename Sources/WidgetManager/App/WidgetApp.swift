/// The widget manager as a `Program` for the terminal layer's loop.
///
/// ```swift
/// var app = WidgetApp(options: AppOptions(readonly: false, asciiOnly: !utf8, accountHost: "example.amocrm.ru"))
/// let performer = WidgetEffects(client: client, paths: AppPaths(environment: env), activity: activity)
/// try TerminalRunner.run(program: &app, performer: performer)
/// ```
/// The loop calls `start()` once before the first event (the first requests: account, pipelines,
/// page 1), then `handle` for keys and resizes and `receive` for effect results. Should a loop not call
/// `start()`, the first event starts the program instead.
public struct WidgetApp: Program {
    public typealias Effect = AppEffect
    public typealias Message = AppMessage

    /// The whole state (a value; tests read it).
    public private(set) var state: AppState

    public init(options: AppOptions) { state = AppState(options: options) }

    /// An app with a given state (tests, benchmarks).
    public init(state: AppState) { self.state = state }

    /// Applies any action (the single entry point `handle`, `receive` and `start` go through).
    public mutating func send(_ action: AppAction) -> [AppEffect] {
        var effects: [AppEffect] = []
        if !state.started, case .start = action {} else if !state.started { effects = Update.update(&state, .start) }
        return effects + Update.update(&state, action)
    }

    /// The first effects (account, pipelines, users, page 1) for a terminal of `width` x `height`.
    public mutating func start(width: Int, height: Int) -> [AppEffect] {
        var effects = send(.event(.resize(width: width, height: height)))
        effects += send(.start)
        return effects
    }

    /// A key or a resize.
    public mutating func handle(_ event: TerminalEvent) -> [AppEffect] { send(.event(event)) }
    /// A finished effect's answer.
    public mutating func receive(_ message: AppMessage) -> [AppEffect] { send(.message(message)) }
    public func render(width: Int, height: Int) -> Canvas { AppView.render(state, width: width, height: height) }
    public func cursor(width: Int, height: Int) -> (x: Int, y: Int)? { AppView.cursor(state, width: width, height: height) }
    public var isFinished: Bool { state.isFinished }

    /// Ends at once unless a change is in flight; then quitting waits for its answer (`Update.requestQuit`).
    public mutating func exitRequested() -> Bool {
        guard state.changesInFlight else { return true }
        if !state.quitWhenIdle { _ = Update.requestQuit(&state) }
        return state.isFinished
    }

    /// ^E in a form: the focused value for `$EDITOR` (`Update.openEditor` set it).
    public mutating func takeEditRequest() -> EditRequest? {
        defer { state.editRequest = nil }
        return state.editRequest
    }
}
