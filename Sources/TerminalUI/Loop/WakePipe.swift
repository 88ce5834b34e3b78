#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A self-pipe that wakes the UI thread from `poll()`: effect tasks and the SIGWINCH / SIGTERM
/// handlers write one byte; the loop drains it. Both ends are non-blocking, so a full pipe (the loop
/// is already due to wake) never blocks a writer.
public final class WakePipe: Sendable {
    /// The end the loop polls and drains.
    public let readFD: Int32
    /// The end writers (tasks, signal handlers) write to.
    public let writeFD: Int32

    /// Opens the pipe. - Throws: `TerminalError.system` when `pipe(2)` fails (out of descriptors).
    public init() throws {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw TerminalError.system("pipe", errno) }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    /// Wakes the loop (safe from any thread).
    public func signal() {
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }

    /// Reads and discards every pending byte (the loop then looks at all its sources anyway).
    public func drain() {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(readFD, &buffer, buffer.count) > 0 {}
    }

    deinit {
        close(readFD)
        close(writeFD)
    }
}
