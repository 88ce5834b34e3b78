import Foundation
import Testing
@testable import AmoCRM

@Suite struct ModelDecodingTests {
    @Test func decodesUsersPage() throws {
        let text = #"""
            {"_total_items":2,"_page":1,"_links":{"self":{"href":"/api/v4/users?page=1"}},"_embedded":{"users":[
              {"id":504141,"name":"Иван Петров","email":"ivan@example.com","lang":"ru","rights":{"is_admin":true,"is_active":true,"leads":{"view":"A"}}},
              {"id":"504142","name":"Op","email":null,"rights":{"is_admin":false,"is_active":false}},
              {"id":504143}]}}
            """#
        let hal = try #require(try HALDecoding.list(User.self, key: "users", from: Fixtures.reply(200, text), endpoint: nil, secrets: []))
        #expect(hal.items == [
            User(id: 504141, name: "Иван Петров", email: "ivan@example.com", lang: "ru", isAdmin: true, isActive: true),
            User(id: 504142, name: "Op", email: nil, lang: nil, isAdmin: false, isActive: false),
            User(id: 504143, name: "", email: nil, lang: nil, isAdmin: false, isActive: true),
        ])
    }

    @Test func decodesAccount() throws {
        let a = try decodeJSON(Account.self, #"{"id":29810,"name":"Пример","subdomain":"example","current_user_id":504141,"currency":"RUB","_links":{}}"#)
        #expect(a == Account(id: 29810, name: "Пример", subdomain: "example", currentUserID: 504141))
    }

    @Test func decodesPipelines() throws {
        let text = #"{"_embedded":{"pipelines":[{"id":3412,"name":"Воронка","is_main":true,"is_archive":false,"sort":1},{"id":3413,"name":"Old","is_archive":true}]}}"#
        let hal = try #require(try HALDecoding.list(Pipeline.self, key: "pipelines", from: Fixtures.reply(200, text), endpoint: nil, secrets: []))
        #expect(hal.items == [Pipeline(id: 3412, name: "Воронка", isMain: true, isArchive: false),
                              Pipeline(id: 3413, name: "Old", isMain: false, isArchive: true)])
    }

    @Test func decodesTokenReplyFixture() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let pair = try TokenPair(oauthReply: Data(try Fixtures.bytes("oauth-token-response.json")), receivedAt: now)
        #expect(pair.accessToken == "<jwt>")
        #expect(pair.refreshToken == "<opaque>")
        #expect(pair.tokenType == "Bearer")
        #expect(pair.expiresAt == now.addingTimeInterval(86400))
        #expect(pair.expires(within: 60, of: now.addingTimeInterval(86400 - 30)))
        #expect(!pair.expires(within: 60, of: now))
    }

    @Test func tokenReplyWithoutTokensIsRefused() {
        #expect(throws: DecodingError.self) {
            try TokenPair(oauthReply: Data(#"{"token_type":"Bearer","expires_in":86400}"#.utf8), receivedAt: Date())
        }
    }

    @Test func tokenPairNeverPrintsTokens() throws {
        let pair = TokenPair(accessToken: "eyJhbGciOi.payload.sig-ACCESS", refreshToken: "def50200REFRESH", expiresAt: Date(timeIntervalSince1970: 1_800_000_000))
        var dumped = ""
        dump(pair, to: &dumped)
        for text in [pair.description, pair.debugDescription, "\(pair)", String(reflecting: pair), dumped] {
            #expect(!text.contains("ACCESS") && !text.contains("REFRESH"), "\(text)")
        }
        let again = try JSONDecoder().decode(TokenPair.self, from: JSONEncoder().encode(pair))
        #expect(again == pair)
    }

    @Test func readsJWTExpiryWithoutVerification() throws {
        func b64(_ s: String) -> String {
            Data(s.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        }
        let token = b64(#"{"alg":"RS256"}"#) + "." + b64(#"{"exp":1893456000,"api_domain":"api-b.amocrm.ru","sub":"ü?>"}"#) + ".sig"
        #expect(JWT.expiry(of: token) == Date(timeIntervalSince1970: 1_893_456_000))
        #expect(JWT.claims(of: token)?["api_domain"] == .string("api-b.amocrm.ru"))
        #expect(JWT.expiry(of: "sandbox-admin-token") == nil)
        #expect(JWT.expiry(of: "a.%%%.c") == nil)
    }

    @Test func problemDetailsWithValidationErrors() throws {
        let p = try JSONDecoder().decode(ProblemDetails.self, from: Data(try Fixtures.bytes("error-400-validation.json")))
        #expect(p.title == "Bad Request")
        #expect(p.type == "https://httpstatus.es/400")
        #expect(p.status == 400)
        #expect(p.detail == "Request validation failed")
        #expect(p.hint == nil)
        #expect(p.validationErrors == [ValidationErrorGroup(requestID: "0", errors: [
            FieldError(path: "custom_fields_values.0.field_id", code: "NotSupportedChoice", detail: "The value you selected is not a valid choice."),
        ])])
    }

    @Test func problemDetailsOAuthHintAndTolerantStatus() throws {
        let p = try JSONDecoder().decode(ProblemDetails.self, from: Data(try Fixtures.bytes("error-401-oauth-revoked.json")))
        #expect(p.hint == "Token has been revoked")
        #expect(p.title == "Некорректный запрос")
        #expect(p.status == 401)
        #expect(try decodeJSON(ProblemDetails.self, #"{"status":"403","validation-errors":"x"}"#).status == 403)
    }
}
