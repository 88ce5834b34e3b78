import Testing
@testable import AmoCRM

@Suite struct BaseURLTests {
    @Test(arguments: [
        ("https://example.amocrm.ru", "https://example.amocrm.ru"),
        ("https://Example.Kommo.com/", "https://example.kommo.com"),
        ("example.amocrm.com", "https://example.amocrm.com"),
        ("example", "https://example.amocrm.ru"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://localhost:9", "http://localhost:9"),
        ("http://[::1]:4000", "http://[::1]:4000"),
        ("  https://api-b.amocrm.ru  ", "https://api-b.amocrm.ru"),
    ])
    func acceptsServiceHostsAndLoopback(input: String, expected: String) throws {
        #expect(try BaseURL(parsing: input).description == expected)
    }

    @Test(arguments: [
        ("http://example.amocrm.ru", "plain http"),
        ("http://10.0.0.5:8080", "plain http"),
        ("http://127.0.0.1.evil.com", "plain http"),
        ("ftp://example.amocrm.ru", "scheme"),
        ("https://user:pw@example.amocrm.ru", "user or password"),
        ("https://example.amocrm.ru/api/v4", "no path"),
        ("https://example.amocrm.ru?x=1", "no path"),
        ("", "empty"),
        ("https://", "not a URL"),
    ])
    func refusesWithAClearMessage(input: String, fragment: String) {
        do {
            _ = try BaseURL(parsing: input)
            Issue.record("accepted \(input)")
        } catch {
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test func subdomainConstructor() throws {
        #expect(try BaseURL(subdomain: "Shop-1", domain: "kommo.com").description == "https://shop-1.kommo.com")
        #expect(throws: AmoError.self) { try BaseURL(subdomain: "a.b") }
        #expect(throws: AmoError.self) { try BaseURL(subdomain: "shop", domain: "evil.com") }
    }

    @Test func nextLinksAreReducedToPathAndQuery() {
        #expect(BaseURL.pathAndQuery(of: "https://evil.example/api/v4/widgets?limit=2&page=2") == "/api/v4/widgets?limit=2&page=2")
        #expect(BaseURL.pathAndQuery(of: "/api/v4/users?page=3") == "/api/v4/users?page=3")
        #expect(BaseURL.pathAndQuery(of: "not a link") == nil)
    }

    @Test func widgetCodesArePercentEncoded() throws {
        #expect(try AmoClient.widgetPath("amo_asterisk") == "/api/v4/widgets/amo_asterisk")
        #expect(try AmoClient.widgetPath("a/../b c") == "/api/v4/widgets/a%2F..%2Fb%20c")
        #expect(throws: AmoError.self) { try AmoClient.widgetPath("") }
    }
}
