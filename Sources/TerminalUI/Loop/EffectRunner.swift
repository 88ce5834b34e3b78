import NIOConcurrencyHelpers
import WidgetManager

/// Finished effects' messages waiting for the UI thread: tasks append under a lock and wake the loop.
final class MessageInbox<Message: Sendable>: Sendable {
    private let items = NIOLockedValueBox<[(task: Int, message: Message)]>([])
    private let wake: WakePipe

    init(wake: WakePipe) { self.wake = wake }

    /// Called by a finished task (any thread): queues its message and wakes the loop.
    func post(task: Int, _ message: Message) {
        items.withLockedValue { $0.append((task, message)) }
        wake.signal()
    }

    /// Takes every queued message, oldest first (UI thread).
    func takeAll() -> [(task: Int, message: Message)] {
        items.withLockedValue { queued in
            defer { queued.removeAll() }
            return queued
        }
    }
}

/// Starts a program's effects as detached tasks (a main-actor task would never run while the UI
/// thread sits in `poll()`), keeps track of them by `supersedes` key, and hands finished messages
/// back on the UI thread. Not thread-safe by design: only the UI thread calls it.
public final class EffectRunner<Performer: EffectPerformer> {
    private let performer: Performer
    private let inbox: MessageInbox<Performer.Message>
    private var running: [Int: (key: String?, task: Task<Void, Never>)] = [:]
    private var byKey: [String: Int] = [:]
    private var nextID = 0

    /// - Parameters: `performer` runs the effects; `wake` is signalled when a message is ready.
    public init(performer: Performer, wake: WakePipe) {
        self.performer = performer
        inbox = MessageInbox(wake: wake)
    }

    /// The number of tasks started and not yet drained (finished tasks count until `drain`).
    public var runningCount: Int { running.count }

    /// Starts `effect`; with a `supersedes` key, first cancels the running task with that key. With a
    /// `cancels` key, only cancels that task. A cancelled task still delivers its message.
    public func start(_ effect: Performer.Effect) {
        if let key = effect.cancels {
            if let id = byKey.removeValue(forKey: key) { running[id]?.task.cancel() }
            return
        }
        let id = nextID
        nextID += 1
        if let key = effect.supersedes, let older = byKey[key] { running[older]?.task.cancel() }
        let performer = performer, inbox = inbox
        let task = Task.detached {
            let message = await performer.perform(effect)
            inbox.post(task: id, message)
        }
        running[id] = (effect.supersedes, task)
        if let key = effect.supersedes { byKey[key] = id }
    }

    /// The messages of tasks that finished since the last call, oldest first.
    public func drain() -> [Performer.Message] {
        inbox.takeAll().map { item in
            if let entry = running.removeValue(forKey: item.task), let key = entry.key, byKey[key] == item.task {
                byKey[key] = nil
            }
            return item.message
        }
    }

    /// Cancels every running task (the loop is ending; their messages are no longer read).
    public func cancelAll() {
        for entry in running.values { entry.task.cancel() }
        running.removeAll()
        byKey.removeAll()
    }
}
