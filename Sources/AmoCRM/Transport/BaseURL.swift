import Foundation

/// The validated origin every request goes to: `https://{subdomain}.amocrm.ru|amocrm.com|kommo.com`,
/// another https URL, or plain http on a loopback host only (the sandbox).
///
/// Tokens are sent to this origin and nowhere else: HAL `next` links are reduced to their path and
/// query and resolved against it.
public struct BaseURL: Sendable, Hashable, CustomStringConvertible {
    /// "https" or "http" (loopback only).
    public let scheme: String
    /// Host name or address, lowercased; IPv6 without brackets.
    public let host: String
    /// Explicit port, nil for the scheme's default.
    public let port: Int?

    /// The domains of the hosted service, for `init(subdomain:domain:)` and bare subdomains.
    public static let serviceDomains = ["amocrm.ru", "amocrm.com", "kommo.com"]

    /// Parses what a profile or `AMO_BASE_URL` holds:
    /// - a full URL: `https://example.amocrm.ru`, `http://127.0.0.1:8080` (a trailing `/` is fine);
    /// - a host: `example.kommo.com` (https assumed);
    /// - a bare subdomain: `example` -> `https://example.amocrm.ru`.
    ///
    /// Throws `AmoError.configuration` naming the problem: an unknown scheme, plain http to a
    /// non-loopback host (the token would travel in clear text), credentials, a path, query or fragment.
    public init(parsing text: String) throws(AmoError) {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty else { throw .configuration("Base URL is empty: give https://SUBDOMAIN.amocrm.ru (or .amocrm.com, .kommo.com)") }
        let withScheme: String
        if t.contains("://") {
            withScheme = t
        } else if t.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
            withScheme = "https://\(t).amocrm.ru"
        } else {
            withScheme = "https://\(t)"
        }
        guard let comps = URLComponents(string: withScheme), let scheme = comps.scheme?.lowercased(),
              let rawHost = comps.host, !rawHost.isEmpty else {
            throw .configuration("Base URL \"\(t)\" is not a URL: give https://SUBDOMAIN.amocrm.ru")
        }
        let host = rawHost.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard comps.user == nil, comps.password == nil else {
            throw .configuration("Base URL must not contain a user or password")
        }
        guard comps.query == nil, comps.fragment == nil, comps.path.isEmpty || comps.path == "/" else {
            throw .configuration("Base URL \"\(t)\" must be only scheme and host, like https://example.amocrm.ru (no path or query)")
        }
        switch scheme {
        case "https": break
        case "http":
            guard BaseURL.isLoopback(host) else {
                throw .configuration("Refusing plain http to \(host): tokens would travel unencrypted; use https (plain http is allowed only for loopback hosts such as the sandbox)")
            }
        default:
            throw .configuration("Base URL scheme \"\(scheme)\" is not supported: use https")
        }
        if let port = comps.port, !(1...65535).contains(port) {
            throw .configuration("Base URL port \(port) is out of range")
        }
        self.scheme = scheme
        self.host = host
        self.port = comps.port
    }

    /// `https://{subdomain}.{domain}`; `domain` one of `serviceDomains`. Throws `AmoError.configuration`
    /// for an empty or malformed subdomain or an unknown domain.
    public init(subdomain: String, domain: String = "amocrm.ru") throws(AmoError) {
        guard BaseURL.serviceDomains.contains(domain) else {
            throw .configuration("Unknown domain \(domain): use one of \(BaseURL.serviceDomains.joined(separator: ", "))")
        }
        guard !subdomain.isEmpty, subdomain.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }) else {
            throw .configuration("Subdomain \"\(subdomain)\" is not valid: letters, digits and - only")
        }
        try self.init(parsing: "https://\(subdomain.lowercased()).\(domain)")
    }

    /// Whether `host` is a loopback name or address (localhost, 127.0.0.0/8, ::1).
    public static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if h == "localhost" || h.hasSuffix(".localhost") || h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// "scheme://host[:port]" with IPv6 hosts in brackets.
    public var description: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(h)" + (port.map { ":\($0)" } ?? "")
    }

    /// The absolute URL of `pathAndQuery` (which starts with "/").
    func url(_ pathAndQuery: String) -> String { description + pathAndQuery }

    /// The path and query of `link` (absolute or relative), to be sent to this origin; nil when the
    /// link has no usable path.
    static func pathAndQuery(of link: String) -> String? {
        guard let comps = URLComponents(string: link) else { return nil }
        let path = comps.percentEncodedPath
        guard path.hasPrefix("/") else { return nil }
        return path + (comps.percentEncodedQuery.map { "?\($0)" } ?? "")
    }
}
