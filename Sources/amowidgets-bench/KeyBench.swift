import AmoCRM
import Foundation
import TerminalUI
import WidgetManager

/// CPU per keystroke: the real `WidgetApp` loads the whole catalogue through `WidgetEffects` and
/// `AmoClient` (pacing off), then each key is timed with the monotonic clock around what the loop
/// does for one frame: `handle` (update), `render` + `cursor` (view) and the frame diff the painter
/// runs (`FrameDiff.changedRows` + `segments`; the curses output itself is the pty benchmark's).
enum KeyBench {
    static func run(url: String, width: Int, height: Int, presses: Int) async throws -> [String: Any] {
        let client = makeClient(url: url, pacing: nil)
        let home = NSTemporaryDirectory() + "amowidgets-bench-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: home) }
        let performer = WidgetEffects(client: client, paths: AppPaths(environment: ["AMOWIDGETS_HOME": home]))
        var app = WidgetApp(options: AppOptions(accountHost: "bench"))
        var pending = app.start(width: width, height: height)
        // Run only the loading effects (account, users, pipelines, pages); details and ticks are
        // not part of a keystroke's CPU on the UI thread.
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            switch effect {
            case .loadAccount, .loadPage, .loadUsers, .loadPipelines:
                pending += app.receive(await performer.perform(effect))
            default: continue
            }
        }
        await client.shutdown()
        return measure(&app, width: width, height: height, presses: presses)
    }

    /// The same keys with no network or threads, for `valgrind --tool=callgrind` (which cannot run
    /// the HTTP client's event loop threads here): the pages are saved `GET /api/v4/widgets` bodies
    /// (`page-1.json`, `page-2.json`, ... in `pages`), decoded by `WidgetPage.decode` as the client
    /// does; the account, users and pipelines are small fixed values.
    static func runFromFiles(pages: String, width: Int, height: Int, presses: Int) -> [String: Any] {
        var app = WidgetApp(options: AppOptions(accountHost: "bench"))
        var pending = app.start(width: width, height: height)
        while !pending.isEmpty {
            switch pending.removeFirst() {
            case .loadAccount(let id):
                pending += app.receive(.account(id: id, .success(Account(id: 1, name: "Bench", subdomain: "bench", currentUserID: 1))))
            case .loadUsers(let id):
                pending += app.receive(.users(id: id, .success([User(id: 1, name: "Admin", isAdmin: true)])))
            case .loadPipelines(let id):
                pending += app.receive(.pipelines(id: id, .success([Pipeline(id: 1, name: "Main", isMain: true)])))
            case .loadPage(let id, let page, _):
                let path = "\(pages)/page-\(page).json"
                var result: Result<WidgetPage?, AmoError> = .success(nil)  // no file: 204, past the end
                if let data = FileManager.default.contents(atPath: path) {
                    let reply = HTTPReply(status: 200, headers: ["Content-Type": "application/hal+json"], body: Array(data))
                    do { result = .success(try WidgetPage.decode(reply, requestedPage: page)) } catch { result = .failure(error) }
                }
                pending += app.receive(.page(id: id, page: page, result))
            default: continue
            }
        }
        return measure(&app, width: width, height: height, presses: presses)
    }

    /// Times `presses` ↓, PgDn and filter keys on the loaded `app`.
    static func measure(_ app: inout WidgetApp, width: Int, height: Int, presses: Int) -> [String: Any] {
        let loaded = app.state.catalog.entries.count
        if loaded == 0 { fail("the catalogue did not load (\(app.state.status.map { String(describing: $0) } ?? "no message"))") }

        var frame = Frame(app: app, width: width, height: height)
        let rows = max(1, Layout(width: width, height: height).listRows)
        let down = downKeys(&frame, &app, presses: presses)
        _ = frame.key(.home, &app)
        let pageDown = pageDownKeys(&frame, &app, presses: presses, rows: rows)
        _ = frame.key(.char("/"), &app)
        let word = Array(commonPrefix(app))
        let filter = filterKeys(&frame, &app, presses: presses, word: word)
        return ["widgets": loaded, "width": width, "height": height,
                "down_us": Stats.summary(down), "pagedown_us": Stats.summary(pageDown), "filter_us": Stats.summary(filter),
                "filter_word": String(word)]
    }

    // One function per key type, never inlined, so `valgrind --tool=callgrind` reports each one's
    // inclusive instruction count (divide by `presses` for the cost of one key).

    /// ↓ `presses` times, back to the top at the end of the list.
    @inline(never) static func downKeys(_ frame: inout Frame, _ app: inout WidgetApp, presses: Int) -> [Double] {
        var down: [Double] = []
        for _ in 0..<presses {
            if app.state.cursor >= app.state.catalog.visible.count - 1 { _ = frame.key(.home, &app) }
            down.append(frame.key(.down, &app))
        }
        return down
    }

    /// PgDn `presses` times, back to the top near the end of the list.
    @inline(never) static func pageDownKeys(_ frame: inout Frame, _ app: inout WidgetApp, presses: Int, rows: Int) -> [Double] {
        var pageDown: [Double] = []
        for _ in 0..<presses {
            if app.state.cursor + rows >= app.state.catalog.visible.count - 1 { _ = frame.key(.home, &app) }
            pageDown.append(frame.key(.pageDown, &app))
        }
        return pageDown
    }

    /// Filter keystrokes: type `word` letter by letter, then erase it, over and over.
    @inline(never) static func filterKeys(_ frame: inout Frame, _ app: inout WidgetApp, presses: Int, word: [Character]) -> [Double] {
        var filter: [Double] = []
        while filter.count < presses {
            for ch in word where filter.count < presses { filter.append(frame.key(.char(ch), &app)) }
            for _ in word where filter.count < presses { filter.append(frame.key(.backspace, &app)) }
        }
        return filter
    }

    /// A word to type into the filter: the first 6 letters of a code in the middle of the catalogue,
    /// so each letter narrows the list a little and erasing widens it again.
    static func commonPrefix(_ app: WidgetApp) -> String {
        let entries = app.state.catalog.entries
        guard !entries.isEmpty else { return "a" }
        return String(entries[entries.count / 2].widget.code.prefix(6))
    }
}

/// What the loop keeps between frames: the previous Canvas for the diff.
struct Frame {
    var previous: Canvas
    let width: Int, height: Int

    init(app: WidgetApp, width: Int, height: Int) {
        self.width = width
        self.height = height
        previous = app.render(width: width, height: height)
    }

    /// One key through update + view + diff; returns the microseconds it took.
    mutating func key(_ key: KeyEvent, _ app: inout WidgetApp) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        _ = app.handle(.key(key))
        let canvas = app.render(width: width, height: height)
        _ = app.cursor(width: width, height: height)
        var segments = 0
        for y in FrameDiff.changedRows(from: previous, to: canvas) {
            segments += FrameDiff.segments(of: canvas.rows[y], asciiOnly: false).count
        }
        previous = canvas
        let elapsed = (clock.now - start).microseconds
        blackHole(segments)
        return elapsed
    }
}

/// Keeps the optimiser from dropping the diff whose result nobody reads.
@inline(never) func blackHole(_ value: Int) { if value == Int.min { print(value) } }
