// A sandbox that is serving: its address, its account state, its request counts, and shutdown.
import ServiceLifecycle

/// A started sandbox account (see `Sandbox.start`). Every accessor is safe from any task.
public final class RunningSandbox: Sendable {
    /// `http://127.0.0.1:PORT` (no trailing slash): prefix of every endpoint.
    public let baseURL: String
    /// The bound TCP port (the real one when the configuration asked for 0).
    public let port: Int
    let core: SandboxCore
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    init(core: SandboxCore, baseURL: String, port: Int, group: ServiceGroup, task: Task<Void, any Error>) {
        self.core = core
        self.baseURL = baseURL
        self.port = port
        self.group = group
        self.task = task
    }

    /// Stops listening, lets open requests finish, and returns when the server has stopped.
    /// Calling it twice is harmless.
    public func shutdown() async {
        core.stopping.withLockedValue { $0 = true }
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

    /// Waits until the server stops (after `shutdown()`, or when it fails).
    public func waitUntilStopped() async throws {
        try await task.value
    }

    /// Requests received with this method and path (query excluded), whatever their answer,
    /// e.g. `requestCount(method: "POST", path: "/oauth2/access_token")`.
    public func requestCount(method: String, path: String) -> Int {
        core.state.withLockedValue { $0.requestCounts["\(method.uppercased()) \(path)"] ?? 0 }
    }

    /// The latest requests (up to 10,000), oldest first, with the status each was answered
    /// (before transport faults such as `reset`). No headers or bodies: secrets stay out.
    public var recordedRequests: [SandboxRequestRecord] {
        core.state.withLockedValue { $0.log }
    }

    /// Forgets the request counts and the request log (e.g. after a test's setup requests).
    public func resetRequestCounts() {
        core.state.withLockedValue {
            $0.requestCounts = [:]
            $0.log = []
        }
    }

    /// Replaces the fault rules from now on (nil = none), with a fresh seeded generator and fresh
    /// `#COUNT`s, so a test can fail one step of a flow it has already started.
    public func setFaults(_ spec: FaultSpec?, seed: UInt64 = 0) {
        core.state.withLockedValue { $0.faults = FaultInjector(spec: spec, seed: seed) }
    }

    /// All requests received so far.
    public var totalRequestCount: Int {
        core.state.withLockedValue { $0.requestCounts.values.reduce(0, +) }
    }

    /// Codes of the widgets installed in the account now, sorted.
    public var installedCodes: [String] {
        core.state.withLockedValue { $0.account.installed.keys.sorted() }
    }

    /// The settings stored for an installed widget (secrets included: tests only), or nil when
    /// the widget is not installed.
    public func installedSettings(code: String) -> SandboxJSON? {
        core.state.withLockedValue { $0.account.installed[code].map { .object($0.settings) } }
    }

    /// The pipeline of an installed lead-source widget.
    public func installedPipelineID(code: String) -> Int? {
        core.state.withLockedValue { $0.account.installed[code]?.pipelineID }
    }

    /// 429 answers given so far.
    public var rateLimitViolations: Int { core.state.withLockedValue { $0.limiter.violations } }

    /// True once block mode has tripped (every request gets the 403 HTML page).
    public var isBlocked: Bool { core.state.withLockedValue { $0.limiter.isBlocked } }

    /// Number of widgets in the catalogue.
    public var widgetCount: Int { core.catalog.widgets.count }

    /// The account's subdomain as `/api/v4/account` gives it (`subdomain` of account.json), so a
    /// caller can name the account before its first request (e.g. the TUI's title and backup folder).
    public var accountSubdomain: String? { core.catalog.account["subdomain"]?.stringValue }
}
