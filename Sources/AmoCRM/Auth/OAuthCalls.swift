import Foundation
import NIOHTTP1

/// `POST /oauth2/access_token` on the account's host (shared/amocrm-api.md): JSON
/// `{client_id, client_secret, grant_type, code | refresh_token, redirect_uri}` ->
/// `{token_type, expires_in, access_token, refresh_token}`.
enum OAuthCalls {
    static let path = "/oauth2/access_token"

    static func refreshBody(app: OAuthApp, refreshToken: String) -> JSONValue {
        ["client_id": .string(app.clientID), "client_secret": .string(app.clientSecret),
         "grant_type": "refresh_token", "refresh_token": .string(refreshToken), "redirect_uri": .string(app.redirectURI)]
    }

    static func codeBody(app: OAuthApp, code: String) -> JSONValue {
        ["client_id": .string(app.clientID), "client_secret": .string(app.clientSecret),
         "grant_type": "authorization_code", "code": .string(code), "redirect_uri": .string(app.redirectURI)]
    }

    /// Sends one token request. Not paced: it is rare (about once a day) and the paced API calls
    /// wait for it, so queueing it behind them would release them all at once. Never retried once it may have reached the service: a
    /// refresh token works once, so a second send could burn the new pair. Only a refused
    /// connection is retried (once). Throws `AmoError` (401 with hint "Token has been revoked" when
    /// the refresh token was already used).
    static func tokenRequest(transport: HTTPTransport, baseURL: BaseURL, headers: HTTPHeaders,
                             body: JSONValue, secrets: [String]) async throws(AmoError) -> TokenPair {
        let endpoint = "POST \(path)"
        var h = headers
        h.add(name: "Content-Type", value: "application/json")
        guard let bytes = try? JSONEncoder().encode(body) else { throw .configuration("Cannot encode the token request") }
        var reply: HTTPReply?
        for attempt in 0..<2 {
            do {
                reply = try await transport.execute(method: .POST, url: baseURL.url(path), headers: h, body: Array(bytes),
                                                    context: ErrorContext(endpoint: endpoint))
                break
            } catch {
                guard attempt == 0, case .transport(.connectionRefused, _) = error else { throw error }
                do { try await Task.sleep(for: .seconds(1)) } catch { throw .cancelled }
            }
        }
        guard let reply else { throw .transport(.connectionRefused, ErrorContext(endpoint: endpoint)) }
        try ReplyMapper.expectSuccess(reply, endpoint: endpoint, secrets: secrets)
        do {
            return try TokenPair(oauthReply: Data(reply.body), receivedAt: Date())
        } catch {
            throw .unexpectedBody(UnexpectedBody(reason: "token reply without access_token/refresh_token",
                                                 contentType: reply.contentType),
                                  ErrorContext(status: reply.status, requestID: reply.requestID, endpoint: endpoint))
        }
    }
}
