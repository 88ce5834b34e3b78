/// How to start a sandbox account (`Sandbox.start`, `amowidgets sandbox`, `amowidgets --sandbox`).
public struct SandboxConfiguration: Sendable {
    /// Address to bind. Loopback by default; `Sandbox.start` serves any host it is given, the
    /// command line refuses a non-loopback one unless `--host` names it.
    public var host: String = "127.0.0.1"
    /// TCP port; 0 = any free port (read it back from `RunningSandbox.port`).
    public var port: Int = 0
    /// Where the account's widgets, users, pipelines and tokens come from.
    public var catalog: SandboxCatalog = .embedded
    /// A JSON file holding the installed widgets across restarts: read at start (missing = the
    /// catalogue's initial state), rewritten atomically after every install and uninstall.
    public var stateFile: String? = nil
    /// The live service's limit: more than 7 requests in any 1-second window for one token
    /// gets 429 with the gateway's HTML page.
    public var rateLimit: Bool = true
    /// Requests allowed per token in any 1-second window before 429 (the live limit is 7).
    public var rateLimitPerSecond: Int = 7
    /// The window the limit counts in (the live one: 1 second). Tests on a loaded machine may
    /// widen it so a burst surely falls in one window.
    public var rateLimitWindow: Duration = .seconds(1)
    /// Block mode: after this many 429s every request gets 403 with the HTML block page
    /// until the sandbox restarts (the live service's API block). nil = never block.
    public var blockAfterViolations: Int? = nil
    /// Injected failures (see `FaultSpec` for the grammar); nil = none.
    public var faults: FaultSpec? = nil
    /// Seed for the fault rules' probabilities: the same seed and request order give the same faults.
    public var seed: UInt64 = 0
    /// Lifetime of access tokens issued by `/oauth2/access_token` (the live service: 24 h).
    public var accessTokenLifetime: Duration = .seconds(86400)
    /// The host written into `_links` hrefs; nil = the address the sandbox listens on
    /// (`http://127.0.0.1:PORT`), so following a `next` link reaches the sandbox again.
    public var publicBaseURL: String? = nil

    /// A file that gets one line per answered request, appended as it is answered:
    /// `METHOD PATH STATUS REQUEST-ID` plus ` reset` when the answer is cut by the `reset` fault
    /// (the change was made, the client never saw its request id). nil = none. `scripts/soak`
    /// matches the client's audit log against it.
    public var requestLog: String? = nil

    /// How many of the latest requests `RunningSandbox.recordedRequests` keeps (the oldest half goes
    /// when full; 0 keeps none). Tests read them; `amowidgets sandbox`, where nothing does, keeps
    /// 1,000: 10,000 records are ~2.5 MB, which a 30-minute soak saw as growth (issue 17).
    public var recordLimit: Int = 10_000

    /// Stop gracefully on SIGINT and SIGTERM (what `amowidgets sandbox` wants; an embedding
    /// program with its own signal handling leaves it off).
    public var shutdownOnSignals: Bool = false

    /// The defaults: loopback, any free port, embedded catalogue, rate limit on, no faults.
    public init() {}
}
