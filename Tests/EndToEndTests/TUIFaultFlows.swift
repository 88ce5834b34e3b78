import AmoSandbox
import Foundation

/// The five actions of the TUI fault matrix, key by key, and what each cell asserts.
extension Session {
    mutating func drive(action: TUIFaultDriver.Action, fault: TUIFaultDriver.Fault, sandbox: RunningSandbox) {
        let slow = fault.kind == .slow
        if action.name != "list" {
            guard wait("the list", 20, { $0.contains(TUIFaultDriver.loaded) || $0.contains("API blocked") }) else { return quit() }
            // A 403 block page stops the client altogether: the first request that met it (the
            // detail or the users at the start) ends every later one with the same message.
            if last.contains("API blocked") {
                waitSteady("the block to settle", 10) { !Session.busy($0) }
                cell.message = Session.message(last)
                cell.responsive = helpOpensAndCloses(key: "?") ? "after" : "NO"
                judge(action: action, fault: fault, sandbox: sandbox)
                cell.screen = last
                return quit()
            }
        }
        let trigger = ContinuousClock.now
        // A settled screen may take four attempts of a GET (three retries): one of them may stall
        // for the client's 30 s read timeout when the test process, serving the sandbox, is starved
        // by the suites beside it (a reset is then late). Bounded, and only that long when it happens.
        let settle = 75.0
        switch action.name {
        case "list":
            if slow {
                wait("page 1 loading", 5) { Session.status($0).contains("loading page 1") }
                during(trigger, key: "?") { !$0.contains(TUIFaultDriver.loaded) }
            }
            waitSteady("the load to end", settle) { !Session.busy($0) && !Session.status($0).isEmpty }
        case "detail":
            if slow {
                wait("the slow detail", 5) { $0.contains("Loading details") }
                // Down while amo_asterisk's detail hangs: the next widget's detail loads meanwhile.
                press("Down")
                let moved = wait("the selection to move", 4) { !$0.contains("▶amo_asterisk") && !$0.contains("Loading details") }
                cell.responsive = moved && ContinuousClock.now - trigger < .seconds(5) ? "during" : "NO"
                press("Up")
            }
            waitSteady("the detail to settle", settle) {
                sandbox.requestCount(method: "GET", path: action.path) > 0 && $0.contains("▶amo_asterisk") && !Session.busy($0)
                    && !$0.contains("Loading details")
            }
        case "install":
            openForm(filter: "tg_notes")
            type("bot-42")
            wait("the typed value", 5) { $0.contains("[bot-42") }
            press("C-s")
            if slow {
                wait("the install to hang", 5) { $0.contains("sending") }
                during(trigger, key: "F1") { $0.contains("sending") }
            }
            waitSteady("the install to settle", settle) {
                !Session.busy($0) && Session.status($0).contains("tg_notes") && !Session.status($0).hasPrefix("Sending")
                    && !Session.message($0).contains("checking the account")
            }
        case "uninstall":
            press("/"); type("zadarma_export"); press("Enter")
            waitSteady("the filtered row", 5) { $0.contains("▶zadarma_export ") && !Session.busy($0) }
            press("d")
            wait("the confirmation", 5) { $0.contains("y yes") }
            press("y")
            if slow {
                wait("the uninstall to hang", 5) { Session.status($0).contains("uninstalling") }
                during(trigger, key: "?") { Session.status($0).contains("uninstalling") }
            }
            waitSteady("the uninstall to settle", settle) {
                !Session.busy($0) && Session.status($0).contains("zadarma_export") && !Session.status($0).hasPrefix("Backing up")
                    && !Session.message($0).contains("checking the account")
            }
        default:  // users: the install form of amo_asterisk lists the account's users
            press("i")
            wait("the form", 5) { $0.contains("Install amo_asterisk") }
            if slow {
                type("оператор")
                let typed = wait("typing while users load", 5) { $0.contains("[оператор") }
                let stillLoading = last.contains("Loading the account's users")
                cell.responsive = typed && stillLoading ? "during" : "NO"
            }
            waitSteady("the users to settle", settle) { !$0.contains("Loading the account's users") && !Session.busy($0) }
        }
        cell.message = action.name == "users" ? usersLine(last) : Session.message(last)
        cell.screen = last
        if cell.responsive == "-" {
            let key = last.contains("^S send") ? "F1" : "?"
            cell.responsive = helpOpensAndCloses(key: key) ? "after" : "NO"
        }
        judge(action: action, fault: fault, sandbox: sandbox)
        quit()
    }

    /// Opens help with `key` while the request still hangs (`stillHanging` true after closing it).
    private mutating func during(_ trigger: ContinuousClock.Instant, key: String, stillHanging: (String) -> Bool) {
        let ok = helpOpensAndCloses(key: key) && stillHanging(last) && ContinuousClock.now - trigger < .seconds(5)
        cell.responsive = ok ? "during" : "NO"
    }

    private mutating func openForm(filter: String) {
        press("/"); type(filter); press("Enter")
        wait("the filtered row", 5) { $0.contains("▶\(filter) ") }
        press("i")
        wait("the form", 5) { $0.contains("Install \(filter)") }
    }

    /// The form's line about the users (loaded names, or why not), continuation lines included.
    private func usersLine(_ screen: String) -> String {
        let rows = Session.rows(screen).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }
        guard let i = rows.firstIndex(where: { $0.contains("Users could not") || $0.contains("may not list") }) else {
            return rows.first { $0.contains("Иван Петров") || $0.contains("no active users") }.map { String($0.prefix(60)) } ?? ""
        }
        return rows[i...].prefix { !$0.isEmpty && !$0.contains(" [ ") && !$0.contains("[  ") }.joined(separator: " ")
    }

    /// The cell's checks: a message for every failure (with the request id when the reply had one),
    /// at most one POST/DELETE unless the gateway refused it, the account as the user was told.
    private mutating func judge(action: TUIFaultDriver.Action, fault: TUIFaultDriver.Fault, sandbox: RunningSandbox) {
        let message = cell.message
        let says = message.lowercased()
        // "Checked: …" follows a lost reply: the app looked the widget up again and says what it found.
        let checked = says.hasPrefix("checked:")
        let reportsError = checked || says.contains("fail") || says.contains("could not") || says.contains("outcome is unknown")
            || says.contains("not authorized") || says.contains("blocked")
        cell.outcome = checked ? "checked" : says.contains("outcome is unknown") ? "unknown" : reportsError ? "error" : "ok"
        if cell.responsive == "NO" { cell.problems.append("keys did not work") }
        switch fault.kind {
        case .refused, .ambiguous:
            if !reportsError && action.changes == nil { cell.problems.append("no error said") }
        case .slow:
            if reportsError { cell.problems.append("a slow reply was reported as a failure") }
        case .noContent: break
        }
        if reportsError, fault.spec != "reset", !TUIFaultDriver.namesRequestID(message) {
            cell.problems.append("no request id")
        }
        // The token comes from AMO_TOKEN here: the fix is that variable (logging in would not help).
        if fault.spec == "401", reportsError, !says.contains("the token from amo_token was rejected") {
            cell.problems.append("a 401 without saying the AMO_TOKEN token was rejected")
        }
        if reportsError, fault.spec == "reset", !says.contains("network") && !says.contains("connection") {
            cell.problems.append("the message does not say the connection dropped")
        }
        if let code = action.code, let changes = action.changes {
            cell.sends = sandbox.requestCount(method: action.method, path: action.path)
            let limit = fault.spec.hasPrefix("429") ? 4 : 1
            if cell.sends > limit { cell.problems.append("\(cell.sends) \(action.method)s sent") }
            let installed = sandbox.installedCodes.contains(code)
            let changed = (changes == "installed") == installed
            cell.account = changed ? changes : "unchanged"
            var saidChanged = cell.outcome == "ok"
            if checked { saidChanged = !says.contains("not installed") && !says.contains("still installed") }
            if cell.outcome == "error" || cell.outcome == "checked" || cell.outcome == "ok", saidChanged != changed {
                cell.problems.append("said \(saidChanged ? changes : "not \(changes)"), but the account is \(cell.account)")
            }
            if fault.kind == .ambiguous || fault.kind == .noContent, changed, cell.outcome == "error" {
                cell.problems.append("a lost reply was said to be a failure")
            }
            if action.name == "install", !changed, !(last.contains("Install tg_notes") && last.contains("[bot-42")) {
                cell.problems.append("the typed input is gone")
            }
            checkDetailPane(code: code, installed: installed, sandbox: sandbox)
        }
        // After a failed read the same action works again once the fault is gone (blocked stays
        // blocked: only support lifts it).
        if action.changes == nil, cell.outcome == "error", !says.contains("blocked") { recover(action: action, sandbox: sandbox) }
    }

    /// Back in the browser, the detail pane must show the account's real state (after any check).
    private mutating func checkDetailPane(code: String, installed: Bool, sandbox: RunningSandbox) {
        if last.contains("^S send") {
            press("Escape")
            if wait("the discard question", 5, { $0.contains("y yes") || !$0.contains("^S send") }), last.contains("y yes") { press("y") }
        }
        let want = "Installed: \(installed ? "yes" : "no")"
        if !waitSteady("'\(want)' in the detail pane", 12, { $0.contains("\(code)  v") && $0.contains(want) && !Session.busy($0) }) {
            cell.problems.append("the detail pane does not show the account's state")
        }
    }

    /// After a failed read: with the fault gone, the same action works again (nothing is stuck).
    private mutating func recover(action: TUIFaultDriver.Action, sandbox: RunningSandbox) {
        sandbox.setFaults(nil)
        switch action.name {
        case "list":
            press("r")
            waitSteady("the reload", 15) { $0.contains(TUIFaultDriver.loaded) && !Session.busy($0) }
        case "detail":
            let asked = sandbox.requestCount(method: "GET", path: action.path)
            press("Down"); press("Up")
            waitSteady("the detail again", 15) {
                sandbox.requestCount(method: "GET", path: action.path) > asked && $0.contains("▶amo_asterisk")
                    && !$0.contains("Details failed") && !Session.busy($0) && !$0.contains("Loading details")
            }
        default:
            press("Escape")
            if wait("the form to close", 5, { $0.contains("y yes") || !$0.contains("Install amo_asterisk") }), last.contains("y yes") { press("y") }
            wait("the browser", 5) { !$0.contains("Install amo_asterisk") }
            press("i")
            // Reopening the form asks for the users again.
            wait("the users again", 15) { $0.contains("Install amo_asterisk") && $0.contains("Иван Петров") }
        }
    }
}
