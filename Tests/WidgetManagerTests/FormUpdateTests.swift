import AmoCRM
import Testing
@testable import WidgetManager

@Suite struct FormUpdateTests {
    /// A harness with the catalogue loaded and the install form of amo_asterisk open (users loaded).
    func asteriskForm(users: Result<[User], AmoError> = .success(Fixtures.users)) -> Harness {
        var h = Harness()
        h.loadCatalog()
        h.select("amo_asterisk")
        h.answerDetail(Fixtures.asterisk)
        h.key(.char("i"))
        // The users asked for at launch arrive after the form opened: their rows appear then.
        #expect(h.screen(120, 40).contains("Loading the account's users"))
        h.answerUsers(users)
        return h
    }

    @Test func requiredFieldsAreCheckedBeforeSending() {
        var h = asteriskForm()
        #expect(h.state.context == .form)
        let effects = h.key(.ctrl("s"))
        #expect(!effects.contains { if case .install = $0 { true } else { false } })
        #expect(h.state.form?.fields[0].error == "required")
        #expect(h.state.form?.fields[1].error == "required")
        #expect(h.state.status?.isError == true)
        #expect(h.screen(120, 40).contains("required"))
    }

    @Test func typingEveryFieldTypeBuildsTheInstallBody() {
        var h = asteriskForm()
        h.type("оператор")                 // login (Cyrillic)
        h.key(.tab); h.type("s3cret")      // password
        h.key(.tab); h.type("1039")        // phones: Иван Петров's extension
        h.key(.tab); h.key(.tab)           // skip Anna
        h.type("https://example.com/")     // script_path
        let screen = h.screen(120, 40)
        #expect(!screen.contains("s3cret"))
        #expect(screen.contains("••••••"))
        #expect(screen.contains("Иван Петров"))
        #expect(!screen.contains("Gone User"))
        let effects = h.key(.ctrl("s"))
        let body: [String: JSONValue] = [
            "login": .string("оператор"), "password": .string("s3cret"),
            "phones": .object(["504141": .string("1039")]), "script_path": .string("https://example.com/"),
        ]
        #expect(effects.contains { if case .install(_, "amo_asterisk", "example.amocrm.ru", body, false) = $0 { true } else { false } })
        #expect(h.state.form?.submittingRequest != nil)
        #expect(h.screen(120, 40).contains("sending"))
    }

    @Test func f1OpensHelpOverTheFormAndEscapeReturnsToIt() {
        var h = asteriskForm()
        h.type("x")
        h.key(.function(1))
        #expect(h.state.context == .help)
        #expect(h.screen(120, 40).contains("Settings form"))
        h.key(.escape)
        #expect(h.state.context == .form)
        #expect(h.state.form?.fields[0].editor == .line(LineEditor("x")))
    }

    @Test func revealShowsOnlyTheFocusedSecretUntilFocusMoves() {
        var h = asteriskForm()
        h.key(.tab); h.type("s3cret")
        h.key(.ctrl("r"))
        #expect(h.screen(120, 40).contains("s3cret"))
        h.key(.tab)
        #expect(!h.screen(120, 40).contains("s3cret"))
    }

    @Test func validationErrorsFromTheServerGoBesideTheirFields() {
        var h = asteriskForm()
        h.type("op"); h.key(.tab); h.type("pw"); h.key(.tab); h.type("77")
        let effects = h.key(.ctrl("s"))
        guard case .install(let id, _, _, _, _)? = effects.first else { Issue.record("no install"); return }
        let errors = [FieldError(path: "login", code: "InvalidValue", detail: "Login is not allowed"),
                      FieldError(path: "phones.504141", code: "InvalidValue", detail: "Extension taken"),
                      FieldError(path: "other", code: "X", detail: "Something else")]
        h.send(.message(.installed(id: id, code: "amo_asterisk", .failure(.validation(errors, ErrorContext(status: 400, requestID: "r1"))), record: nil, recordPath: nil, recordError: nil)))
        let form = h.state.form
        #expect(form?.fields[0].error == "Login is not allowed")
        if case .users(let rows, _)? = form?.fields[2].editor {
            #expect(rows.first { $0.userID == 504141 }?.error == "Extension taken")
            #expect(rows.first { $0.userID == 504141 }?.cells[0].text == "77")
        } else { Issue.record("phones is not a users field") }
        #expect(form?.errorNotice?.contains("other: Something else") == true)
        #expect(form?.submittingRequest == nil)
        // Everything typed is still there.
        if case .line(let e)? = form?.fields[1].editor { #expect(e.text == "pw") }
        #expect(h.screen(120, 40).contains("Login is not allowed"))
        #expect(h.screen(120, 40).contains("Extension taken"))
    }

    @Test func otherFailuresKeepTheFormAndSuccessUpdatesRowAndDetail() {
        var h = asteriskForm()
        h.type("op"); h.key(.tab); h.type("pw")
        guard case .install(let id, _, _, _, _)? = h.key(.ctrl("s")).first else { Issue.record("no install"); return }
        h.send(.message(.installed(id: id, code: "amo_asterisk", .failure(.transport(.connectionReset, ErrorContext())), record: nil, recordPath: nil, recordError: nil)))
        #expect(h.state.form != nil)
        #expect(h.state.status?.text.contains("kept") == true)
        guard case .install(let id2, _, _, let body, _)? = h.key(.ctrl("s")).first else { Issue.record("no resend"); return }
        let installed = Fixtures.widget("amo_asterisk", id: 10, version: "1.1.6", fields: Fixtures.asteriskFields, installed: true,
                                        settings: ["login": "op", "password": "pw"])
        let record = SettingsRecord(code: "amo_asterisk", host: "example.amocrm.ru", kind: .sent, savedAt: "2026-11-29T09:00:00Z", settings: body)
        h.send(.message(.installed(id: id2, code: "amo_asterisk", .success(installed), record: record, recordPath: "/x/sent.json", recordError: nil)))
        #expect(h.state.form == nil)
        #expect(h.state.catalog.entry("amo_asterisk")?.installed == true)
        #expect(h.state.local["amo_asterisk"]?.sent == record)
        let screen = h.screen(120, 40)
        #expect(screen.contains("Installed: yes"))
        #expect(screen.contains("password: ••••••"))
        #expect(!screen.contains("pw\n"))
        #expect(screen.contains("amo_asterisk installed"))
    }

    @Test func escapeOnAChangedFormAsksFirst() {
        var h = asteriskForm()
        h.key(.escape)
        #expect(h.state.form == nil)  // unchanged: closes at once
        h.key(.char("i"))
        h.type("x")
        h.key(.escape)
        #expect(h.state.dialog == .discardForm)
        h.key(.char("n"))
        #expect(h.state.form?.fields[0].editor == .line(LineEditor("x")))
        h.key(.ctrl("q"))
        #expect(h.state.dialog == .quit)
        h.key(.escape)
        #expect(!h.state.isFinished)
        h.key(.escape); h.key(.char("y"))
        #expect(h.state.form == nil)
    }

    @Test func usersForbiddenMeansFreeEntryOfIds() {
        var h = asteriskForm(users: .failure(.forbidden(.scope, ErrorContext(status: 403, detail: "Invalid scope"))))
        #expect(h.screen(120, 40).contains("may not list"))
        h.type("op"); h.key(.tab); h.type("pw"); h.key(.tab)
        h.type("abc"); h.key(.tab); h.type("12")
        h.key(.ctrl("s"))
        #expect(h.state.status?.isError == true)
        if case .users(let rows, true)? = h.state.form?.fields[2].editor {
            #expect(rows[0].error == "user id must be a number")
        } else { Issue.record("not free entry") }
        // The focus went to the first marked box (the id): clear and retype it.
        h.key(.ctrl("u")); h.type("504141")
        let effects = h.key(.ctrl("s"))
        #expect(effects.contains { if case .install(_, _, _, let body, _) = $0 { body["phones"] == .object(["504141": .string("12")]) } else { false } })
    }

    @Test func usersLPCustomAndUnknownTypes() {
        var h = Harness()
        h.loadCatalog()
        h.select("sip_users")
        h.answerDetail(Fixtures.telephony)
        h.answerUsers()
        h.key(.char("i"))
        #expect(h.screen(120, 40).contains("unknown type \"select\""))
        h.type("ivan"); h.key(.tab); h.type("pa55")
        #expect(!h.screen(120, 40).contains("pa55"))
        h.key(.tab); h.type("anna")  // Anna's login, no password: refused beside her row
        h.key(.tab); h.key(.tab); h.type("fast")
        #expect(!h.key(.ctrl("s")).contains { if case .install = $0 { true } else { false } })
        if case .users(let rows, _)? = h.state.form?.fields[0].editor {
            #expect(rows.map(\.error) == [nil, SettingsForm.passwordMissing])
        } else { Issue.record("no users rows") }
        #expect(h.screen(120, 40).contains("password missing"))
        // The focus went to Anna's first box (her login): Tab to her password and type it.
        h.key(.tab); h.type("w0rd")
        guard case .install(_, _, _, let body, _)? = h.key(.ctrl("s")).first else { Issue.record("no install: \(h.state.status?.text ?? "")"); return }
        #expect(body["accounts"] == .object(["504141": .object(["login": .string("ivan"), "password": .string("pa55")]),
                                             "504142": .object(["login": .string("anna"), "password": .string("w0rd")])]))
        #expect(body["mode"] == .string("fast"))

        var d = Harness()
        d.loadCatalog()
        d.select("amo_dropbox")
        d.answerDetail(Fixtures.dropbox)
        d.key(.char("i"))
        d.type("{\"a\": ")
        d.key(.ctrl("s"))
        #expect(d.state.form?.fields[0].error == "not valid JSON")
        d.type("[1, \"б\"]}")
        guard case .install(_, _, _, let body2, _)? = d.key(.ctrl("s")).first else { Issue.record("no install"); return }
        #expect(body2["conf"] == .object(["a": .array([.integer(1), .string("б")])]))
    }

    @Test func reconfigureStartsFromTheLastSentSettings() {
        var h = Harness()
        h.loadCatalog()
        h.select("amo_mailchimp")
        let sent = SettingsRecord(code: "amo_mailchimp", host: "example.amocrm.ru", kind: .sent, savedAt: "2026-11-28T10:00:00Z",
                                  settings: ["api": .object(["key": .string("k1")])])
        h.answerDetail(Fixtures.mailchimp, local: LocalRecords(sent: sent, sentPath: "/p"))
        #expect(h.screen(120, 40).contains("Settings this program sent on 2026-11-28T10:00:00Z"))
        h.open(.char("e"))
        #expect(h.state.form?.isReconfigure == true)
        #expect(h.state.form?.fields[0].editor == .line(LineEditor("{\"key\":\"k1\"}")))
        #expect(h.state.form?.isChanged == false)
        #expect(h.screen(120, 40).contains("Reconfigure amo_mailchimp"))
        guard case .install(let id, "amo_mailchimp", _, let body, true)? = h.key(.ctrl("s")).first else { Issue.record("no reconfigure"); return }
        #expect(body == ["api": .object(["key": .string("k1")])])
        h.send(.message(.installed(id: id, code: "amo_mailchimp", .success(Fixtures.mailchimp), record: nil, recordPath: nil, recordError: nil)))
        #expect(h.state.status?.text.hasPrefix("amo_mailchimp reconfigured") == true)
    }

    @Test func resizeMidFormKeepsEverything() {
        var h = asteriskForm()
        h.type("оператор")
        h.send(.event(.resize(width: 60, height: 20)))
        #expect(h.screen(60, 20).contains("оператор"))
        h.send(.event(.resize(width: 120, height: 40)))
        #expect(h.state.form?.fields[0].editor == .line(LineEditor("оператор")))
        let cursor = AppView.cursor(h.state, width: 120, height: 40)
        #expect(cursor != nil)
    }
}
