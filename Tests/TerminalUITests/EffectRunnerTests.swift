import Synchronization
import Testing
import WidgetManager
@testable import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// The effect runner without a terminal: tasks run detached, messages come back through the inbox and
/// wake the pipe, `supersedes` cancels the older task, `cancels` cancels without starting.
@Suite struct EffectRunnerTests {
    struct Sleep: ProgramEffect {
        var name: String
        var milliseconds: Int
        var supersedes: String?
        var cancels: String? = nil
    }

    struct Performer: EffectPerformer {
        func perform(_ effect: Sleep) async -> String {
            do {
                try await Task.sleep(for: .milliseconds(effect.milliseconds))
                return "\(effect.name) done"
            } catch {
                return "\(effect.name) cancelled"
            }
        }
    }

    /// Collects messages until `count` arrived (60 s limit); drains only when the wake pipe is readable,
    /// so a message that forgot to wake the loop is never seen. Checks the pipe without blocking: a
    /// test blocking a thread of the small cooperative pool could starve the very tasks it waits for.
    private func collect(_ runner: EffectRunner<Performer>, wake: WakePipe, count: Int) async -> [String] {
        var messages: [String] = []
        var fds = [pollfd(fd: wake.readFD, events: Int16(POLLIN), revents: 0)]
        let deadline = ContinuousClock.now + .seconds(60)
        while messages.count < count, ContinuousClock.now < deadline {
            fds[0].revents = 0
            if poll(&fds, 1, 0) > 0 {
                wake.drain()
                messages += runner.drain()
            } else {
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
        // Once more after the deadline: on a loaded machine this task may have slept through it.
        fds[0].revents = 0
        if messages.count < count, poll(&fds, 1, 0) > 0 {
            wake.drain()
            messages += runner.drain()
        }
        return messages
    }

    @Test func messagesWakeThePipe() async throws {
        let wake = try WakePipe()
        let runner = EffectRunner(performer: Performer(), wake: wake)
        runner.start(Sleep(name: "a", milliseconds: 1, supersedes: nil))
        runner.start(Sleep(name: "b", milliseconds: 1, supersedes: nil))
        #expect(runner.runningCount == 2)
        #expect(Set(await collect(runner, wake: wake, count: 2)) == ["a done", "b done"])
        #expect(runner.runningCount == 0)
    }

    @Test func newerEffectWithSameKeyCancelsTheOlder() async throws {
        let wake = try WakePipe()
        let runner = EffectRunner(performer: Performer(), wake: wake)
        runner.start(Sleep(name: "old", milliseconds: 10_000, supersedes: "detail"))
        runner.start(Sleep(name: "new", milliseconds: 1, supersedes: "detail"))
        #expect(Set(await collect(runner, wake: wake, count: 2)) == ["old cancelled", "new done"])
    }

    @Test func cancelsKeyStopsTheTaskAndStartsNothing() async throws {
        let wake = try WakePipe()
        let runner = EffectRunner(performer: Performer(), wake: wake)
        runner.start(Sleep(name: "install", milliseconds: 10_000, supersedes: "submit"))
        runner.start(Sleep(name: "ignored", milliseconds: 1, supersedes: nil, cancels: "submit"))
        #expect(await collect(runner, wake: wake, count: 1) == ["install cancelled"])
        #expect(runner.runningCount == 0)
    }
}
