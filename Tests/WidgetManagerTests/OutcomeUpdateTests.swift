import AmoCRM
import Testing
@testable import WidgetManager

/// A change whose reply was lost (`AmoError.outcomeUnknown`): the outcome is said to be unknown,
/// nothing is resent, the widget is looked up again, and the check's answer is what the screen says.
@Suite struct OutcomeUpdateTests {
    /// The install form of amo_dropbox, its one field typed, sent, and answered with `error`.
    func lostInstall(_ error: AmoError) -> (Harness, [AppEffect]) {
        var h = Harness()
        h.loadCatalog()
        h.answerUsers()
        h.select("amo_dropbox")
        h.answerDetail(Fixtures.dropbox)
        h.key(.char("i"))
        h.type("{}")
        guard case .install(let id, _, _, _, _)? = h.key(.ctrl("s")).first else { Issue.record("no install"); return (h, []) }
        let effects = h.send(.message(.installed(id: id, code: "amo_dropbox", .failure(error), record: nil, recordPath: nil, recordError: nil)))
        return (h, effects)
    }

    static let truncated = AmoError.unexpectedBody(UnexpectedBody(reason: "truncated or malformed JSON"),
                                                   ErrorContext(status: 200, requestID: "0123456789abcdef0123456789abcdef"))

    @Test func aLostInstallReplyIsCheckedNotResentAndTheFormStays() {
        var (h, effects) = lostInstall(Self.truncated)
        #expect(!effects.contains { if case .install = $0 { true } else { false } })
        guard case .loadDetail(_, "amo_dropbox", _, .zero)? = effects.first(where: { if case .loadDetail = $0 { true } else { false } }) else {
            Issue.record("no check: \(effects)"); return
        }
        #expect(h.state.status?.text.contains("the outcome is unknown") == true)
        #expect(h.state.status?.text.contains("[request 0123456789abcdef0123456789abcdef]") == true)
        #expect(h.state.form != nil, "what was typed is kept while the outcome is unknown")
        h.key(.escape); h.key(.char("n"))  // keep the form; look at the detail pane meanwhile
        // It did happen: the check says installed, the form (already sent) closes, the pane agrees.
        let installed = Fixtures.widget("amo_dropbox", id: 742, version: "0.0.13", installed: true)
        h.answerDetail(installed)
        #expect(h.state.form == nil)
        #expect(h.state.uncertain.isEmpty)
        #expect(h.state.catalog.entry("amo_dropbox")?.installed == true)
        #expect(h.state.status?.text.hasPrefix("Checked: amo_dropbox is installed") == true)
        #expect(h.screen(120, 40).contains("Installed: yes"))
    }

    @Test func aCheckThatFindsNothingKeepsTheTypedInputForASecondTry() {
        var (h, _) = lostInstall(.transport(.connectionReset, ErrorContext()))
        #expect(h.screen(120, 40).contains("outcome is unknown"))
        h.answerDetail(Fixtures.dropbox)
        #expect(h.state.form != nil)
        #expect(h.state.status?.text.hasPrefix("Checked: amo_dropbox is not installed") == true)
        #expect(h.state.uncertain.isEmpty)
    }

    @Test func aFailedCheckLeavesTheStateUnknownOnScreen() {
        var (h, _) = lostInstall(.transport(.timeout, ErrorContext()))
        h.key(.escape); h.key(.char("y"))
        guard let pending = h.state.detailRequest else { Issue.record("no check running"); return }
        h.send(.message(.detail(id: pending.id, code: "amo_dropbox", .failure(.server(ErrorContext(status: 503))), local: LocalRecords())))
        #expect(h.state.uncertain["amo_dropbox"] != nil)
        #expect(h.state.status?.text.contains("still unknown") == true)
        #expect(h.screen(120, 40).contains("Installed: unknown"))
        h.key(.char("r"))
        #expect(h.state.uncertain.isEmpty, "the reloaded list says what is installed")
    }

    @Test func aFailedUsersListIsAskedAgainOnReopenAndReload() {
        var h = Harness()
        h.loadCatalog()
        h.select("amo_asterisk")
        h.answerDetail(Fixtures.asterisk)
        h.answerUsers(.failure(.server(ErrorContext(status: 503, requestID: "0123456789abcdef0123456789abcdef"))))
        var effects = h.key(.char("i"))
        effects += h.answerLocal()
        #expect(effects.contains { if case .loadUsers = $0 { true } else { false } }, "a form that needs users asks again")
        #expect(h.screen(120, 40).contains("Loading the account's users"))
        h.answerUsers(.failure(.server(ErrorContext(status: 503, requestID: "0123456789abcdef0123456789abcdef"))))
        #expect(h.screen(100, 30).contains("0123456789abcdef0123456789abcdef"), "the reason is wrapped, not cut")
        h.key(.escape)
        #expect(h.state.form == nil && h.state.dialog == nil, "\(String(describing: h.state.dialog)) \(h.state.usersRequest as Any)")
        effects = h.key(.char("r"))
        #expect(effects.contains { if case .loadUsers = $0 { true } else { false } }, "r reloads the users too")
        h.answerUsers(.failure(.forbidden(.blocked, ErrorContext(status: 403))))
        if case .unavailable(let reason) = h.state.users { #expect(!reason.contains("may not list"), "a block is not a missing right") }
    }

    @Test func refusedRequestsAreFailuresNotUnknowns() {
        #expect(!AmoError.server(ErrorContext(status: 500)).outcomeUnknown)
        #expect(!AmoError.rateLimited(ErrorContext(status: 429)).outcomeUnknown)
        #expect(!AmoError.transport(.connectionRefused, ErrorContext()).outcomeUnknown)
        #expect(!AmoError.unexpectedBody(UnexpectedBody(reason: "x"), ErrorContext(status: 302)).outcomeUnknown)
        #expect(AmoError.server(ErrorContext(status: 504)).outcomeUnknown)
        #expect(Self.truncated.outcomeUnknown)
    }

    @Test func longMessagesAreWrappedWholeAboveTheStatusLine() {
        var (h, _) = lostInstall(Self.truncated)
        h.key(.escape); h.key(.char("y"))
        let screen = h.screen(80, 24)
        #expect(screen.contains("─ message "))
        #expect(screen.contains("0123456789abcdef0123456789abcdef"), "the request id is read whole at 80 columns")
        #expect(TextWrap.lines("aaa bbb ccccccc", width: 5) == ["aaa", "bbb", "ccccc", "cc"])
    }
}
