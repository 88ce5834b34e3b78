/// How the application core behaves; the command line fills it in.
public struct AppOptions: Hashable, Sendable {
    /// Hide and refuse install, reconfigure and uninstall (`--readonly`).
    public var readonly: Bool
    /// Draw boxes, lines, masks and the spinner with ASCII only (the terminal's locale is not UTF-8).
    public var asciiOnly: Bool
    /// The terminal's font has box drawing and letters but few symbols (the Linux console, whose fonts
    /// hold 256–512 glyphs): the spinner, selection mark, mask, ellipsis, dashes and arrows are drawn in
    /// ASCII (`Glyphs.console`, `Canvas.replaceSymbols`). Set by the TUI from `TERM`; default false.
    public var consoleSymbols = false
    /// The account's host for the title bar and the backup folders, e.g. `example.amocrm.ru`.
    /// Replaced by `<subdomain>` from `GET /api/v4/account` only while it is empty.
    public var accountHost: String
    /// Widgets per list request (`limit`, at most 250 by the API).
    public var pageSize: Int
    /// How long the selection must rest on a widget before its detail is requested.
    public var detailDelay: Duration
    /// How often the spinner turns while requests run.
    public var tickInterval: Duration
    /// Where the access token came from, for what a 401 tells the user to do.
    public var tokenSource: TokenSource = .profile
    /// How long a status-line message that is neither an error nor a running task's progress stays
    /// (`StatusMessage.remaining`); errors stay until dismissed (Esc) or superseded.
    public var statusLifetime: Duration = .seconds(5)

    public init(readonly: Bool = false, asciiOnly: Bool = false, accountHost: String = "",
                pageSize: Int = 250, detailDelay: Duration = .milliseconds(150), tickInterval: Duration = .milliseconds(120)) {
        self.readonly = readonly
        self.asciiOnly = asciiOnly
        self.accountHost = accountHost
        self.pageSize = min(250, max(1, pageSize))
        self.detailDelay = detailDelay
        self.tickInterval = tickInterval
    }
}

/// Where the client's token came from: a 401 is fixed there.
public enum TokenSource: Hashable, Sendable {
    /// A profile's credential file (or the sandbox): log in again.
    case profile
    /// An environment variable, e.g. `AMO_TOKEN`: it is the variable that must change.
    case environment(String)
}
