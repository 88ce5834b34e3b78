// Hummingbird's side: turns HTTP requests into SandboxRequests and answers back into HTTP, applying
// the transport faults (latency, truncated JSON, wrong Content-Type, connection reset mid-body).
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Request context that keeps the connection, so the `reset` fault can reset it.
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// The single responder: every request goes through `SandboxCore.handle`.
struct SandboxHTTPResponder: HTTPResponder {
    let core: SandboxCore
    /// Largest request body read (1 MiB); larger gets 413 problem+json.
    static let maxBody = 1 << 20

    func respond(to request: Request, context: SandboxRequestContext) async throws -> Response {
        let requestID = SandboxCore.randomHex(16)
        var request = request
        let body: [UInt8]
        do {
            body = Array(buffer: try await request.collectBody(upTo: Self.maxBody))
        } catch {
            return Self.response(Problems.problem(413, "Content Too Large", "Request bodies are limited to 1 MiB"), requestID: requestID)
        }
        let raw = request.uri.path
        let sandboxRequest = SandboxRequest(
            method: request.method.rawValue.uppercased(), path: raw.removingPercentEncoding ?? raw,
            query: QueryString.parse(request.uri.query ?? ""), authorization: request.headers[.authorization],
            contentType: request.headers[.contentType], body: body)
        var (answer, plan) = core.handle(sandboxRequest, requestID: requestID)
        if plan.latencyMilliseconds > 0 {
            await core.delay(milliseconds: plan.latencyMilliseconds)
        }
        if plan.noContent { answer = .noContent }
        if answer.isJSON {
            if plan.truncate { answer.body = Array(answer.body.prefix(answer.body.count / 2)) }
            if let type = plan.contentType { answer.contentType = type }
        }
        if plan.reset { return Self.resettingResponse(answer, requestID: requestID, channel: context.channel) }
        return Self.response(answer, requestID: requestID)
    }

    static func head(_ answer: SandboxResponse, requestID: String) -> HTTPFields {
        var headers = HTTPFields()
        if let name = HTTPField.Name("X-Request-Id") { headers[name] = requestID }
        if let type = answer.contentType { headers[.contentType] = type }
        return headers
    }

    static func response(_ answer: SandboxResponse, requestID: String) -> Response {
        var response = Response(status: .init(code: answer.status), headers: head(answer, requestID: requestID),
                                body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
        if answer.status == 204 { response.headers[.contentLength] = nil }
        return response
    }

    /// Announces the whole body, sends half, then resets the TCP connection (SO_LINGER 0 + close
    /// sends RST), as a dropped connection looks to a client.
    static func resettingResponse(_ answer: SandboxResponse, requestID: String, channel: any Channel) -> Response {
        let bytes = answer.body.isEmpty ? Array("{\"_page\":".utf8) : answer.body
        var headers = head(answer, requestID: requestID)
        headers[.contentLength] = String(bytes.count)
        let half = Array(bytes.prefix(max(1, bytes.count / 2)))
        return Response(status: .init(code: answer.status == 204 ? 200 : answer.status), headers: headers,
                        body: ResponseBody(contentLength: bytes.count) { writer in
            try await writer.write(ByteBuffer(bytes: half))
            // Let the bytes reach the socket before the reset discards what is still queued. The
            // reset is scheduled on the channel's event loop, not after a Task.sleep: a busy
            // cooperative pool (a test process running many sandboxes) must not delay it for long.
            let loop = channel.eventLoop
            let closed = loop.makePromise(of: Void.self)
            loop.scheduleTask(in: .milliseconds(30)) {
                let linger = (channel as? any SocketOptionProvider)?.setSoLinger(linger(l_onoff: 1, l_linger: 0))
                    ?? loop.makeSucceededVoidFuture()
                linger.whenComplete { _ in channel.close(promise: closed) }
            }
            try? await closed.futureResult.get()
            throw SandboxResetError()
        })
    }
}

/// Thrown after the `reset` fault closed the connection, so Hummingbird stops writing.
struct SandboxResetError: Error {}
