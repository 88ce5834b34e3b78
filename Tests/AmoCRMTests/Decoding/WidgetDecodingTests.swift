import Foundation
import Testing
@testable import AmoCRM

@Suite struct WidgetDecodingTests {
    @Test func decodesTheSeedWidgetFixture() throws {
        let w = try JSONDecoder().decode(Widget.self, from: Data(try Fixtures.bytes("widget-amo_dropbox.json")))
        #expect(w.id == 742)
        #expect(w.code == "amo_dropbox")
        #expect(w.version == "0.0.13")
        #expect(w.rating == Rating(raw: "2,8"))
        #expect(w.rating?.value == 2.8)
        #expect(w.rating?.raw == "2,8")
        #expect(w.settingsTemplate == [SettingsField(key: "conf", name: "custom", type: .custom, isRequired: false)])
        #expect(!w.isLeadSource && !w.isWorkWithDP && !w.isCRMTemplate && !w.isActiveInAccount)
        #expect(w.clientUUID == nil)
        #expect(w.pipelineID == nil)
        #expect(w.settings == nil)
        #expect(w.selfLink == "https://example.amocrm.ru/api/v4/widgets/amo_dropbox")
    }

    @Test func decodesTheInstallReplyWithSettings() throws {
        let w = try JSONDecoder().decode(Widget.self, from: Data(try Fixtures.bytes("install-amo_asterisk-response.json")))
        #expect(w.code == "amo_asterisk")
        #expect(w.isActiveInAccount)
        #expect(w.settingsTemplate.map(\.type) == [.text, .pass, .users, .text])
        #expect(w.settingsTemplate.map(\.key) == ["login", "password", "phones", "script_path"])
        #expect(w.settingsTemplate[0].name == "Логин")
        #expect(w.settingsTemplate.allSatisfy { $0.isRequired })
        #expect(w.settings?["login"] == .string("example"))
        #expect(w.settings?["phones"]?["504141"] == .string("1039"))
        let request = try JSONDecoder().decode(JSONValue.self, from: Data(try Fixtures.bytes("install-amo_asterisk-request.json")))
        #expect(JSONValue.object(w.settings ?? [:]) == request)
    }

    @Test func decodesTheListPageFixture() throws {
        let page = try #require(try HALDecoding.widgetPage(
            from: Fixtures.reply(200, try Fixtures.bytes("widgets-list-page.json"), type: "application/hal+json"), requestedPage: 9))
        #expect(page.page == 1)
        #expect(page.widgets.map(\.code) == ["amo_dropbox", "amo_mailchimp"])
        #expect(page.widgets.map(\.rating?.value) == [2.8, 3.4])
        #expect(page.nextLink == "https://example.amocrm.ru/api/v4/widgets?limit=2&page=2")
        #expect(page.selfLink == "https://example.amocrm.ru/api/v4/widgets?limit=2&page=1")
        #expect(page.skipped == 0)
    }

    static let ratings: [(String, Double?, String?)] = [
        (#""2,8""#, 2.8, "2,8"), (#""2.8""#, 2.8, "2.8"), ("2.8", 2.8, "2.8"), ("3", 3, "3"),
        ("null", nil, nil), (#""""#, nil, nil), (#"" 4,25 ""#, 4.25, "4,25"), (#""n/a""#, nil, "n/a"),
        (#""nan""#, nil, "nan"), ("0", 0, "0"), ("true", nil, nil),
    ]

    @Test(arguments: ratings)
    func ratingIsTolerant(json: String, value: Double?, raw: String?) throws {
        let w = try decodeJSON(Widget.self, #"{"id":1,"code":"x","rating":\#(json)}"#)
        #expect(w.rating?.value == value)
        #expect(w.rating?.raw == raw)
    }

    @Test func ratingShowsOneDecimal() {
        #expect(Rating(raw: "2,8").description == "2.8")
        #expect(Rating(raw: "3").description == "3.0")
        #expect(Rating(raw: "n/a").description == "n/a")
    }

    @Test(arguments: [(#""1.1.6""#, "1.1.6"), ("7", "7"), ("2.5", "2.5"), ("null", ""), (#""""#, "")])
    func versionIsStringOrNumber(json: String, expected: String) throws {
        #expect(try decodeJSON(Widget.self, #"{"id":1,"code":"x","version":\#(json)}"#).version == expected)
    }

    @Test func missingOptionalsAreNilAndUnknownFieldsIgnored() throws {
        let w = try decodeJSON(Widget.self, #"{"id":"15","code":"bare","new_field":{"x":[1,2]},"is_active_in_account":1,"pipeline_id":"3412","client_uuid":"c0ffee"}"#)
        #expect(w.id == 15)
        #expect(w.version == "")
        #expect(w.rating == nil)
        #expect(w.settingsTemplate.isEmpty)
        #expect(w.isActiveInAccount)
        #expect(w.pipelineID == 3412)
        #expect(w.clientUUID == "c0ffee")
        #expect(w.selfLink == nil)
        #expect(w.settings == nil)
    }

    @Test func missingCodeOrIdIsAnError() {
        #expect(throws: DecodingError.self) { try decodeJSON(Widget.self, #"{"id":1}"#) }
        #expect(throws: DecodingError.self) { try decodeJSON(Widget.self, #"{"code":"x"}"#) }
    }

    @Test func unknownSettingsTypeIsKeptAndKeylessEntriesDropped() throws {
        let w = try decodeJSON(Widget.self, #"""
            {"id":1,"code":"x","settings_template":[
              {"key":"a","name":"A","type":"users_lp","is_required":"true"},
              {"key":"b","type":"color_picker"},
              {"name":"no key","type":"text"}, 5]}
            """#)
        #expect(w.settingsTemplate == [
            SettingsField(key: "a", name: "A", type: .usersLP, isRequired: true),
            SettingsField(key: "b", name: "b", type: .unknown("color_picker"), isRequired: false),
        ])
    }

    @Test(arguments: ["text", "pass", "users", "users_lp", "custom", "weird"])
    func settingsFieldTypeRoundTrips(raw: String) throws {
        let field = try decodeJSON(SettingsField.self, #"{"key":"k","name":"n","type":"\#(raw)","is_required":true}"#)
        #expect(field.type.rawValue == raw)
        let again = try JSONDecoder().decode(SettingsField.self, from: JSONEncoder().encode(field))
        #expect(again == field)
        #expect((field.type == .unknown(raw)) == (raw == "weird"))
    }

    @Test func unreadableWidgetsAreSkippedNotFatal() throws {
        let text = #"{"_page":2,"_links":{},"_embedded":{"widgets":[{"id":1,"code":"a"},{"id":2},"junk",{"id":3,"code":"c"}]}}"#
        let page = try #require(try HALDecoding.widgetPage(from: Fixtures.reply(200, text), requestedPage: 2))
        #expect(page.widgets.map(\.code) == ["a", "c"])
        #expect(page.skipped == 2)
        #expect(page.nextLink == nil)
    }

    @Test func pageWithoutEmbeddedIsEmptyAndMissingPageNumberIsTheRequestedOne() throws {
        let page = try #require(try HALDecoding.widgetPage(from: Fixtures.reply(200, "{}"), requestedPage: 4))
        #expect(page.page == 4)
        #expect(page.widgets.isEmpty)
    }

    @Test func widgetEncodesTheAPIShapeAndRoundTrips() throws {
        let w = try JSONDecoder().decode(Widget.self, from: Data(try Fixtures.bytes("install-amo_asterisk-response.json")))
        let again = try JSONDecoder().decode(Widget.self, from: JSONEncoder().encode(w))
        #expect(again == w)
    }

    @Test func maskingHidesPassAndUsersLPPasswords() throws {
        let w = Widget(id: 1, code: "x", settingsTemplate: [
            SettingsField(key: "login", name: "L", type: .text, isRequired: true),
            SettingsField(key: "password", name: "P", type: .pass, isRequired: true),
            SettingsField(key: "lp", name: "LP", type: .usersLP, isRequired: false),
        ], settings: ["login": "example", "password": "eXaMp1E",
                      "lp": ["504141": ["login": "op1", "password": "s3cret"]]])
        let masked = w.maskingSecrets()
        #expect(masked.settings?["login"] == .string("example"))
        #expect(masked.settings?["password"] == .string(Widget.secretMask))
        #expect(masked.settings?["lp"]?["504141"]?["login"] == .string("op1"))
        #expect(masked.settings?["lp"]?["504141"]?["password"] == .string(Widget.secretMask))
        let text = String(decoding: try JSONEncoder().encode(masked), as: UTF8.self)
        #expect(!text.contains("eXaMp1E") && !text.contains("s3cret"))
    }
}
