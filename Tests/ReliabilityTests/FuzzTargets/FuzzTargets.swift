import Foundation
@testable import AmoCRM
@testable import WidgetManager

/// The fuzz targets of issue 7: each takes arbitrary bytes and runs them through a real decoder (or the
/// settings form) and checks what must hold for ANY input. A violated property is a crash on purpose
/// (`FuzzCheck.fail`), so libFuzzer and the Swift Testing driver both report it with the input.
///
/// This file is compiled twice: into the `ReliabilityTests` test target (the deterministic mutation
/// driver, `FuzzDriverTests`) and by `scripts/fuzz` into a libFuzzer binary together with the decoder
/// and form sources (the script drops the `import AmoCRM`/`WidgetManager` lines: one module there).
enum FuzzTargets {
    /// Every target by the name `scripts/fuzz` and the corpus folders use.
    static let all: [(name: String, run: @Sendable ([UInt8]) -> Void)] = [
        ("widget-page", widgetPage),
        ("widget", widget),
        ("problem", problem),
        ("token-reply", tokenReply),
        ("settings-value", settingsValue),
        ("form", form),
    ]

    /// `GET /api/v4/widgets` page: HAL list of widgets; unreadable items are skipped and counted.
    static func widgetPage(_ bytes: [UInt8]) {
        guard let page = try? HALCollection<Widget>(bytes: bytes, key: "widgets") else { return }
        FuzzCheck.that(page.skipped >= 0, "negative skipped count")
        for w in page.items { checkWidget(w) }
    }

    /// One widget (`GET /api/v4/widgets/{code}`, install reply).
    static func widget(_ bytes: [UInt8]) {
        guard let w = try? JSONDecoder().decode(Widget.self, from: Data(bytes)) else { return }
        checkWidget(w)
    }

    /// What must hold for every decoded widget: masking hides every secret, the `--json` encoding
    /// works and reads back, the rating is a finite number or absent.
    static func checkWidget(_ w: Widget) {
        let masked = w.maskingSecrets()
        for field in w.settingsTemplate where field.type == .pass {
            if case .string(let s)? = w.settings?[field.key], !s.isEmpty {
                FuzzCheck.that(masked.settings?[field.key] == .string(Widget.secretMask), "pass value not masked")
            }
        }
        if let value = w.rating?.value { FuzzCheck.that(value.isFinite, "rating not finite") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(masked) else {
            // Only a non-finite double inside settings may refuse to encode (JSON has no inf/NaN).
            FuzzCheck.that(containsNonFinite(masked.settings.map { JSONValue.object($0) } ?? .null), "widget does not encode")
            return
        }
        guard let back = try? JSONDecoder().decode(Widget.self, from: data) else { FuzzCheck.fail("encoded widget does not decode") }
        FuzzCheck.that(back.code == masked.code && back.id == masked.id, "widget changed on the way back")
        _ = TextSanitizer.clean(w.code)
    }

    /// problem+json bodies through the reply mapper's reader.
    static func problem(_ bytes: [UInt8]) {
        guard let p = try? JSONDecoder().decode(ProblemDetails.self, from: Data(bytes)) else { return }
        for e in p.fieldErrors { _ = e.path.split(separator: "."); _ = TextSanitizer.clean(e.detail) }
        if let data = try? JSONEncoder().encode(p) {
            FuzzCheck.that((try? JSONDecoder().decode(ProblemDetails.self, from: data)) != nil, "problem does not read back")
        }
    }

    /// `POST /oauth2/access_token` replies, then the credential-file shape written and read back.
    static func tokenReply(_ bytes: [UInt8]) {
        guard let pair = try? TokenPair(oauthReply: Data(bytes), receivedAt: Date(timeIntervalSince1970: 1_700_000_000)) else { return }
        FuzzCheck.that(!pair.accessToken.isEmpty && !pair.refreshToken.isEmpty, "empty token accepted")
        FuzzCheck.that(!pair.description.contains(pair.accessToken) || pair.accessToken.count < 4, "description shows the access token")
        _ = pair.expires(within: 60, of: Date(timeIntervalSince1970: 1_700_000_000))
        guard let data = try? JSONEncoder().encode(pair) else { return }
        guard let back = try? JSONDecoder().decode(TokenPair.self, from: data) else { FuzzCheck.fail("credential shape does not read back") }
        FuzzCheck.that(back.accessToken == pair.accessToken && back.refreshToken == pair.refreshToken, "tokens changed in the file")
    }

    /// Widget `settings` values (`JSONValue`): decode, encode, decode gives the same value.
    static func settingsValue(_ bytes: [UInt8]) {
        guard let v = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)) else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(v) else {
            FuzzCheck.that(containsNonFinite(v), "settings value does not encode"); return
        }
        guard let back = try? JSONDecoder().decode(JSONValue.self, from: data) else { FuzzCheck.fail("encoded settings do not decode") }
        FuzzCheck.that(sameValue(back, v), "settings value changed on the way back: \(v) -> \(back)")
        _ = SettingsValues.plainText(v)
        _ = SettingsValues.userValues(v, type: .usersLP)
    }

    /// The settings form: bytes before the first 0x00 are a widget (template + settings, else a
    /// template with every type), the rest is typed into the form key by key (control bytes are
    /// Tab, Backspace, reveal, add a row, submit). Checks: a body is only built when every required
    /// field has a value; the body encodes to JSON; server errors never lose what was typed.
    static func form(_ bytes: [UInt8]) {
        let split = bytes.firstIndex(of: 0) ?? bytes.count
        let widget = (try? JSONDecoder().decode(Widget.self, from: Data(bytes[..<split]))) ?? defaultWidget
        let keys = split < bytes.count ? Array(bytes[(split + 1)...]) : bytes
        let users: UsersAvailability = keys.first.map { $0 % 2 == 0 } ?? true
            ? .loaded([User(id: 7, name: "Ann", email: nil, isAdmin: true, isActive: true),
                       User(id: 8, name: "Bob", email: nil, isAdmin: false, isActive: false)])
            : .unavailable(reason: "403")
        var form = SettingsForm(code: widget.code, template: widget.settingsTemplate, settings: widget.settings,
                                users: users, isReconfigure: false)
        for ch in String(decoding: keys, as: UTF8.self) {
            switch ch {
            case "\u{1}": form.moveFocus(1)
            case "\u{2}": form.moveFocus(-1)
            case "\u{3}": _ = form.edit(.backspace)
            case "\u{4}": form.toggleReveal()
            case "\u{5}": form.addUserRow()
            case "\u{6}": form.updateUsers(.unavailable(reason: "x"))
            case "\u{7}": _ = form.edit(.ctrl("w"))
            case "\u{8}": _ = form.edit(.left)
            case "\u{B}": submit(&form)
            default: _ = form.edit(.char(ch))
            }
        }
        submit(&form)
    }

    static func submit(_ form: inout SettingsForm) {
        let before = form.texts
        guard let body = form.validatedBody() else {
            FuzzCheck.that(form.texts == before, "a failed check changed what was typed")
            let paths = form.fields.map { ($0.key + ".7", "bad") } + [("settings.x.y", "z"), ("", "whole")]
            form.applyServerErrors(paths.map { (path: $0.0, detail: $0.1) })
            FuzzCheck.that(form.texts == before, "server errors changed what was typed")
            return
        }
        for field in form.fields where field.isRequired {
            FuzzCheck.that(body[field.key] != nil, "required field \(field.key) missing from a body that passed the checks")
        }
        FuzzCheck.that((try? JSONEncoder().encode(body)) != nil || containsNonFinite(.object(body)), "install body does not encode")
    }

    static let defaultWidget = Widget(id: 1, code: "fuzz", settingsTemplate: [
        SettingsField(key: "login", name: "Login", type: .text, isRequired: true),
        SettingsField(key: "password", name: "Password", type: .pass, isRequired: true),
        SettingsField(key: "conf", name: "custom", type: .custom, isRequired: false),
        SettingsField(key: "phones", name: "Phones", type: .users, isRequired: false),
        SettingsField(key: "sip", name: "SIP", type: .usersLP, isRequired: true),
        SettingsField(key: "mode", name: "Mode", type: .unknown("select"), isRequired: false),
    ])

    static func containsNonFinite(_ v: JSONValue) -> Bool {
        switch v {
        case .double(let d): !d.isFinite
        case .array(let a): a.contains(where: containsNonFinite)
        case .object(let o): o.values.contains(where: containsNonFinite)
        default: false
        }
    }

    /// Equality that treats a double and an integer of the same value as one number (JSON does).
    static func sameValue(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.integer(let i), .double(let d)), (.double(let d), .integer(let i)): Double(i) == d
        case (.double(let x), .double(let y)): x == y || (x.isNaN && y.isNaN)
        case (.array(let x), .array(let y)): x.count == y.count && zip(x, y).allSatisfy { sameValue($0, $1) }
        case (.object(let x), .object(let y)):
            x.count == y.count && x.allSatisfy { k, v in y[k].map { sameValue(v, $0) } ?? false }
        default: a == b
        }
    }
}

/// Property checks inside fuzz targets: a violation stops the process (libFuzzer saves the input).
enum FuzzCheck {
    static func that(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fail(message()) }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("fuzz property violated: \(message)\n".utf8))
        abort()
    }
}
