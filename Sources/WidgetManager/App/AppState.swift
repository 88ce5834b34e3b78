import AmoCRM

/// A question on top of the screen, answered with y / n.
public enum Dialog: Hashable, Sendable {
    /// "Uninstall <code>?" — yes backs up `backup` (the known settings; nil: nothing to back up,
    /// and the dialog says they are lost), then deletes. The effect backs up exactly these.
    case confirmUninstall(code: String, backup: KnownSettings?)
    /// Esc on a changed form: throw away what was typed?
    case discardForm
    /// q (or Ctrl-C) while a changed form is open: quit anyway?
    case quit
    /// Install of a widget with an uninstall backup: start from the backup's settings?
    case prefillFromBackup(code: String, path: String)
    /// ^S on a reconfigure whose current settings are not known: the POST replaces ALL of them with
    /// the form's `filled` of `total` fields. Asked every time; no is the default.
    case confirmReplaceAll(code: String, filled: Int, total: Int)
}

/// What a form or question waits for the widget's local records to do.
public enum PendingOpen: Hashable, Sendable {
    case install, reconfigure, uninstall
}

/// The status line's message.
public struct StatusMessage: Hashable, Sendable {
    /// The message in plain words.
    public var text: String
    /// Drawn as an error (something failed).
    public var isError: Bool
    /// How long the message still stays, counted down by ticks (`Update.expireStatus`); nil for
    /// messages that stay until replaced: errors (they need action) and a running task's progress.
    public var remaining: Duration?

    /// A message; `remaining` nil means it stays until replaced.
    public init(text: String, isError: Bool, remaining: Duration? = nil) {
        self.text = text
        self.isError = isError
        self.remaining = remaining
    }
}

/// How far the catalogue load has come.
public struct CatalogLoad: Hashable, Sendable {
    /// The id of the current load (one id for all its pages); nil when idle.
    public var requestID: Int?
    /// The page being fetched.
    public var page: Int = 0
    /// Pages received in this load.
    public var pagesLoaded = 0
    /// True once a page without a `next` link, an empty page or a 204 ended the load.
    public var complete = false
    /// Why the load stopped early.
    public var failure: String?
}

/// The whole application state: a value; `Update.update` changes it, the views read it.
public struct AppState: Sendable {
    /// How the app was started (read-only, ASCII, host...).
    public var options: AppOptions
    /// The terminal's size in cells (from resize events).
    public var width = 80, height = 24

    /// The loaded widgets with filter and sort.
    public var catalog = Catalog()
    /// Progress of reading the catalogue.
    public var load = CatalogLoad()
    /// Row of the selection in the shown list, and the first row drawn.
    public var cursor = 0, listTop = 0
    /// The first line of the detail pane drawn (J/K scroll it; a new selection starts at the top).
    public var detailTop = 0
    /// The selected widget's code (the selection follows the widget across filter/sort/reload).
    public var selectedCode: String?
    /// Non-nil while the filter is being typed.
    public var filterEditor: LineEditor?

    /// Widgets as `GET /api/v4/widgets/{code}` or an install answered them.
    public var details: [String: Widget] = [:]
    /// Why a detail load failed, per code.
    public var detailErrors: [String: String] = [:]
    /// This program's records on disk, per code (loaded with the detail).
    public var local: [String: LocalRecords] = [:]
    /// Widgets whose install or uninstall reply was lost (the outcome is unknown until checked).
    public var uncertain: [String: UncertainChange] = [:]
    /// The detail request waiting for an answer: (id, code).
    public var detailRequest: (id: Int, code: String)?
    /// `spinnerFrame` when `detailRequest` was made: "loading" shows only after a few ticks.
    public var detailRequestFrame = 0
    /// Spinner ticks (120 ms each by default) a detail request runs before "Loading details…" shows.
    /// The answer usually comes sooner (150 ms debounce + one request), and then a move draws no
    /// loading text at all: fewer bytes per keystroke, no flicker.
    public static let detailLoadingAfterTicks = 3

    /// The account's users (`GET /api/v4/users`), or why not.
    public var users: UsersAvailability = .loading
    /// The users request failed for a reason that may pass (not a 403): opening a form retries it.
    public var usersRetryable = false
    /// The id of the running users request.
    public var usersRequest: Int?
    /// Pipeline id -> name, for lead-source widgets.
    public var pipelineNames: [Int: String] = [:]
    /// The account (`GET /api/v4/account`), once known.
    public var account: Account?

    /// The open settings form, if any.
    public var form: SettingsForm?
    /// The open y/n question, if any.
    public var dialog: Dialog?
    /// ^E asked for the focused form value in the user's editor (taken by the loop).
    public var editRequest: EditRequest?
    /// The form box the editor's text goes back to.
    public var editingSlot: Slot?
    /// The help overlay is shown.
    public var showHelp = false
    /// The first keymap line the help shows when it does not fit (j/k, PgDn/PgUp scroll it).
    public var helpTop = 0
    /// The status line's message.
    public var status: StatusMessage?
    /// The client's current wait (rate limit), refreshed by spinner ticks.
    public var activity = ClientActivity.Snapshot()
    /// Which spinner frame to draw.
    public var spinnerFrame = 0
    /// A spinner tick is running (at most one).
    public var tickRunning = false
    /// The id of the one running tick.
    public var tickID = 0
    /// The wait of the running tick: `options.tickInterval` while busy, else what is left of the
    /// status message's life (one wake-up to clear it).
    public var tickAfter: Duration = .zero

    /// Running installs and uninstalls: request id -> widget code.
    public var installRequests: [Int: String] = [:]
    /// Running uninstalls: request id -> widget code.
    public var uninstallRequests: [Int: String] = [:]
    /// A form or the uninstall question waiting for the widget's local records: (request id, code, what).
    public var pendingOpen: (id: Int, code: String, purpose: PendingOpen)?
    /// Quit was asked (a key or a signal) while a change was in flight: the app ends once every
    /// change has its answer and is recorded; a second ^C (or q) ends it at once.
    public var quitWhenIdle = false
    /// Lines said on stderr after the screen closes: outcomes of changes answered while quitting.
    public var farewell: [String] = []
    /// Enter: the detail pane fills the main area and wraps long values (Enter or Esc goes back).
    public var detailZoom = false

    /// The next request id.
    public var nextID = 1
    /// The first requests were made.
    public var started = false
    public var isFinished = false

    public init(options: AppOptions) { self.options = options }

    /// The account host used in the title and for backup folders.
    public var host: String {
        if !options.accountHost.isEmpty { return options.accountHost }
        return account.map { $0.subdomain } ?? "account"
    }

    /// The widget under the cursor, if any.
    public var selected: CatalogEntry? { selectedCode.flatMap { catalog.entry($0) } }

    /// True while an install, reconfigure or uninstall waits for its answer.
    public var changesInFlight: Bool { !installRequests.isEmpty || !uninstallRequests.isEmpty }

    /// The changes waiting for an answer, in words ("the install of amo_asterisk").
    public var changesInFlightText: String {
        let installs = installRequests.sorted { $0.key < $1.key }.map { id, code in
            (form?.submittingRequest == id && form?.isReconfigure == true ? "the reconfigure of " : "the install of ") + code
        }
        let uninstalls = uninstallRequests.sorted { $0.key < $1.key }.map { "the uninstall of " + $0.value }
        return (installs + uninstalls).joined(separator: ", ")
    }

    /// The settings known for `code` (`KnownSettings.best`): the server's, else the newest local record.
    public func knownSettings(_ code: String) -> KnownSettings? {
        let records = local[code]
        // The widget's own GET decides what the server shows (a list page's or an install reply's
        // settings only while no GET has answered).
        let server = details[code].map { $0.settings } ?? catalog.entry(code)?.widget.settings
        return KnownSettings.best(server: server,
                                  sent: records?.sent, backup: records?.backup)
    }

    /// True while anything runs in the background (the spinner turns).
    public var isBusy: Bool {
        load.requestID != nil || detailRequest != nil || !installRequests.isEmpty || !uninstallRequests.isEmpty
            || usersRequest != nil || pendingOpen != nil
    }

    /// Ticks are needed: something runs (the spinner turns), or a message waits to expire.
    public var needsTicks: Bool { isBusy || status?.remaining != nil }

    /// The detail request has run long enough to say so on the screen.
    public var detailLoadingShown: Bool {
        detailRequest != nil && spinnerFrame &- detailRequestFrame >= Self.detailLoadingAfterTicks
    }

    /// Which bindings apply now.
    public var context: KeyContext {
        if showHelp { return .help }
        if dialog != nil { return .dialog }
        if filterEditor != nil { return .filter }
        if form != nil { return .form }
        return .browser
    }

    /// A fresh request id.
    mutating func newID() -> Int {
        defer { nextID += 1 }
        return nextID
    }
}
