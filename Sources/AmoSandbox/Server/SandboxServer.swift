// The sandbox's HTTP server: Hummingbird's HTTP/1 channel and our responder, run as a Service,
// without `Application.run()`'s once-a-second date task (issue 6: an idle process must not wake up).
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// Serves `SandboxHTTPResponder` on `address` until graceful shutdown.
///
/// Why not `Hummingbird.Application`: its `run()` adds a `DateCache` service that refreshes the
/// `Date` header once a second on the cooperative pool, so an idle `amowidgets --sandbox` woke
/// three threads every second. Here the header is formatted when a request comes (`HTTPDateHeader`),
/// so an idle server sleeps in epoll. Request handling is otherwise the same as `Application`'s:
/// errors from the responder become an empty 500, a parse error while writing closes the connection.
struct SandboxServer: Service {
    let responder: SandboxHTTPResponder
    let address: BindAddress
    let logger: Logger
    let onServerRunning: @Sendable (any Channel) async -> Void

    func run() async throws {
        let responder = responder, logger = logger, dates = HTTPDateHeader()
        let server = try HTTPServerBuilder.http1().buildServer(
            configuration: ServerConfiguration(address: address, serverName: nil),
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: logger,
            responder: { request, writer, channel in
                let context = SandboxRequestContext(source: ApplicationRequestContextSource(channel: channel, logger: logger))
                var response: Response
                do {
                    response = try await responder.respond(to: request, context: context)
                } catch let error as HTTPParserError {
                    throw error
                } catch {
                    response = Response(status: .internalServerError, body: .init())
                }
                response.headers[.date] = dates.now()
                do {
                    try await writer.write(response: response.head, body: response.body)
                } catch is HTTPParserError {
                    // Rethrown as is, the channel would answer 400 after our response has begun.
                    throw SandboxWriteError()
                }
            },
            onServerRunning: onServerRunning)
        try await server.run()
    }
}

/// A parse error surfaced while a response was being written: the connection is closed.
struct SandboxWriteError: Error {}

/// The `Date` header value (RFC 9110 IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`), formatted
/// at most once per second per thread and only when asked: no timer.
///
/// Each thread that answers requests owns its own cache (a thread-specific variable), so nothing is
/// shared and nothing needs a lock. It was one cache behind a `Synchronization.Mutex`, which TSan on
/// Linux cannot see as synchronisation (issue 17): every request from two threads was a report.
final class HTTPDateHeader: Sendable {
    /// One thread's last formatted second; only the thread that created it reads or writes it.
    private final class Cached: @unchecked Sendable {
        var second = -1
        var text = ""
    }
    private let perThread = ThreadSpecificVariable<Cached>()

    /// The current time as a `Date` header value.
    func now() -> String {
        let second = time(nil)
        let cached: Cached
        if let mine = perThread.currentValue {
            cached = mine
        } else {
            cached = Cached()
            perThread.currentValue = cached
        }
        if cached.second != second { (cached.second, cached.text) = (second, Self.format(second)) }
        return cached.text
    }

    /// Formats seconds since 1970 (UTC) as IMF-fixdate; English names regardless of the locale.
    static func format(_ seconds: Int) -> String {
        var t = time_t(seconds), parts = tm()
        gmtime_r(&t, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[Int(parts.tm_wday) % 7]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon) % 12]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
