import Foundation

/// Reads claims of a JWT access token WITHOUT verifying its signature: only to warn before a
/// long-lived token expires (`exp`) and to learn `api_domain`. Never used to trust anything.
public enum JWT {
    /// The payload claims, or nil when `token` is not a JWT with a JSON payload.
    public static func claims(of token: String) -> [String: JSONValue]? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var b64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b64.count % 4 != 0 { b64.append("=") }
        guard let data = Data(base64Encoded: b64),
              let json = try? JSONDecoder().decode(JSONValue.self, from: data) else { return nil }
        return json.objectValue
    }

    /// The `exp` claim (seconds since 1970) as a date, nil when absent or not a JWT.
    public static func expiry(of token: String) -> Date? {
        switch claims(of: token)?["exp"] {
        case .integer(let s)?: return Date(timeIntervalSince1970: TimeInterval(s))
        case .double(let s)?: return Date(timeIntervalSince1970: s)
        default: return nil
        }
    }
}
