import Foundation

/// An OAuth 2.0 access/refresh token pair from `POST /oauth2/access_token`.
///
/// The refresh token can be used ONCE (after a refresh the old one is revoked), so a new pair must
/// be stored before its access token is used (see `CredentialStore`). `description`, `debugDescription`
/// and the mirror never show the tokens.
///
/// Codable as the credential-file shape: `{"access_token", "refresh_token", "token_type",
/// "expires_at"}` with `expires_at` in seconds since 1970 (UTC). The server's reply shape
/// (`expires_in` seconds) is read by `init(oauthReply:receivedAt:)`.
public struct TokenPair: Sendable, Hashable, Codable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Bearer access token (a JWT), lives about 24 h.
    public var accessToken: String
    /// Single-use refresh token, lives 3 months.
    public var refreshToken: String
    /// "Bearer".
    public var tokenType: String
    /// When the access token expires, nil when unknown.
    public var expiresAt: Date?

    /// A pair built in code.
    public init(accessToken: String, refreshToken: String, tokenType: String = "Bearer", expiresAt: Date? = nil) {
        self.accessToken = accessToken; self.refreshToken = refreshToken
        self.tokenType = tokenType; self.expiresAt = expiresAt
    }

    /// Reads the server's reply `{token_type, expires_in, access_token, refresh_token}`;
    /// `expiresAt` = `receivedAt` + `expires_in` seconds. Throws `DecodingError` when a token is missing.
    public init(oauthReply data: Data, receivedAt: Date) throws {
        let json = try JSONDecoder().decode(JSONValue.self, from: data)
        guard let access = json["access_token"]?.stringValue, !access.isEmpty,
              let refresh = json["refresh_token"]?.stringValue, !refresh.isEmpty else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "token reply without access_token/refresh_token"))
        }
        var seconds: TimeInterval?
        switch json["expires_in"] {
        case .integer(let s)?: seconds = TimeInterval(s)
        case .double(let s)?: seconds = s
        case .string(let s)?: seconds = TimeInterval(s)
        default: seconds = nil
        }
        // Whole seconds, rounded down: what the credential file stores, so a saved pair reads back equal.
        let expiresAt = seconds.map { Date(timeIntervalSince1970: (receivedAt.timeIntervalSince1970 + $0).rounded(.down)) }
            ?? JWT.expiry(of: access)
        self.init(accessToken: access, refreshToken: refresh,
                  tokenType: json["token_type"]?.stringValue ?? "Bearer", expiresAt: expiresAt)
    }

    private enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", refreshToken = "refresh_token"
        case tokenType = "token_type", expiresAt = "expires_at"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        accessToken = try c.decode(String.self, forKey: .accessToken)
        refreshToken = try c.decode(String.self, forKey: .refreshToken)
        tokenType = try c.decodeIfPresent(String.self, forKey: .tokenType) ?? "Bearer"
        expiresAt = try c.decodeIfPresent(Double.self, forKey: .expiresAt).map { Date(timeIntervalSince1970: $0) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(accessToken, forKey: .accessToken)
        try c.encode(refreshToken, forKey: .refreshToken)
        try c.encode(tokenType, forKey: .tokenType)
        try c.encodeIfPresent(expiresAt.map { $0.timeIntervalSince1970.rounded() }, forKey: .expiresAt)
    }

    /// Whether the access token expires within `margin` seconds of `now` (false when unknown).
    public func expires(within margin: TimeInterval, of now: Date = Date()) -> Bool {
        guard let expiresAt else { return false }
        return expiresAt.timeIntervalSince(now) <= margin
    }

    /// "TokenPair(access: <redacted>, refresh: <redacted>, expires: …)": never the tokens.
    public var description: String {
        "TokenPair(access: \(Redactor.placeholder), refresh: \(Redactor.placeholder), expires: \(expiresAt.map { "\($0)" } ?? "unknown"))"
    }

    public var debugDescription: String { description }

    /// Hides the tokens from `dump` and debuggers' reflection.
    public var customMirror: Mirror {
        Mirror(self, children: ["accessToken": Redactor.placeholder, "refreshToken": Redactor.placeholder,
                                "tokenType": tokenType, "expiresAt": expiresAt as Any])
    }
}
