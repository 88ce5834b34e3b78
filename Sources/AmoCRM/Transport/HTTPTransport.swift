import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOConcurrencyHelpers

/// One HTTP exchange over AsyncHTTPClient, with the failures classified. Owns one `HTTPClient`
/// (redirects off: a token must not follow a redirect to another host). `shutdown()` closes it; a
/// transport released without it still shuts its client down (AsyncHTTPClient traps in debug
/// builds when a client is released running), but callers should not rely on that.
final class HTTPTransport: Sendable {
    private let client: HTTPClient
    /// Every request prefers this one event loop (its delegate runs there, and the pool opens its
    /// connections there), so a reply is read and gathered by one thread with no hop between loops:
    /// 2 eventfd wake-ups fewer per page (issue 6).
    private let eventLoop: any EventLoop
    private let isShutDown = NIOLockedValueBox(false)
    private let requestTimeout: Duration
    /// Bodies above this are refused (the API's pages are far smaller): 16 MiB.
    static let maxBodyBytes = 16 * 1024 * 1024

    init(connectTimeout: Duration, requestTimeout: Duration) {
        var config = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .nanoseconds(Int64(connectTimeout.seconds * 1e9)),
                           read: .nanoseconds(Int64(requestTimeout.seconds * 1e9))))
        config.httpVersion = .automatic
        // A failed connect fails the request at once: the pool would otherwise retry a refused
        // connect with its own backoff until the connect timeout (5 s per attempt, ~25 s for a
        // `list` against a closed port). The client's own retry loop (RetryPolicy) decides instead.
        config.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
        eventLoop = client.eventLoopGroup.next()
        self.requestTimeout = requestTimeout
    }

    /// Sends the request and collects the whole reply. Throws `AmoError.transport` (timeout, refused,
    /// reset, TLS, other) with `context`, or `AmoError.cancelled` when the task is cancelled (the
    /// request is cancelled with it).
    ///
    /// The body is gathered on the event loop (`ResponseAccumulator`) and handed over once: the
    /// streaming API (`HTTPClientResponse.body`) hands each chunk of a 126 KB page from the event
    /// loop thread to the task and back, and on a busy machine every such hop waits for a core
    /// (issue 6: it made an unpaced catalogue load 1.5x slower than curl with decoding already cheap).
    func execute(method: HTTPMethod, url: String, headers: HTTPHeaders, body: [UInt8]?,
                 context: ErrorContext) async throws(AmoError) -> HTTPReply {
        do {
            let request = try HTTPClient.Request(url: url, method: method, headers: headers,
                                                 body: body.map { .byteBuffer(ByteBuffer(bytes: $0)) })
            let accumulator = ResponseAccumulator(request: request, maxBodySize: Self.maxBodyBytes)
            let task = client.execute(request: request, delegate: accumulator, eventLoop: .delegate(on: eventLoop),
                                      deadline: .now() + .nanoseconds(Int64(requestTimeout.seconds * 1e9)))
            let response = try await withTaskCancellationHandler {
                try await task.futureResult.get()
            } onCancel: {
                task.cancel()
            }
            return HTTPReply(status: Int(response.status.code), headers: response.headers,
                             body: response.body.map { Array($0.readableBytesView) } ?? [])
        } catch {
            if Task.isCancelled { throw .cancelled }
            throw Self.classify(error, context: context)
        }
    }

    /// Maps a library error to `AmoError`.
    static func classify(_ error: any Error, context: ErrorContext) -> AmoError {
        if error is CancellationError { return .cancelled }
        if let e = error as? HTTPClientError {
            switch e {
            case .cancelled: return .cancelled
            case .connectTimeout, .readTimeout, .writeTimeout, .deadlineExceeded: return .transport(.timeout, context)
            case .remoteConnectionClosed: return .transport(.connectionReset, context)
            default: return .transport(.other(oneLine(String(describing: e), limit: 160)), context)
            }
        }
        if let e = error as? NIOConnectionError {
            let underlying = e.connectionErrors.map(\.error) + [e.dnsAError, e.dnsAAAAError].compactMap { $0 }
            if underlying.contains(where: { ($0 as? IOError)?.errnoCode == ECONNREFUSED }) { return .transport(.connectionRefused, context) }
            if underlying.contains(where: { if case .connectTimeout? = $0 as? ChannelError { true } else { false } }) {
                return .transport(.timeout, context)
            }
            return .transport(.other("cannot connect to \(e.host):\(e.port)"), context)
        }
        if let e = error as? IOError {
            switch e.errnoCode {
            case ECONNREFUSED: return .transport(.connectionRefused, context)
            case ECONNRESET, EPIPE: return .transport(.connectionReset, context)
            default: return .transport(.other(oneLine(e.description, limit: 160)), context)
            }
        }
        if let e = error as? ChannelError {
            switch e {
            case .connectTimeout: return .transport(.timeout, context)
            case .ioOnClosedChannel, .alreadyClosed, .eof, .outputClosed, .inputClosed: return .transport(.connectionReset, context)
            default: return .transport(.other(oneLine(String(describing: e), limit: 160)), context)
            }
        }
        if error is NIOTooManyBytesError || error is ResponseAccumulator.ResponseTooBigError {
            return .unexpectedBody(UnexpectedBody(reason: "body larger than \(maxBodyBytes / 1024 / 1024) MiB"), context)
        }
        let text = oneLine(String(describing: error), limit: 160)
        if String(describing: type(of: error)).contains("SSL") || text.localizedCaseInsensitiveContains("certificate") {
            return .transport(.tls(text), context)
        }
        return .transport(.other(text), context)
    }

    func shutdown() async {
        guard isShutDown.withLockedValue({ let was = $0; $0 = true; return !was }) else { return }
        try? await client.shutdown()
    }

    deinit {
        guard isShutDown.withLockedValue({ !$0 }) else { return }
        // The callback holds the client until its shutdown completes.
        let client = self.client
        client.shutdown(queue: .global()) { _ in _ = client }
    }
}
