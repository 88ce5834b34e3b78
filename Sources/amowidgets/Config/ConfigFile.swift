import AmoCRM
import Foundation
import TOMLKit
import WidgetManager

/// Reads and writes `config.toml` (in the config directory of `AppPaths`):
///
/// ```toml
/// current_profile = "example"
///
/// [profiles.example]
/// base_url = "https://example.amocrm.ru"
/// auth = "long-lived-token"          # or "oauth"
/// subdomain = "example"
/// # client_id, redirect_uri: OAuth profiles only
/// ```
///
/// A file that does not parse, or has a value of the wrong type, is reported with its path and line
/// (`ConfigFileError`) and is never rewritten: commands that would save refuse until it is fixed.
/// Saving goes through `AtomicFile` (temporary file, fsync, rename; mode 0600, folder 0700).
struct ConfigFile: Sendable {
    /// The `config.toml` path.
    let path: String

    /// The configuration; a missing file is an empty configuration.
    /// - Throws: `ConfigFileError` naming the file and line, or the system's reason when the file or
    ///   its folder cannot be read ("permission denied", "not a directory").
    func load() throws -> Configuration {
        // Only a missing file is an empty configuration: an unreadable folder is not "no account".
        let bytes: [UInt8]
        do {
            guard let read = try FileContents.read(path) else { return Configuration() }
            bytes = read
        } catch {
            throw ConfigFileError(path: path, line: nil, reason: "cannot be read: \(error.reason.lowercased())")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ConfigFileError(path: path, line: nil, reason: "is not UTF-8 text")
        }
        return try Self.parse(text, path: path)
    }

    /// Parses the text of a config file; `path` only names the file in errors.
    static func parse(_ text: String, path: String) throws -> Configuration {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigFileError(path: path, line: error.source.begin.line, reason: error.description)
        } catch {
            throw ConfigFileError(path: path, line: nil, reason: "does not parse as TOML")
        }
        func wrongType(_ key: String, _ expected: String, in section: String? = nil) -> ConfigFileError {
            ConfigFileError(path: path, line: Self.line(of: key, after: section, in: text),
                            reason: "`\(key)` must be \(expected)")
        }
        var config = Configuration()
        if let current = table["current_profile"] {
            guard let s = current.string else { throw wrongType("current_profile", "a string") }
            config.currentProfile = s
        }
        guard let profilesValue = table["profiles"] else { return config }
        guard let profiles = profilesValue.table else { throw wrongType("profiles", "a table of profiles") }
        for (name, value) in profiles {
            let section = "[profiles.\(name)]"
            guard let t = value.table else { throw wrongType(name, "a table", in: "[profiles]") }
            func string(_ key: String, required: Bool) throws -> String? {
                guard let v = t[key] else {
                    if required {
                        throw ConfigFileError(path: path, line: Self.line(of: section, after: nil, in: text),
                                              reason: "profile `\(name)` has no `\(key)`")
                    }
                    return nil
                }
                guard let s = v.string else { throw wrongType(key, "a string", in: section) }
                return s
            }
            let baseURLText = try string("base_url", required: true) ?? ""
            let baseURL: String
            do { baseURL = try BaseURL(parsing: baseURLText).description } catch {
                throw ConfigFileError(path: path, line: Self.line(of: "base_url", after: section, in: text),
                                      reason: "profile `\(name)`: \(error.message)")
            }
            let authText = try string("auth", required: true) ?? ""
            guard let auth = Profile.AuthKind(rawValue: authText) else {
                throw wrongType("auth", "\"long-lived-token\" or \"oauth\"", in: section)
            }
            config.profiles[name] = Profile(
                name: name, baseURL: baseURL, auth: auth,
                clientID: try string("client_id", required: false),
                redirectURI: try string("redirect_uri", required: false),
                subdomain: try string("subdomain", required: false))
        }
        return config
    }

    /// Writes `configuration` atomically (temporary file, fsync, rename), creating the folder (0700).
    /// - Throws: `AtomicFile.Failure` naming the file.
    func save(_ configuration: Configuration) throws {
        try AtomicFile.write(Array(Self.render(configuration).utf8), to: path)
    }

    /// The TOML text of a configuration (profiles sorted by name, keys in a fixed order).
    static func render(_ c: Configuration) -> String {
        var out = "# amowidgets profiles (edit freely). Tokens are not here: see `amowidgets info`.\n"
        if let current = c.currentProfile { out += "current_profile = \(quote(current))\n" }
        for p in c.sortedProfiles {
            out += "\n[profiles.\(quote(p.name))]\n"
            out += "base_url = \(quote(p.baseURL))\n"
            out += "auth = \(quote(p.auth.rawValue))\n"
            if let s = p.subdomain { out += "subdomain = \(quote(s))\n" }
            if let s = p.clientID { out += "client_id = \(quote(s))\n" }
            if let s = p.redirectURI { out += "redirect_uri = \(quote(s))\n" }
        }
        return out
    }

    /// A TOML basic string: quotes, backslashes and control characters escaped.
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F { out += String(format: "\\u%04X", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    /// The 1-based line where `key` is assigned (after the line starting `section`, when given).
    static func line(of key: String, after section: String?, in text: String) -> Int? {
        var inSection = section == nil
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if let section, line.replacingOccurrences(of: "\"", with: "") == section.replacingOccurrences(of: "\"", with: "") {
                inSection = true
                if key == section { return i + 1 }
                continue
            }
            if inSection, line.hasPrefix(key) {
                let rest = line.dropFirst(key.count).trimmingCharacters(in: .whitespaces)
                if rest.hasPrefix("=") { return i + 1 }
            }
        }
        return nil
    }
}

/// A configuration file that cannot be used: its path, the line when known, and why.
struct ConfigFileError: Error, Sendable, CustomStringConvertible {
    var path: String
    var line: Int?
    var reason: String

    var description: String {
        let at = line.map { "\(path):\($0)" } ?? path
        return "the configuration file \(at) is invalid: \(reason). Fix or remove it; it was not changed."
    }
}
