import Foundation
import Testing
@testable import AmoCRM

@Suite struct ReplyMapperTests {
    /// Every error fixture maps to the case a UI acts on, with the server's texts and the request id.
    static let errorFixtures: [(String, Int)] = [
        ("error-400-plain.json", 400), ("error-400-validation.json", 400), ("error-401.json", 401),
        ("error-401-oauth-revoked.json", 401), ("error-403-scope.json", 403), ("error-403-blocked.html", 403),
        ("error-404.json", 404), ("error-429.html", 429), ("error-500.json", 500),
    ]

    @Test(arguments: errorFixtures)
    func mapsErrorFixture(name: String, status: Int) throws {
        let html = name.hasSuffix(".html")
        let reply = Fixtures.reply(status, try Fixtures.bytes(name), type: html ? "text/html" : "application/problem+json")
        let error = ReplyMapper.error(for: reply, endpoint: "GET /api/v4/widgets")
        #expect(error.status == status)
        #expect(error.requestID == "0123456789abcdef0123456789abcdef")
        #expect(error.message.contains("[request 0123456789abcdef0123456789abcdef]"))
        #expect(error.message.contains("GET /api/v4/widgets"))
        #expect(!error.message.contains("\n"))
        switch (name, error) {
        case ("error-400-plain.json", .badRequest(let c)):
            #expect(c.detail?.hasPrefix("Код ошибки 244") == true)
            #expect(error.message.contains("Код ошибки 244"))
        case ("error-400-validation.json", .validation(let fields, let c)):
            #expect(fields == [FieldError(path: "custom_fields_values.0.field_id", code: "NotSupportedChoice",
                                          detail: "The value you selected is not a valid choice.")])
            #expect(c.detail == "Request validation failed")
            #expect(error.message.contains("custom_fields_values.0.field_id"))
        case ("error-401.json", .unauthorized(let c)):
            #expect(c.detail == "Неверный логин или пароль")
            #expect(!error.isRevokedToken)
        case ("error-401-oauth-revoked.json", .unauthorized(let c)):
            #expect(c.hint == "Token has been revoked")
            #expect(error.isRevokedToken)
            #expect(error.message.hasPrefix("Token revoked (401)"))
        case ("error-403-scope.json", .forbidden(.scope, let c)):
            #expect(c.detail == "Invalid scope")
        case ("error-403-blocked.html", .forbidden(.blocked, let c)):
            #expect(c.title == "403 Forbidden")
            #expect(error.message.hasPrefix("API blocked (403)"))
        case ("error-404.json", .notFound(let c)):
            #expect(c.detail == "Widget not found")
        case ("error-429.html", .rateLimited(let c)):
            #expect(c.title == "429 Too Many Requests")
        case ("error-500.json", .server(let c)):
            #expect(c.detail == "An unknown error occurred.")
        default:
            Issue.record("\(name) mapped to \(error)")
        }
    }

    @Test func everyFixtureFileIsCovered() throws {
        let covered = Set(Self.errorFixtures.map(\.0)).union([
            "widget-amo_dropbox.json", "widgets-list-page.json", "install-amo_asterisk-request.json",
            "install-amo_asterisk-response.json", "oauth-token-response.json",
        ])
        #expect(Set(try Fixtures.all()) == covered)
    }

    @Test func html403WithoutContentTypeIsStillBlockedAndJSON403IsScope() {
        let page = "\n  <html><body>blocked</body></html>"
        #expect(ReplyMapper.error(for: Fixtures.reply(403, page, type: nil)) == .forbidden(.blocked, ErrorContext(status: 403, requestID: Fixtures.requestID)))
        guard case .forbidden(.scope, let c) = ReplyMapper.error(for: Fixtures.reply(403, #"{"detail":"Only admins"}"#, type: "application/json")) else {
            Issue.record("problem+json 403 must be .scope"); return
        }
        #expect(c.detail == "Only admins")
    }

    @Test func htmlAndEmptyBodiesMapByStatus() {
        #expect(ReplyMapper.error(for: Fixtures.reply(429, "", type: nil)) == .rateLimited(ErrorContext(status: 429, requestID: Fixtures.requestID)))
        #expect(ReplyMapper.error(for: Fixtures.reply(502, "<html><title>502 Bad Gateway</title></html>", type: "text/html"))
                == .server(ErrorContext(status: 502, requestID: Fixtures.requestID, title: "502 Bad Gateway")))
        #expect(ReplyMapper.error(for: Fixtures.reply(402, #"{"title":"Payment Required"}"#)).message.hasPrefix("Payment required (402)"))
        #expect(ReplyMapper.error(for: Fixtures.reply(405, "nope", type: "text/plain")) == .badRequest(ErrorContext(status: 405, requestID: Fixtures.requestID)))
        #expect(ReplyMapper.error(for: Fixtures.reply(400, "{\"title\":\"Bad", type: nil)) == .badRequest(ErrorContext(status: 400, requestID: Fixtures.requestID)))
    }

    @Test func noContentIsNotAnError() throws {
        let page = try HALDecoding.widgetPage(from: Fixtures.reply(204, "", type: nil), requestedPage: 3)
        #expect(page == nil)
        #expect(amoError { try ReplyMapper.expectSuccess(Fixtures.reply(204, "", type: nil)) } == nil)
    }

    static let badBodies: [(String, String?, String)] = [
        ("", "application/hal+json", "empty body"),
        ("  \n", nil, "empty body"),
        ("<html><body>Maintenance</body></html>", "text/html", "an HTML page instead of JSON"),
        ("<!DOCTYPE html><html>", nil, "an HTML page instead of JSON"),
        (#"{"_page":1,"_embedded":{"widgets":[{"id":1,"co"#, "application/hal+json", "truncated or malformed JSON"),
        ("Service Unavailable", "text/plain", "truncated or malformed JSON"),
        ("[1,2,3]", "application/json", "not the expected JSON shape"),
    ]

    @Test(arguments: badBodies)
    func unreadableSuccessBodiesAreUnexpectedBody(body: String, type: String?, reason: String) {
        let error = amoError { try HALDecoding.widgetPage(from: Fixtures.reply(200, body, type: type), requestedPage: 1) }
        guard case .unexpectedBody(let what, let c)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(what.reason == reason)
        #expect(what.contentType == type)
        #expect(c.status == 200)
        #expect(what.snippet.count <= 120)
    }

    @Test func missingRequiredFieldIsNamed() {
        let error = amoError { try ReplyMapper.decode(Widget.self, from: Fixtures.reply(200, #"{"id":5}"#)) }
        guard case .unexpectedBody(let what, _)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(what.reason == "missing field code")
    }

    @Test func invalidUTF8AndControlCharactersNeverReachTheMessage() {
        let body: [UInt8] = [0xFF, 0xFE] + Array("oops\u{1B}[2J\r\nmore".utf8)
        let error = amoError { try ReplyMapper.decode(Widget.self, from: Fixtures.reply(200, body, type: "text/plain")) }
        let message = error?.message ?? ""
        #expect(message.contains("oops"))
        #expect(!message.contains("\u{1B}") && !message.contains("\n") && !message.contains("\r"))
    }

    @Test func redirectIsUnexpected() {
        var reply = Fixtures.reply(302, "", type: nil)
        reply.headers.add(name: "Location", value: "https://www.amocrm.ru/")
        guard case .unexpectedBody(let what, _) = ReplyMapper.error(for: reply) else { Issue.record("302"); return }
        #expect(what.reason == "redirect to https://www.amocrm.ru/")
    }

    @Test func tokensAreRedactedFromMessages() {
        let secret = "def50200a1b2c3d4e5f6"
        let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjE3MDB9.c2lnbmF0dXJl"
        let body = #"{"title":"Bad \#(jwt)","detail":"token \#(secret) Bearer abc.def rejected","hint":"{\"refresh_token\":\"zzz-secret\"}"}"#
        let error = ReplyMapper.error(for: Fixtures.reply(401, body), secrets: [secret])
        for text in [error.message, error.description, String(describing: error.context)] {
            #expect(!text.contains(secret) && !text.contains(jwt) && !text.contains("abc.def") && !text.contains("zzz-secret"), "\(text)")
        }
        #expect(error.message.contains(Redactor.placeholder))
    }

    @Test func messagesOfOtherCases() {
        #expect(AmoError.cancelled.message == "Cancelled")
        #expect(AmoError.transport(.timeout, ErrorContext(endpoint: "GET /api/v4/account")).message
                == "Network error: timed out — GET /api/v4/account")
        let many = (1...4).map { FieldError(path: "f\($0)", code: "NotBlank", detail: "") }
        #expect(AmoError.validation(many, ErrorContext(status: 400, requestID: Fixtures.requestID)).message == "Invalid settings (400): f1: NotBlank; f2: NotBlank; +2 more [request 0123456789abcdef0123456789abcdef]")
    }
}
