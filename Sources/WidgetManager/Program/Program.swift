/// The contract between the terminal layer (which owns the screen and the event loop) and an
/// application core (which owns state). Everything here is called on the one UI thread, except
/// `EffectPerformer.perform`, which runs as a detached task and returns a message for the loop.
///
/// The loop: on wake-up, feed every decoded key to `handle`, every finished effect's message to
/// `receive`; start the effects they return; then, once, `render` and draw the rows that changed.
public protocol Program {
    associatedtype Effect: ProgramEffect
    associatedtype Message: Sendable

    /// Called once by the loop before the first event, with the terminal's size: returns the first
    /// effects (e.g. loading the catalogue). The default does nothing.
    mutating func start(width: Int, height: Int) -> [Effect]

    /// Feeds one terminal event; returns the effects to start.
    mutating func handle(_ event: TerminalEvent) -> [Effect]
    /// Feeds the result of a finished effect; returns the effects to start.
    mutating func receive(_ message: Message) -> [Effect]
    /// Draws the whole screen for a terminal of `width` x `height` cells.
    func render(width: Int, height: Int) -> Canvas
    /// Where the terminal cursor should be shown (a focused text field), or nil to hide it.
    func cursor(width: Int, height: Int) -> (x: Int, y: Int)?
    /// True once the user has quit; the loop then restores the terminal and returns.
    var isFinished: Bool { get }
    /// A terminating signal arrived or the terminal hung up. True: end now. False: the program has
    /// work it must see answered first (a change in flight); the loop goes on delivering messages, for
    /// a bounded time, until `isFinished` (a second signal ends it at once).
    mutating func exitRequested() -> Bool
    /// A text to open in the user's editor now, taken once (the loop answers with `.edited`).
    mutating func takeEditRequest() -> EditRequest?
}

extension Program {
    public mutating func start(width: Int, height: Int) -> [Effect] { [] }
    public mutating func exitRequested() -> Bool { true }
    public mutating func takeEditRequest() -> EditRequest? { nil }
}

/// An effect the loop starts as a task. Starting an effect whose `supersedes` key equals a running
/// task's key cancels that task first (a newer detail load replaces the older one).
public protocol ProgramEffect: Sendable {
    /// Tasks with the same key replace each other; nil means the task never supersedes another.
    var supersedes: String? { get }
    /// When non-nil, the loop cancels the running task with this key and starts nothing.
    var cancels: String? { get }
}

/// Runs effects off the UI thread. `perform` must not touch curses; it returns the message that
/// `Program.receive` gets. A cancelled task's message is still delivered (so the core can drop it).
public protocol EffectPerformer<Effect, Message>: Sendable {
    associatedtype Effect: ProgramEffect
    associatedtype Message: Sendable
    func perform(_ effect: Effect) async -> Message
}
