import AmoCRM
import Foundation

/// A widget's current settings as far as this program knows them, and where that knowledge comes from.
///
/// A `POST /api/v4/widgets/{code}` replaces ALL of a widget's settings (the live API and the sandbox
/// alike), so a reconfigure sends these with the admin's edits on top (`merged(with:templateKeys:)`),
/// and an uninstall backs these up first. Known = the server's settings when it shows them, else the
/// newer of what this program last sent and its last uninstall backup for the account and widget.
public struct KnownSettings: Hashable, Sendable {
    /// Where the settings were learnt.
    public enum Source: Hashable, Sendable {
        /// `settings` in the widget's own `GET /api/v4/widgets/{code}` (or an install's reply).
        case server
        /// This program's record of an install it sent (`saved_at`, ISO 8601).
        case sent(savedAt: String)
        /// This program's backup taken before an uninstall (`saved_at`, ISO 8601).
        case backup(savedAt: String)
    }

    /// Key -> value as the API takes them; secrets in clear (never drawn unmasked).
    public var settings: [String: JSONValue]
    /// Where they come from.
    public var source: Source

    public init(settings: [String: JSONValue], source: Source) {
        self.settings = settings
        self.source = source
    }

    /// The best knowledge for one widget: `server` (nil when the server hides them), else the newer
    /// of the local `sent` record and `backup`; nil when none is known.
    public static func best(server: [String: JSONValue]?, sent: SettingsRecord?, backup: SettingsRecord?) -> KnownSettings? {
        if let server { return KnownSettings(settings: server, source: .server) }
        let local = [sent, backup].compactMap { $0 }.max { $0.savedAt < $1.savedAt }
        guard let local else { return nil }
        return KnownSettings(settings: local.settings,
                             source: local.kind == .sent ? .sent(savedAt: local.savedAt) : .backup(savedAt: local.savedAt))
    }

    /// Words for the source with its age, e.g. "from the server", "as sent from here 3 days ago",
    /// "as backed up here before an uninstall 2 h ago".
    public func describe(now: Date = Date()) -> String {
        switch source {
        case .server: "from the server"
        case .sent(let at): "as sent from here " + Self.age(of: at, now: now)
        case .backup(let at): "as backed up here before an uninstall " + Self.age(of: at, now: now)
        }
    }

    /// `settings` with `edits` on top: keys the form does not show (not in `templateKeys`) keep their
    /// known values; every template key takes the form's value, and a template key the form left
    /// empty is dropped (the admin cleared it). In a users field (`usersKeys`) a user the form kept
    /// keeps what the form does not show of that user (other members of its object), and a value
    /// the form shows as text but did not change keeps its JSON type (`5` stays a number).
    public func merged(with edits: [String: JSONValue], templateKeys: Set<String>, usersKeys: Set<String> = []) -> [String: JSONValue] {
        var out = settings.filter { !templateKeys.contains($0.key) }
        for (key, value) in edits {
            guard usersKeys.contains(key), case .object(let users) = value, case .object(let known)? = settings[key] else {
                out[key] = value
                continue
            }
            out[key] = .object(users.reduce(into: [:]) { merged, user in
                merged[user.key] = Self.keep(known[user.key], under: user.value)
            })
        }
        return out
    }

    /// `edit` over `known` for one user's value: objects member by member (the edit's win), a text
    /// equal to a known number's text stays that number.
    static func keep(_ known: JSONValue?, under edit: JSONValue) -> JSONValue {
        switch (known, edit) {
        case (.object(let k)?, .object(let e)):
            return .object(k.merging(e.mapValues { $0 }) { old, new in keep(old, under: new) })
        case (.integer(let n)?, .string(let text)) where String(n) == text: return .integer(n)
        case (.double(let d)?, .string(let text)) where Double(text) == d: return .double(d)
        default: return edit
        }
    }

    /// "3 days ago", "2 h ago", "5 min ago", "just now"; the raw stamp when it cannot be read.
    static func age(of stamp: String, now: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = f.date(from: stamp) ?? ISO8601DateFormatter().date(from: stamp) else { return "on \(stamp)" }
        let seconds = Int(now.timeIntervalSince(date))
        switch seconds {
        case ..<60: return "just now"
        case ..<3600: return "\(seconds / 60) min ago"
        case ..<86_400: return "\(seconds / 3600) h ago"
        default:
            let days = seconds / 86_400
            return days == 1 ? "1 day ago" : "\(days) days ago"
        }
    }
}
