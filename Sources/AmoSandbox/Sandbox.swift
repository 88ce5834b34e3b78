// Starting the sandbox in-process: used by tests, `amowidgets sandbox` and `amowidgets --sandbox`.
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Starts sandbox accounts.
public enum Sandbox {
    /// Loads the catalogue (and the state file), binds `host:port` and serves until
    /// `RunningSandbox.shutdown()`. Returns once the socket listens.
    ///
    /// Throws `SandboxFileError` for a missing/corrupt catalogue or state file (naming the file),
    /// `SandboxStartError` when the address cannot be bound.
    public static func start(_ configuration: SandboxConfiguration) async throws -> RunningSandbox {
        let core = try SandboxCore(configuration: configuration)
        var logger = Logger(label: "amowidgets.sandbox")
        logger.logLevel = .critical   // the sandbox answers, it does not chatter on stderr
        let (bound, boundContinuation) = AsyncStream.makeStream(of: Int.self)
        let server = SandboxServer(
            responder: SandboxHTTPResponder(core: core),
            address: .hostname(configuration.host, port: configuration.port),
            logger: logger,
            onServerRunning: { channel in
                boundContinuation.yield(channel.localAddress?.port ?? configuration.port)
                boundContinuation.finish()
            })
        let group = ServiceGroup(configuration: .init(
            services: [server], gracefulShutdownSignals: configuration.shutdownOnSignals ? [.sigterm, .sigint] : [], logger: logger))
        let task = Task {
            defer { boundContinuation.finish() }
            try await group.run()
        }
        var iterator = bound.makeAsyncIterator()
        guard let port = await iterator.next() else {
            // The server stopped before listening: report why.
            do {
                try await task.value
            } catch {
                throw SandboxStartError(host: configuration.host, port: configuration.port, reason: "\(error)")
            }
            throw SandboxStartError(host: configuration.host, port: configuration.port, reason: "the server stopped at once")
        }
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        let baseURL = "http://\(host):\(port)"
        core.linkBase.withLockedValue { $0 = configuration.publicBaseURL ?? baseURL }
        return RunningSandbox(core: core, baseURL: baseURL, port: port, group: group, task: task)
    }
}

/// The sandbox could not listen on its address (e.g. the port is taken).
public struct SandboxStartError: Error, Sendable, CustomStringConvertible {
    /// The address asked for.
    public let host: String
    /// The port asked for (0 = any).
    public let port: Int
    /// The server's error, e.g. "Address already in use".
    public let reason: String
    /// One line for a human.
    public var description: String { "the sandbox cannot listen on \(host):\(port): \(reason)" }
}
