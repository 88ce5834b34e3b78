import CNCurses
import WidgetManager
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Options for one run of the terminal UI.
public struct TerminalOptions: Sendable {
    /// Where stderr goes while the screen is up (the log file); nil discards it. Nothing may print
    /// over the screen.
    public var stderrPath: String?

    public init(stderrPath: String? = nil) { self.stderrPath = stderrPath }
}

/// How a run ended: the program's final state, and the signal or hang-up that ended it (if any).
public struct TerminalOutcome<P: Program> {
    /// The program as it was when the loop stopped (the caller prints its farewell from it).
    public var program: P
    /// SIGTERM, SIGHUP, SIGQUIT or SIGINT when a signal ended the run; SIGHUP also when the terminal
    /// hung up (the process exits 129 either way); nil otherwise.
    public var signal: Int32?
    /// True when the terminal went away (stdin hung up) without a signal.
    public var hungUp: Bool
}

/// The event loop: one thread (the caller's) owns curses and blocks in `poll()` on stdin and a wake-up
/// pipe — zero CPU while idle (a timeout only while `InputDecoder` holds a cut escape sequence or an
/// unfinished paste). On wake: drain keys and pastes, drain finished effects' messages, update the
/// program, draw once. Ctrl-Z and SIGTSTP suspend (`CursesSession.suspend`) without the program
/// seeing them. Effects run as detached tasks via the performer.
public enum TerminalRunner {
    /// Sets the process locale from the environment (`setlocale(LC_ALL, "")`) and tells whether it is
    /// UTF-8 — call before building the program, so it can choose ASCII drawing for other locales.
    public static func localeIsUTF8() -> Bool {
        setlocale(LC_ALL, "")
        return CursesSession.isUTF8(codeset: nl_langinfo(nl_item(CODESET)).map { String(cString: $0) } ?? "")
    }

    /// True when `TERM` names the Linux virtual console (`linux`, `linux-*`): its fonts hold 256–512
    /// glyphs — box drawing and letters, but no braille spinner, `▶` or `…` — so the app draws those in
    /// ASCII (`AppOptions.consoleSymbols`).
    public static func terminalHasFewSymbols() -> Bool {
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        return term == "linux" || term.hasPrefix("linux-")
    }

    /// glibc gives threads their own malloc arenas (up to 8 per core), and memory freed in one is
    /// not reused by another: with the sandbox, the client and the UI in one process that costs a
    /// few MB of resident memory. Two arenas are plenty for a program that mostly waits (issue 6,
    /// peak RSS). Also fixes the mmap threshold at 128 KiB: by default glibc raises it to the size
    /// of the largest block freed (the sandbox's catalogue file, MBs), after which big arrays and
    /// reply bodies come from the heap and their pages stay resident after `free`; with it fixed
    /// they are mapped on their own and returned (−1.5 MB peak RSS with 10,000 widgets). Call
    /// before the threads start; does nothing outside glibc.
    public static func limitMallocArenas() {
        _ = cn_limit_malloc_arenas(2)
        _ = cn_fix_malloc_mmap_threshold(128 * 1024)
    }

    /// Runs `program` until it is finished, a terminating signal arrives, or the terminal hangs up.
    ///
    /// The program first gets `start(width:height:)` with the starting size (its cue to start loading),
    /// then keys, resizes and messages. The terminal is restored on every path out, including thrown errors.
    /// - Throws: `TerminalError` when the terminal cannot be set up (no tty, unknown `TERM`).
    public static func run<P: Program, E: EffectPerformer>(
        program: P, performer: E, options: TerminalOptions = TerminalOptions()
    ) throws -> TerminalOutcome<P> where E.Effect == P.Effect, E.Message == P.Message {
        let wake = try WakePipe()
        let session = try CursesSession(wake: wake, stderrPath: options.stderrPath)
        let effects = EffectRunner(performer: performer, wake: wake)
        defer {
            effects.cancelAll()
            session.end()
        }
        var program = program
        var outcome = TerminalOutcome(program: program, signal: nil, hungUp: false)
        let painter = Painter()
        var size = session.size
        program.start(width: size.width, height: size.height).forEach(effects.start)

        var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.readFD, events: Int16(POLLIN), revents: 0)]
        var emptyReads = 0
        var decoder = InputDecoder()
        // Set when a signal or a hang-up asked to end while the program had a change in flight: the
        // loop goes on, until `deadline`, delivering messages (and, with the terminal still there,
        // keys and frames) so the change's answer is recorded before the process leaves.
        var ending: (deadline: UInt64, terminalGone: Bool)?
        /// True: leave the loop now.
        func endRequested(signal: Int32?, hungUp: Bool) -> Bool {
            if let signal { outcome.signal = signal }
            if hungUp { outcome.hungUp = true }
            if ending != nil { return false }
            if program.exitRequested() { return true }
            let gone = hungUp || signal == SIGHUP
            ending = (Self.milliseconds() + (gone ? Self.hangUpWaitMS : Self.signalWaitMS), gone)
            return false
        }
        while !program.isFinished {
            let terminalGone = ending?.terminalGone == true
            if !terminalGone {
                painter.draw(program.render(width: size.width, height: size.height),
                             cursor: program.cursor(width: size.width, height: size.height), session: session)
            }
            if let ending, Self.milliseconds() >= ending.deadline { break }
            if cn_terminate_count() >= 2 { break }  // asked again: leave now (the launcher records what is unanswered)
            if cn_terminate_signal() != 0, ending == nil, endRequested(signal: cn_terminate_signal(), hungUp: false) { break }
            fds[0].revents = 0
            fds[1].revents = 0
            // Forever while idle; a held escape sequence, an unfinished paste or an ending sets a deadline.
            let deadlines = [decoder.deadline, ending?.deadline].compactMap { $0 }
            let timeout = deadlines.min().map { Self.pollTimeout(until: $0) } ?? -1
            // With the terminal gone only the wake-up pipe is watched (stdin would report its hang-up forever).
            let ready = terminalGone ? poll(&fds[1], 1, timeout) : poll(&fds, 2, timeout)
            if ready < 0 && errno != EINTR { break }
            wake.drain()
            if cn_terminate_count() >= 2 { break }
            if let signal = Optional(cn_terminate_signal()), signal != 0, ending == nil, endRequested(signal: signal, hungUp: false) { break }

            if !(ending?.terminalGone ?? false) {
                // A stop from outside: SIGTSTP is suspended like Ctrl-Z; after SIGSTOP, only SIGCONT is seen.
                var repaint = cn_take_stop() != 0 && session.suspend()
                if !repaint && cn_take_cont() != 0 { session.retakeAfterForeignStop(); repaint = true }

                let inputs = session.readInput()
                var hungUp = fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
                // Readable but nothing to read means end of file: the terminal is gone (not a busy loop).
                emptyReads = (fds[0].revents & Int16(POLLIN) != 0 && inputs.isEmpty) ? emptyReads + 1 : 0
                if emptyReads > 20 { hungUp = true }
                if hungUp {
                    if endRequested(signal: nil, hungUp: true) { break }
                    ending?.terminalGone = true
                } else {
                    var resized = cn_take_winch() != 0 && session.syncSizeWithKernel()
                    for event in decoder.feed(inputs, now: Self.milliseconds()) where !program.isFinished {
                        switch event {
                        case .resize: resized = true
                        case .key(.ctrl("z")):
                            // Job control as in a cooked tty (raw mode makes Ctrl-Z a key): the terminal layer's
                            // business, so the program never sees it.
                            if session.suspend() { repaint = true }
                        case .key(let key): program.handle(.key(key)).forEach(effects.start)
                        case .paste(let text): program.handle(.paste(text)).forEach(effects.start)
                        }
                    }
                    // ^E in a form: the editor gets the terminal, its text goes back as an event.
                    if let request = program.takeEditRequest() {
                        let result = session.runEditor(request)
                        repaint = true
                        resized = true
                        program.handle(.edited(text: result.text, error: result.error)).forEach(effects.start)
                    }
                    if resized || repaint {
                        size = session.size
                        if resized { wclear(session.window) }  // after a resize the old picture is meaningless
                        painter.invalidate()
                        program.handle(.resize(width: size.width, height: size.height)).forEach(effects.start)
                    }
                }
            }
            for message in effects.drain() where !program.isFinished {
                program.receive(message).forEach(effects.start)
            }
        }
        if outcome.signal == nil, cn_terminate_signal() != 0 { outcome.signal = cn_terminate_signal() }
        // A closed pty (sshd after a dropped link) brings the hang-up on stdin and SIGHUP at once:
        // whichever the loop saw first, the run ended the same way (over SSH it exited 0 or 129 at random).
        if outcome.signal == nil, outcome.hungUp { outcome.signal = SIGHUP }
        outcome.program = program
        return outcome
    }

    /// How long a change in flight may take to answer after SIGTERM, SIGINT or SIGQUIT (the client's
    /// request timeout is 30 s); a second signal ends the wait at once.
    static let signalWaitMS: UInt64 = 30_000
    /// The same after a hang-up (SIGHUP, the terminal gone): short, since whoever hung up (sshd, a
    /// closing terminal) expects the process to go soon; what is unanswered is recorded as unknown.
    static let hangUpWaitMS: UInt64 = 4_000

    /// Milliseconds on the monotonic clock (the decoder's deadlines; immune to clock changes).
    static func milliseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1000 + UInt64(now.tv_nsec) / 1_000_000
    }

    /// The `poll` timeout (ms, at least 0) until `deadline` on the `milliseconds()` clock.
    static func pollTimeout(until deadline: UInt64) -> Int32 {
        let now = milliseconds()
        return deadline <= now ? 0 : Int32(clamping: deadline - now + 1)
    }
}
