// Install validation per settings field type: 400 `validation-errors` with the key as path.
import AmoSandbox
import Foundation
import Testing

/// The errors of a 400 validation answer as (path, code).
func validationErrors(_ r: Reply) -> [(path: String, code: String)] {
    let groups = r.object["validation-errors"] as? [[String: Any]] ?? []
    return groups.flatMap { $0["errors"] as? [[String: Any]] ?? [] }.map {
        ($0["path"] as? String ?? "", $0["code"] as? String ?? "")
    }
}

@Suite struct ValidationTests {
    static let valid = #"{"login":"a","password":"b","phones":{"504141":"1039"},"script_path":"c"}"#

    struct Case: Sendable, CustomStringConvertible {
        let body: String
        let errors: [String]   // "path code"
        var description: String { body }
    }

    static let asteriskCases: [Case] = [
        Case(body: "{}", errors: ["login NotBlank", "password NotBlank", "phones NotBlank", "script_path NotBlank"]),
        Case(body: #"{"login":"","password":"b","phones":{"504141":"1"},"script_path":"c"}"#, errors: ["login NotBlank"]),
        Case(body: #"{"login":"a","password":null,"phones":{"504141":"1"},"script_path":"c"}"#, errors: ["password NotBlank"]),
        Case(body: #"{"login":5,"password":"b","phones":{"504141":"1"},"script_path":"c"}"#, errors: ["login InvalidType"]),
        Case(body: #"{"login":"a","password":["b"],"phones":{"504141":"1"},"script_path":"c"}"#, errors: ["password InvalidType"]),
        Case(body: #"{"login":"a","password":"b","phones":{},"script_path":"c"}"#, errors: ["phones NotBlank"]),
        Case(body: #"{"login":"a","password":"b","phones":"1039","script_path":"c"}"#, errors: ["phones InvalidType"]),
        Case(body: #"{"login":"a","password":"b","phones":{"999":"1"},"script_path":"c"}"#, errors: ["phones.999 UnknownUser"]),
        Case(body: #"{"login":"a","password":"b","phones":{"abc":"1"},"script_path":"c"}"#, errors: ["phones.abc UnknownUser"]),
        Case(body: #"{"login":"a","password":"b","phones":{"504141":1.5},"script_path":"c"}"#, errors: ["phones.504141 InvalidType"]),
        Case(body: #"{"login":"a","password":"b","phones":{"504141":{"x":1}},"script_path":"c"}"#, errors: ["phones.504141 InvalidType"]),
        Case(body: #"{"login":"a","password":"b","phones":{"504141":"1","504143":true},"script_path":"c"}"#, errors: ["phones.504143 InvalidType"]),
    ]

    @Test(arguments: asteriskCases)
    func asteriskViolations(_ c: Case) async throws {
        try await withSandbox { s in
            let r = try await s.send(.POST, "/api/v4/widgets/amo_asterisk", body: c.body)
            #expect(r.status == 400)
            #expect(r.contentType.hasPrefix("application/problem+json"))
            #expect(r.object["detail"] as? String == "Request validation failed")
            #expect(r.object["title"] as? String == "Bad Request")
            #expect(validationErrors(r).map { "\($0.path) \($0.code)" } == c.errors)
            let details = (r.object["validation-errors"] as? [[String: Any]])?.first?["errors"] as? [[String: Any]] ?? []
            #expect(details.allSatisfy { !($0["detail"] as? String ?? "").isEmpty })
            #expect(s.installedSettings(code: "amo_asterisk") == nil, "nothing installed")
        }
    }

    /// The first catalogue widget whose only field has this type and requiredness.
    func singleFieldWidget(_ s: RunningSandbox, type: String) async throws -> (code: String, key: String) {
        let page = try await s.send(.GET, "/api/v4/widgets?limit=250")
        let widgets = (page.object["_embedded"] as? [String: Any])?["widgets"] as? [[String: Any]] ?? []
        let w = try #require(widgets.first { w in
            let f = w["settings_template"] as? [[String: Any]] ?? []
            return f.count == 1 && f[0]["type"] as? String == type && f[0]["is_required"] as? Bool == true
        })
        let key = ((w["settings_template"] as? [[String: Any]])?.first?["key"] as? String) ?? ""
        return (w["code"] as? String ?? "", key)
    }

    @Test func usersLoginPasswordEntriesAreChecked() async throws {
        try await withSandbox { s in
            let (code, key) = try await singleFieldWidget(s, type: "users_lp")
            let bad = try await s.send(.POST, "/api/v4/widgets/\(code)",
                                       body: #"{"\#(key)":{"504141":{"login":"a"},"504143":"x","1":{"login":"a","password":"b"}}}"#)
            #expect(bad.status == 400)
            #expect(Set(validationErrors(bad).map { "\($0.path) \($0.code)" }) == ["\(key).504141 InvalidType", "\(key).504143 InvalidType", "\(key).1 UnknownUser"])
            let notObject = try await s.send(.POST, "/api/v4/widgets/\(code)", body: #"{"\#(key)":[1]}"#)
            #expect(validationErrors(notObject).map(\.code) == ["InvalidType"])
            let good = try await s.send(.POST, "/api/v4/widgets/\(code)", body: #"{"\#(key)":{"504141":{"login":"a","password":"b"}}}"#)
            #expect(good.status == 200)
            #expect(s.installedSettings(code: code)?[key]?["504141"]?["password"]?.stringValue == "b")
        }
    }

    @Test func requiredPassMustBeANonEmptyString() async throws {
        try await withSandbox { s in
            let (code, key) = try await singleFieldWidget(s, type: "pass")
            let blank = try await s.send(.POST, "/api/v4/widgets/\(code)", body: #"{"\#(key)":"  "}"#)
            #expect(validationErrors(blank).map { "\($0.path) \($0.code)" } == ["\(key) NotBlank"])
            let number = try await s.send(.POST, "/api/v4/widgets/\(code)", body: #"{"\#(key)":12345}"#)
            #expect(validationErrors(number).map { "\($0.path) \($0.code)" } == ["\(key) InvalidType"])
        }
    }

    @Test func requiredCustomAcceptsAnythingButNothing() async throws {
        try await withSandbox { s in
            let (code, key) = try await singleFieldWidget(s, type: "custom")
            let v123 = try await s.send(.POST, "/api/v4/widgets/\(code)", body: "{}")
            #expect(validationErrors(v123).map(\.path) == [key])
            let r1 = try await s.send(.POST, "/api/v4/widgets/\(code)", body: #"{"\#(key)":42}"#)
            #expect(r1.status == 200)
        }
    }

    @Test func optionalFieldsMayBeLeftOutAndWidgetsWithoutFieldsTakeAnEmptyObject() async throws {
        try await withSandbox { s in
            let page = try await s.send(.GET, "/api/v4/widgets?limit=250")
            let widgets = (page.object["_embedded"] as? [String: Any])?["widgets"] as? [[String: Any]] ?? []
            let optional = try #require(widgets.first { w in
                let f = w["settings_template"] as? [[String: Any]] ?? []
                return !f.isEmpty && f.allSatisfy { $0["is_required"] as? Bool == false } && w["is_active_in_account"] as? Bool == false
            })
            let r2 = try await s.send(.POST, "/api/v4/widgets/\(optional["code"] as? String ?? "")", body: "{}")
            #expect(r2.status == 200)
            let empty = try #require(widgets.first { ($0["settings_template"] as? [Any])?.isEmpty == true && $0["is_active_in_account"] as? Bool == false })
            let r = try await s.send(.POST, "/api/v4/widgets/\(empty["code"] as? String ?? "")", body: "{}")
            #expect(r.status == 200)
            #expect(r.object["is_active_in_account"] as? Bool == true)
        }
    }

    @Test func theValidSeedBodyPasses() async throws {
        try await withSandbox { s in
            let r3 = try await s.send(.POST, "/api/v4/widgets/amo_asterisk", body: Self.valid)
            #expect(r3.status == 200)
        }
    }
}
