// POST and DELETE /api/v4/widgets/{code}: rights, body checks, the round trip, reinstall.
import AmoSandbox
import Foundation
import Testing

@Suite struct InstallTests {
    @Test func installingAsteriskEchoesTheFixtureResponse() async throws {
        try await withSandbox { s in
            let r = try await s.send(.POST, "/api/v4/widgets/amo_asterisk", body: try fixture("install-amo_asterisk-request.json"))
            #expect(r.status == 200)
            #expect(r.contentType.hasPrefix("application/json"))
            let expected = try fixture("install-amo_asterisk-response.json").replacingOccurrences(of: "https://example.amocrm.ru", with: s.baseURL)
            #expect(canonical(r.object) == canonical(foundationJSON(expected) ?? "-"))
            #expect(s.installedCodes.contains("amo_asterisk"))
            #expect(s.installedSettings(code: "amo_asterisk")?["password"]?.stringValue == "eXaMp1E")
            // GET now shows it installed, without settings for the admin token.
            let get = try await s.send(.GET, "/api/v4/widgets/amo_asterisk")
            #expect(get.object["is_active_in_account"] as? Bool == true)
            #expect(get.object["settings"] == nil)
        }
    }

    @Test func integerExtensionsAreAccepted() async throws {
        try await withSandbox { s in
            let body = #"{"login":"a","password":"b","phones":{"504141":459,"504143":"1040"},"script_path":"x"}"#
            let r = try await s.send(.POST, "/api/v4/widgets/amo_asterisk", body: body)
            #expect(r.status == 200)
            #expect(((r.object["settings"] as? [String: Any])?["phones"] as? [String: Any])?["504141"] as? Int == 459)
        }
    }

    @Test func reinstallReplacesSettingsAndUninstallRemovesThem() async throws {
        try await withSandbox { s in
            let first = #"{"login":"one","password":"p1","phones":{"504141":"1"},"script_path":"a"}"#
            let second = #"{"login":"two","password":"p2","phones":{"504143":"2"},"script_path":"b"}"#
            let r1 = try await s.send(.POST, "/api/v4/widgets/amo_asterisk", body: first)
            #expect(r1.status == 200)
            let again = try await s.send(.POST, "/api/v4/widgets/amo_asterisk", body: second)
            #expect(again.status == 200)
            #expect((again.object["settings"] as? [String: Any])?["login"] as? String == "two")
            #expect(s.installedSettings(code: "amo_asterisk")?["phones"]?["504141"] == nil)
            #expect(s.installedSettings(code: "amo_asterisk")?["login"]?.stringValue == "two")

            let delete = try await s.send(.DELETE, "/api/v4/widgets/amo_asterisk")
            #expect(delete.status == 204)
            #expect(delete.body.isEmpty)
            #expect(isRequestID(delete.requestID))
            #expect(s.installedSettings(code: "amo_asterisk") == nil)
            let get = try await s.send(.GET, "/api/v4/widgets/amo_asterisk")
            #expect(get.object["is_active_in_account"] as? Bool == false)
            // A second uninstall: not installed -> 404.
            let twice = try await s.send(.DELETE, "/api/v4/widgets/amo_asterisk")
            #expect(twice.status == 404)
            #expect(twice.contentType.hasPrefix("application/problem+json"))
            // And it can be installed again.
            let r2 = try await s.send(.POST, "/api/v4/widgets/amo_asterisk", body: first)
            #expect(r2.status == 200)
        }
    }

    @Test func leadSourceKeepsItsPipelineAcrossReinstall() async throws {
        try await withSandbox { s in
            // calltracking_export: an installed lead source in pipeline 7001002 (catalogue).
            #expect(s.installedPipelineID(code: "calltracking_export") == 7001002)
            let r = try await s.send(.POST, "/api/v4/widgets/calltracking_export", body: #"{"credentials":{}}"#)
            #expect(r.status == 200)
            #expect(r.object["pipeline_id"] as? Int == 7001002)
        }
    }

    @Test func plainUserGets403OnInstallAndUninstall() async throws {
        try await withSandbox { s in
            let post = try await s.send(.POST, "/api/v4/widgets/amo_dropbox", token: SandboxTokens.user, body: "{}")
            #expect(post.status == 403)
            #expect(post.contentType.hasPrefix("application/problem+json"))
            #expect(post.object["status"] as? Int == 403)
            let installed = try #require(s.installedCodes.first)
            let delete = try await s.send(.DELETE, "/api/v4/widgets/\(installed)", token: SandboxTokens.user)
            #expect(delete.status == 403)
            #expect(s.installedCodes.contains(installed))
        }
    }

    @Test func unknownWidgetIs404ForInstallAndUninstall() async throws {
        try await withSandbox { s in
            let r3 = try await s.send(.POST, "/api/v4/widgets/nope", body: "{}")
            #expect(r3.status == 404)
            let r4 = try await s.send(.DELETE, "/api/v4/widgets/nope")
            #expect(r4.status == 404)
        }
    }

    @Test(arguments: ["", "not json", "[1,2]", "\"text\"", "{\"a\":1,}", "{\"a\":\"\u{1}\"}", "null"])
    func bodyThatIsNotAJSONObjectIs400(_ body: String) async throws {
        try await withSandbox { s in
            let r = try await s.send(.POST, "/api/v4/widgets/amo_dropbox", body: body)
            #expect(r.status == 400)
            #expect(r.contentType.hasPrefix("application/problem+json"))
            #expect(r.object["validation-errors"] == nil)
            #expect(!s.installedCodes.contains("amo_dropbox"))
        }
    }

    @Test func customFieldTakesAnyJSON() async throws {
        try await withSandbox { s in
            let r = try await s.send(.POST, "/api/v4/widgets/amo_dropbox", body: #"{"conf":[1,{"deep":[true,null,2.5]}]}"#)
            #expect(r.status == 200)
            #expect(canonical((r.object["settings"] as? [String: Any])?["conf"] ?? "") == #"[1,{"deep":[true,null,2.5]}]"#)
        }
    }

    @Test func hostileBodiesGetClearAnswers() async throws {
        try await withSandbox { s in
            let huge = "{\"conf\":\"" + String(repeating: "x", count: 2 << 20) + "\"}"
            let tooLarge = try await s.send(.POST, "/api/v4/widgets/amo_dropbox", body: huge)
            #expect(tooLarge.status == 413)
            #expect(tooLarge.contentType.hasPrefix("application/problem+json"))
            #expect(isRequestID(tooLarge.requestID))
            let deep = try await s.send(.POST, "/api/v4/widgets/amo_dropbox", body: String(repeating: "[", count: 100_000))
            #expect(deep.status == 400)
            let invalidUTF8 = try await s.send(.POST, "/api/v4/widgets/amo_dropbox", body: "{\"conf\":\"\u{FFFD}\"}")
            #expect(invalidUTF8.status == 200, "U+FFFD itself is fine")
            #expect(s.installedSettings(code: "amo_dropbox")?["conf"]?.stringValue == "\u{FFFD}")
            let encoded = try await s.send(.GET, "/api/v4/widgets/amo%5Fdropbox")
            #expect(encoded.object["code"] as? String == "amo_dropbox", "percent-encoded codes are decoded")
        }
    }
}
