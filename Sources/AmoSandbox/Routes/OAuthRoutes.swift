// POST /oauth2/access_token: authorization_code and refresh_token grants, single-use codes and
// refresh tokens, expiring access tokens (see amocrm-api.md, "Authentication").
import Foundation

extension SandboxCore {
    /// Exchanges a catalogue authorization code or a refresh token for a token pair.
    ///
    /// Body: JSON (or form-encoded) `client_id`, `client_secret`, `grant_type`, `code` or
    /// `refresh_token`, `redirect_uri`. Answers 200 `{token_type, expires_in, access_token,
    /// refresh_token}`; problem+json with a `hint` otherwise: 401 "Client authentication failed",
    /// 400 for a used or unknown code, 401 "Token has been revoked" for a reused refresh token.
    func accessToken(_ request: SandboxRequest) -> SandboxResponse {
        guard let form = oauthForm(request) else {
            return Problems.oauth(400, hint: "The request body must be a JSON object or a form")
        }
        guard let clientID = form["client_id"], let client = catalog.oauthClients[clientID],
              form["client_secret"] == client.clientSecret else {
            return Problems.oauth(401, hint: "Client authentication failed")
        }
        if let uri = form["redirect_uri"], uri != client.redirectURI {
            return Problems.oauth(400, hint: "Redirect URI does not match the integration's")
        }
        switch form["grant_type"] {
        case "authorization_code":
            guard let code = form["code"], let grant = catalog.authorizationCodes[code], grant.clientID == clientID else {
                return Problems.oauth(400, hint: "Cannot decrypt the authorization code")
            }
            let used = state.withLockedValue { !$0.usedAuthorizationCodes.insert(code).inserted }
            if used { return Problems.oauth(400, hint: "Authorization code has been revoked") }
            return issueTokens(userID: grant.userID, clientID: clientID)
        case "refresh_token":
            guard let token = form["refresh_token"] else { return Problems.oauth(400, hint: "Check the `refresh_token` parameter") }
            let verdict: Result<IssuedRefreshToken, Refusal> = state.withLockedValue { s in
                guard var issued = s.refreshTokens[token], issued.clientID == clientID else {
                    return .failure(Refusal(response: Problems.oauth(401, hint: "Cannot decrypt the refresh token")))
                }
                guard !issued.used else { return .failure(Refusal(response: Problems.oauth(401, hint: "Token has been revoked"))) }
                issued.used = true
                s.refreshTokens[token] = issued
                return .success(issued)
            }
            switch verdict {
            case .success(let issued): return issueTokens(userID: issued.userID, clientID: clientID)
            case .failure(let refusal): return refusal.response
            }
        default:
            return Problems.oauth(400, hint: "The authorization grant type is not supported by the authorization server.")
        }
    }

    /// A JWT-shaped access token (header.claims.signature, base64url; `exp` in Unix seconds)
    /// and an opaque single-use refresh token.
    func issueTokens(userID: Int, clientID: String) -> SandboxResponse {
        let lifetime = configuration.accessTokenLifetime
        let seconds = max(1, Int(lifetime.components.seconds))
        let now = Int(Date().timeIntervalSince1970)
        let claims = SandboxJSON.obj([
            ("aud", .string(clientID)), ("jti", .string(Self.randomHex(16))), ("iat", .int(now)), ("nbf", .int(now)),
            ("exp", .int(now + seconds)), ("sub", .string(String(userID))),
            ("account_id", catalog.account["id"] ?? .null), ("api_domain", .string(base.replacingOccurrences(of: "http://", with: ""))),
            ("scopes", .array([.string("crm")])),
        ])
        let header = SandboxJSON.obj([("typ", .string("JWT")), ("alg", .string("RS256"))])
        let access = [header.serialized(), claims.serialized()].map { Self.base64URL(Array($0.utf8)) }.joined(separator: ".")
            + "." + Self.base64URL((0..<32).map { _ in UInt8.random(in: 0...255) })
        let refresh = "def50200" + Self.randomHex(64)
        state.withLockedValue { s in
            s.accessTokens[access] = IssuedAccessToken(userID: userID, clientID: clientID, expires: .now + lifetime)
            s.refreshTokens[refresh] = IssuedRefreshToken(userID: userID, clientID: clientID, used: false)
        }
        return .json(200, .obj([
            ("token_type", .string("Bearer")), ("expires_in", .int(seconds)),
            ("access_token", .string(access)), ("refresh_token", .string(refresh)),
        ]))
    }

    /// The token request's string fields, from JSON or `application/x-www-form-urlencoded`.
    func oauthForm(_ request: SandboxRequest) -> [String: String]? {
        if request.contentType?.contains("x-www-form-urlencoded") == true {
            return QueryString.parse(String(decoding: request.body, as: UTF8.self))
        }
        guard let body = try? SandboxJSON.parse(request.body), let o = body.objectValue else { return nil }
        var form: [String: String] = [:]
        for m in o.members {
            if let s = m.value.stringValue { form[m.key] = s } else if let n = m.value.intValue { form[m.key] = String(n) }
        }
        return form
    }

    static func randomHex(_ bytes: Int) -> String {
        (0..<bytes).map { _ in
            let b = UInt8.random(in: 0...255)
            return (b < 16 ? "0" : "") + String(b, radix: 16)
        }.joined()
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

/// `a=1&b=two` parsing with percent-decoding (`+` is a space, as forms send it).
enum QueryString {
    static func parse(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (s: Substring) in
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            out[decode(kv[0])] = kv.count > 1 ? decode(kv[1]) : ""
        }
        return out
    }
}
