@preconcurrency import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Holds Ctrl-C (SIGINT), SIGTERM and SIGHUP while a change is in flight, so the command never exits
/// with a change unrecorded: the first signal says it waits for the answer; a second runs `leave`
/// (which records the change as `unknown`) and exits with 128 + the signal. Removed by `end()`,
/// after which the signals act as before.
final class InterruptGuard {
    private static let signals = [SIGINT, SIGTERM, SIGHUP]
    /// Seconds a hang-up waits for the answer before the change is recorded as unknown (as the TUI).
    static let hangUpWait = 4
    private let sources: [any DispatchSourceSignal]
    /// Shared with the signal handlers' queue.
    private final class Shared: Sendable {
        let count = Mutex(0)
        /// Set by whoever records the change first: the answer (`claim`) or the second signal.
        let claimed = Mutex(false)
    }
    private let shared = Shared()

    /// Starts holding the signals. `waiting` is said on the first, `leave` runs on the second (only
    /// if the answer has not been claimed), then the process exits.
    init(waiting: String, leave: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "amowidgets.interrupt")
        var made: [any DispatchSourceSignal] = []
        for sig in Self.signals {
            signal(sig, SIG_IGN)  // the dispatch source sees it; the default action would kill the process
            made.append(DispatchSource.makeSignalSource(signal: sig, queue: queue))
        }
        sources = made
        for (source, sig) in zip(sources, Self.signals) {
            source.setEventHandler { [shared] in
                let n = shared.count.withLock { $0 += 1; return $0 }
                if n == 1 {
                    if sig == SIGHUP {
                        // The terminal is gone: whoever hung up expects the process to go soon.
                        queue.asyncAfter(deadline: .now() + .seconds(InterruptGuard.hangUpWait)) {
                            let mine = shared.claimed.withLock { was in defer { was = true }; return !was }
                            if mine { leave() }
                            exit(128 + sig)
                        }
                        return
                    }
                    Console.message(waiting + " (Ctrl-C or another signal leaves now; the change is then recorded as unknown)")
                    return
                }
                let mine = shared.claimed.withLock { was in defer { was = true }; return !was }
                if mine { leave() }
                exit(128 + sig)
            }
            source.resume()
        }
    }

    /// The answer is in: true when this caller records it (no second signal got there first).
    func claim() -> Bool { shared.claimed.withLock { was in defer { was = true }; return !was } }

    /// Stops holding the signals (their default actions again).
    func end() {
        for source in sources { source.cancel() }
        for sig in Self.signals { signal(sig, SIG_DFL) }
    }
}
