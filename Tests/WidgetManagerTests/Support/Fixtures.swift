import AmoCRM
import Foundation
@testable import WidgetManager

/// Test widgets, decoded from API-shaped JSON (the same path real answers take).
enum Fixtures {
    static func widget(_ code: String, id: Int = 1, version: String = "1.0.0", rating: String? = "3,5",
                       fields: [(key: String, name: String, type: String, required: Bool)] = [],
                       installed: Bool = false, leadSource: Bool = false, dp: Bool = false, template: Bool = false,
                       pipeline: Int? = nil, settings: [String: Any]? = nil) -> Widget {
        var object: [String: Any] = [
            "id": id, "code": code, "version": version, "rating": rating.map { $0 as Any } ?? NSNull(),
            "settings_template": fields.map { ["key": $0.key, "name": $0.name, "type": $0.type, "is_required": $0.required] },
            "is_lead_source": leadSource, "is_work_with_dp": dp, "is_crm_template": template,
            "client_uuid": NSNull(), "is_active_in_account": installed, "pipeline_id": pipeline.map { $0 as Any } ?? NSNull(),
            "_links": ["self": ["href": "https://example.amocrm.ru/api/v4/widgets/\(code)"]],
        ]
        if let settings { object["settings"] = settings }
        let data = try! JSONSerialization.data(withJSONObject: object)
        return try! JSONDecoder().decode(Widget.self, from: data)
    }

    static let asteriskFields: [(key: String, name: String, type: String, required: Bool)] = [
        ("login", "Логин", "text", true),
        ("password", "Пароль", "pass", true),
        ("phones", "Добавочные номера", "users", false),
        ("script_path", "Путь к скрипту", "text", false),
    ]

    static var asterisk: Widget { widget("amo_asterisk", id: 10, version: "1.1.6", rating: "2,7", fields: asteriskFields) }
    static var dropbox: Widget { widget("amo_dropbox", id: 742, version: "0.0.13", rating: "2,8", fields: [("conf", "custom", "custom", false)]) }
    static var mailchimp: Widget { widget("amo_mailchimp", id: 796, version: "1.1.12", rating: "3,4", fields: [("api", "custom", "custom", false)], installed: true) }
    static var leadForm: Widget { widget("lead_form", id: 11, version: "2", rating: nil, fields: [("token", "Token", "text", true)], leadSource: true, dp: true, pipeline: 3) }
    static var telephony: Widget { widget("sip_users", id: 12, version: "0.9", rating: "4,9",
                                          fields: [("accounts", "SIP accounts", "users_lp", true), ("mode", "Mode", "select", false)], template: true) }

    static var firstPage: [Widget] { [asterisk, dropbox, mailchimp] }
    static var secondPage: [Widget] { [leadForm, telephony] }

    static let users = [
        User(id: 504141, name: "Иван Петров", email: "ivan@example.com", isAdmin: true, isActive: true),
        User(id: 504142, name: "Anna Smith", email: nil, isAdmin: false, isActive: true),
        User(id: 504143, name: "Gone User", email: nil, isAdmin: false, isActive: false),
    ]

    /// A temporary folder removed when the returned closure runs.
    static func tempDir() -> String {
        let path = NSTemporaryDirectory() + "amowidgets-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Drives `Update` like the loop does and keeps the effects for assertions.
struct Harness {
    var state: AppState
    var effects: [AppEffect] = []

    init(options: AppOptions = AppOptions(accountHost: "example.amocrm.ru"), width: Int = 120, height: Int = 40) {
        state = AppState(options: options)
        _ = Update.update(&state, .event(.resize(width: width, height: height)))
        effects = Update.update(&state, .start)
    }

    /// The install form of `amo_asterisk` (text, `pass` and `users` fields), opened from the list with
    /// its detail and the account's users answered: the starting point of most form tests.
    static func asteriskInstallForm(options: AppOptions = AppOptions(accountHost: "example.amocrm.ru"),
                                    width: Int = 120, height: Int = 40) -> Harness {
        var h = Harness(options: options, width: width, height: height)
        h.loadCatalog()
        h.select("amo_asterisk")
        h.answerDetail(Fixtures.asterisk)
        h.key(.char("i"))
        h.answerUsers()
        return h
    }

    @discardableResult
    mutating func send(_ action: AppAction) -> [AppEffect] {
        effects = Update.update(&state, action)
        return effects
    }

    @discardableResult
    mutating func key(_ k: KeyEvent) -> [AppEffect] { send(.event(.key(k))) }

    /// Types `text` character by character.
    mutating func type(_ text: String) { for ch in text { key(.char(ch)) } }

    /// The id of the running catalogue load.
    var loadID: Int? { state.load.requestID }

    /// Delivers a list page to the running load.
    @discardableResult
    mutating func page(_ n: Int, _ widgets: [Widget], next: Bool) -> [AppEffect] {
        send(.message(.page(id: state.load.requestID ?? -1, page: n, .success(WidgetPage(page: n, widgets: widgets, nextLink: next ? "next" : nil)))))
    }

    /// Loads both fixture pages.
    mutating func loadCatalog() {
        page(1, Fixtures.firstPage, next: true)
        page(2, Fixtures.secondPage, next: false)
    }

    /// Answers the pending detail request with `widget` and `local` records.
    @discardableResult
    mutating func answerDetail(_ widget: Widget, local: LocalRecords = LocalRecords()) -> [AppEffect] {
        guard let pending = state.detailRequest else { return [] }
        return send(.message(.detail(id: pending.id, code: pending.code, .success(widget), local: local)))
    }

    /// Answers what a form or question waits for (`pendingOpen`): the widget's detail (the widget
    /// as the list has it) when that is asked, else its local records.
    /// The widget answered is the one last answered for it (else the list's), and the records those
    /// last answered (else none), unless `records` is given.
    @discardableResult
    mutating func answerLocal(_ records: LocalRecords? = nil) -> [AppEffect] {
        guard let pending = state.pendingOpen else { return [] }
        let local = records ?? state.local[pending.code] ?? LocalRecords()
        if state.detailRequest?.id == pending.id, let widget = state.details[pending.code] ?? state.catalog.entry(pending.code)?.widget {
            let effects = send(.message(.detail(id: pending.id, code: pending.code, .success(widget), local: local)))
            return state.pendingOpen == nil ? effects : answerLocal(records)
        }
        return send(.message(.local(id: pending.id, code: pending.code, local)))
    }

    /// The uninstall question of the installed `amo_mailchimp` (no settings known), open.
    static func mailchimpUninstallQuestion() -> Harness {
        var h = Harness()
        h.loadCatalog()
        h.select("amo_mailchimp")
        h.answerDetail(Fixtures.mailchimp)
        h.open(.char("d"))
        return h
    }

    /// A key that opens a form or the uninstall question, then the answers it waits for.
    @discardableResult
    mutating func open(_ k: KeyEvent) -> [AppEffect] {
        key(k)
        return answerLocal()
    }

    /// Answers the users request started at launch.
    @discardableResult
    mutating func answerUsers(_ result: Result<[User], AmoError> = .success(Fixtures.users)) -> [AppEffect] {
        send(.message(.users(id: state.usersRequest ?? -1, result)))
    }

    /// Selects widget `code` with the filter and clears the filter text afterwards.
    mutating func select(_ code: String) {
        while state.selectedCode != code, state.cursor < state.catalog.visible.count - 1 { key(.down) }
        while state.selectedCode != code, state.cursor > 0 { key(.up) }
    }

    /// The screen as text.
    func screen(_ w: Int, _ h: Int) -> String { AppView.render(state, width: w, height: h).text }
}

extension Dialog {
    /// The widget an uninstall question is about (nil for other questions).
    var uninstallCode: String? {
        if case .confirmUninstall(let code, _) = self { return code }
        return nil
    }
}
