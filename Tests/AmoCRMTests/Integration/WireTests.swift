import Foundation
import Testing
@testable import AmoCRM

/// What goes over the wire, checked against a raw HTTP peer.
@Suite struct WireTests {
    static func reply(_ status: String, _ headers: [String], _ body: String) -> String {
        (["HTTP/1.1 \(status)", "Content-Length: \(body.utf8.count)", "Connection: close"] + headers).joined(separator: "\r\n")
            + "\r\n\r\n" + body
    }

    @Test func sendsUserAgentAcceptAndBearerButNoSecretsElsewhere() async throws {
        let server = try RawHTTPServer(reply: Self.reply("200 OK", ["Content-Type: application/hal+json"],
                                                         #"{"id":1,"name":"n","subdomain":"s","current_user_id":7}"#))
        defer { server.stop() }
        var config = AmoClientConfiguration(baseURL: try BaseURL(parsing: server.baseURL), credentials: .longLivedToken("wire-token-123"))
        config.version = "9.8.7"
        let account = try await AmoClient.withClient(config) { try await $0.account() }
        #expect(account.currentUserID == 7)
        let head = try #require(server.requests.first).lowercased()
        #expect(head.hasPrefix("get /api/v4/account http/1.1\r\n"))
        #expect(head.contains("\r\nuser-agent: amowidgets/9.8.7\r\n"))
        #expect(head.contains("\r\naccept: application/hal+json, application/problem+json\r\n"))
        #expect(head.contains("\r\nauthorization: bearer wire-token-123\r\n"))
    }

    @Test func installSendsJSONBody() async throws {
        let server = try RawHTTPServer(reply: Self.reply("200 OK", ["Content-Type: application/hal+json"], #"{"id":5,"code":"w","settings":{"a":"b"}}"#))
        defer { server.stop() }
        let config = AmoClientConfiguration(baseURL: try BaseURL(parsing: server.baseURL), credentials: .longLivedToken("t0k3n"))
        let widget = try await AmoClient.withClient(config) { try await $0.install(code: "w", settings: ["a": "b"]) }
        #expect(widget.settings == ["a": "b"])
        let request = try #require(server.requests.first)
        #expect(request.hasPrefix("POST /api/v4/widgets/w HTTP/1.1\r\n"))
        #expect(request.lowercased().contains("\r\ncontent-type: application/json\r\n"))
    }

    @Test func redirectsAreNotFollowed() async throws {
        let server = try RawHTTPServer(reply: Self.reply("302 Found", ["Location: https://elsewhere.example/steal"], ""))
        defer { server.stop() }
        let config = AmoClientConfiguration(baseURL: try BaseURL(parsing: server.baseURL), credentials: .longLivedToken("t0k3n"))
        let error = try await AmoClient.withClient(config) { client in await amoError { try await client.account() } }
        guard case .unexpectedBody(let body, let c)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(body.reason == "redirect to https://elsewhere.example/steal")
        #expect(c.status == 302)
        #expect(server.requests.count == 1)
    }

    @Test func htmlPageWithStatus200IsUnexpected() async throws {
        let server = try RawHTTPServer(reply: Self.reply("200 OK", ["Content-Type: text/html", "X-Request-Id: abc123"], "<html><body>Captive portal</body></html>"))
        defer { server.stop() }
        let config = AmoClientConfiguration(baseURL: try BaseURL(parsing: server.baseURL), credentials: .longLivedToken("t0k3n"))
        let error = try await AmoClient.withClient(config) { client in await amoError { try await client.widgetsPage(page: 1) } }
        guard case .unexpectedBody(let body, let c)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(body.reason == "an HTML page instead of JSON")
        #expect(body.snippet.contains("Captive portal"))
        #expect(c.requestID == "abc123")
        #expect(error?.message.contains("[request abc123]") == true)
    }

    @Test func connectionClosedWithoutReplyIsReset() async throws {
        let server = try RawHTTPServer(reply: "")
        defer { server.stop() }
        var config = AmoClientConfiguration(baseURL: try BaseURL(parsing: server.baseURL), credentials: .longLivedToken("t0k3n"))
        config.backoffStart = .milliseconds(10)
        let error = try await AmoClient.withClient(config) { client in await amoError { try await client.account() } }
        guard case .transport(.connectionReset, _)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(server.requests.count == 4)  // a GET: the first attempt and three retries
    }
}
