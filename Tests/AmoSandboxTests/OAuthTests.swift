// POST /oauth2/access_token: codes, refresh tokens, revocation, expiry.
import AmoSandbox
import Foundation
import Testing

@Suite struct OAuthTests {
    static let client = "440a9a11-167d-441a-b47a-2e474e5ac63a"
    static let secret = "sandbox-client-secret"
    static let redirect = "https://example.com/amowidgets/oauth"

    static func codeBody(_ code: String, secret: String = secret) -> String {
        #"{"client_id":"\#(client)","client_secret":"\#(secret)","grant_type":"authorization_code","code":"\#(code)","redirect_uri":"\#(redirect)"}"#
    }

    static func refreshBody(_ token: String) -> String {
        #"{"client_id":"\#(client)","client_secret":"\#(secret)","grant_type":"refresh_token","refresh_token":"\#(token)","redirect_uri":"\#(redirect)"}"#
    }

    @Test func codeExchangeGivesAWorkingTokenPair() async throws {
        try await withSandbox { s in
            let r = try await s.send(.POST, "/oauth2/access_token", token: nil, body: Self.codeBody("sandbox-auth-code-1"))
            #expect(r.status == 200)
            #expect(r.object["token_type"] as? String == "Bearer")
            #expect(r.object["expires_in"] as? Int == 86400)
            let access = try #require(r.object["access_token"] as? String)
            #expect(access.split(separator: ".").count == 3, "JWT-shaped")
            // The claims carry exp (Unix seconds), like the live service's JWTs.
            let claimsPart = String(access.split(separator: ".")[1])
            let padded = claimsPart.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
                + String(repeating: "=", count: (4 - claimsPart.count % 4) % 4)
            let claims = try JSONSerialization.jsonObject(with: try #require(Data(base64Encoded: padded))) as? [String: Any]
            let exp = claims?["exp"] as? Int ?? 0
            #expect(abs(exp - Int(Date().timeIntervalSince1970) - 86400) < 60)
            #expect(!(r.object["refresh_token"] as? String ?? "").isEmpty)
            let account = try await s.send(.GET, "/api/v4/account", token: access)
            #expect(account.status == 200)
            #expect(account.object["current_user_id"] as? Int == 504141)
            // The client's integration is zadarma_export's: its token sees that widget's settings.
            let widget = try await s.send(.GET, "/api/v4/widgets/zadarma_export", token: access)
            #expect(widget.object["settings"] != nil)
            #expect(s.requestCount(method: "POST", path: "/oauth2/access_token") == 1)
        }
    }

    @Test func codesAreSingleUse() async throws {
        try await withSandbox { s in
            let first = try await s.send(.POST, "/oauth2/access_token", token: nil, body: Self.codeBody("sandbox-auth-code-2"))
            #expect(first.status == 200)
            let again = try await s.send(.POST, "/oauth2/access_token", token: nil, body: Self.codeBody("sandbox-auth-code-2"))
            #expect(again.status == 400)
            #expect(again.object["hint"] as? String == "Authorization code has been revoked")
            let unknown = try await s.send(.POST, "/oauth2/access_token", token: nil, body: Self.codeBody("made-up"))
            #expect(unknown.status == 400)
            #expect(unknown.contentType.hasPrefix("application/problem+json"))
        }
    }

    @Test func refreshTokensAreSingleUseAndReuseIsRevoked() async throws {
        try await withSandbox { s in
            let pair = try await s.send(.POST, "/oauth2/access_token", token: nil, body: Self.codeBody("sandbox-auth-code-3"))
            let refresh = try #require(pair.object["refresh_token"] as? String)
            let renewed = try await s.send(.POST, "/oauth2/access_token", token: nil, body: Self.refreshBody(refresh))
            #expect(renewed.status == 200)
            let newRefresh = try #require(renewed.object["refresh_token"] as? String)
            #expect(newRefresh != refresh)
            let newAccess = try #require(renewed.object["access_token"] as? String)
            let reply1 = try await s.send(.GET, "/api/v4/account", token: newAccess)
            #expect(reply1.status == 200)

            let reused = try await s.send(.POST, "/oauth2/access_token", token: nil, body: Self.refreshBody(refresh))
            #expect(reused.status == 401)
            #expect(reused.contentType.hasPrefix("application/problem+json"))
            #expect(canonical(reused.object) == canonical(foundationJSON(try fixture("error-401-oauth-revoked.json")) ?? "-"))
            // The new one still works once.
            let reply2 = try await s.send(.POST, "/oauth2/access_token", token: nil, body: Self.refreshBody(newRefresh))
            #expect(reply2.status == 200)
        }
    }

    @Test func formEncodedRequestsWorkToo() async throws {
        try await withSandbox { s in
            let body = "client_id=\(Self.client)&client_secret=\(Self.secret)&grant_type=authorization_code&code=sandbox-auth-code-user&redirect_uri=https%3A%2F%2Fexample.com%2Famowidgets%2Foauth"
            let r = try await s.send(.POST, "/oauth2/access_token", token: nil, body: body, contentType: "application/x-www-form-urlencoded")
            #expect(r.status == 200)
            let access = r.object["access_token"] as? String ?? ""
            let reply3 = try await s.send(.GET, "/api/v4/users", token: access)
            #expect(reply3.status == 403, "the plain user's token")
        }
    }

    @Test func wrongSecretOrGrantIsRefused() async throws {
        try await withSandbox { s in
            let bad = try await s.send(.POST, "/oauth2/access_token", token: nil, body: Self.codeBody("sandbox-auth-code-4", secret: "wrong"))
            #expect(bad.status == 401)
            #expect(bad.object["hint"] as? String == "Client authentication failed")
            // The code was not spent by the failed attempt.
            let reply4 = try await s.send(.POST, "/oauth2/access_token", token: nil, body: Self.codeBody("sandbox-auth-code-4"))
            #expect(reply4.status == 200)
            let grant = #"{"client_id":"\#(Self.client)","client_secret":"\#(Self.secret)","grant_type":"password"}"#
            let reply5 = try await s.send(.POST, "/oauth2/access_token", token: nil, body: grant)
            #expect(reply5.status == 400)
            let reply6 = try await s.send(.POST, "/oauth2/access_token", token: nil, body: "nonsense")
            #expect(reply6.status == 400)
            let unknownRefresh = try await s.send(.POST, "/oauth2/access_token", token: nil, body: Self.refreshBody("def50200abc"))
            #expect(unknownRefresh.status == 401)
        }
    }

    @Test func accessTokensExpire() async throws {
        try await withSandbox({ $0.accessTokenLifetime = .seconds(2) }) { s in
            let asked = ContinuousClock.now
            let pair = try await s.send(.POST, "/oauth2/access_token", token: nil, body: Self.codeBody("sandbox-auth-code-5"))
            let received = ContinuousClock.now
            #expect(pair.object["expires_in"] as? Int == 2)
            let access = pair.object["access_token"] as? String ?? ""
            let early = try await s.send(.GET, "/api/v4/account", token: access)
            // The server issued the token after `asked`: an answer back before asked + 2 s was
            // checked before expiry. (A loaded machine may be slower; then only the expiry is checked.)
            if ContinuousClock.now - asked < .seconds(2) { #expect(early.status == 200) }
            // The server issued it before `received`: after received + 2 s it has expired.
            try await Task.sleep(until: received + .milliseconds(2100))
            let expired = try await s.send(.GET, "/api/v4/account", token: access)
            #expect(expired.status == 401)
            #expect(expired.contentType.hasPrefix("application/problem+json"))
            #expect(expired.object["detail"] as? String == "Access token has expired")
            // The refresh token still renews it.
            let renewed = try await s.send(.POST, "/oauth2/access_token", token: nil, body: Self.refreshBody(pair.object["refresh_token"] as? String ?? ""))
            #expect(renewed.status == 200)
        }
    }
}
