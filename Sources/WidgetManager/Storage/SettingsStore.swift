import AmoCRM
import Foundation

/// One saved copy of a widget's settings: an uninstall backup or a record of what this program sent.
///
/// File shape (JSON): `{"code", "host", "kind", "saved_at" (ISO 8601 UTC), "settings": {...}}`.
/// The settings hold secrets (`pass`, `users_lp` passwords) in clear, which is why the files are 0600.
public struct SettingsRecord: Hashable, Sendable, Codable {
    /// Why the record was written.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// Saved just before an uninstall (DELETE).
        case uninstallBackup = "uninstall-backup"
        /// Sent by an install or reconfigure (POST) that the server accepted.
        case sent
    }
    /// The widget code.
    public var code: String
    /// The account's host.
    public var host: String
    /// Backup or sent record.
    public var kind: Kind
    /// When it was written (ISO 8601, UTC).
    public var savedAt: String
    /// The settings, secrets in clear (hence mode 0600).
    public var settings: [String: JSONValue]

    enum CodingKeys: String, CodingKey { case code, host, kind, savedAt = "saved_at", settings }

    public init(code: String, host: String, kind: Kind, savedAt: String, settings: [String: JSONValue]) {
        self.code = code; self.host = host; self.kind = kind; self.savedAt = savedAt; self.settings = settings
    }
}

/// Reads and writes `SettingsRecord`s under `AppPaths.data`:
/// backups in `backups/<host>/<code>-<timestamp>.json`, sent records in `sent/<host>/<code>-<timestamp>.json`.
/// The timestamp (`yyyyMMdd'T'HHmmss.SSS'Z'`, UTC) sorts as text, so the newest file is the greatest name.
/// All calls do blocking file I/O: effects call them, `update` never does.
public struct SettingsStore: Sendable {
    /// Where the files go.
    public let paths: AppPaths

    public init(paths: AppPaths) { self.paths = paths }

    /// Saves `settings` for widget `code` of account `host`; returns the file's path.
    /// - Throws: `AtomicFile.Failure` when the folder or file cannot be written.
    @discardableResult
    public func save(code: String, host: String, kind: SettingsRecord.Kind, settings: [String: JSONValue], at date: Date = Date()) throws -> String {
        let stamp = Self.timestamp(date)
        let record = SettingsRecord(code: code, host: host, kind: kind, savedAt: Self.iso(date), settings: settings)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(record)
        let path = directory(kind, host: host) + "/" + AppPaths.safeName(code) + "-" + stamp + ".json"
        try AtomicFile.write(Array(data), to: path)
        return path
    }

    /// The newest record of `kind` for `code` on `host`, with its path; nil when there is none.
    /// An unreadable or malformed newest file is skipped in favour of the next one.
    public func latest(code: String, host: String, kind: SettingsRecord.Kind) -> (record: SettingsRecord, path: String)? {
        let dir = directory(kind, host: host)
        let prefix = AppPaths.safeName(code) + "-"
        let names = AtomicFile.list(dir).filter {
            $0.hasPrefix(prefix) && $0.hasSuffix(".json") && Self.isStamp($0.dropFirst(prefix.count).dropLast(5))
        }.sorted(by: >)
        for name in names {
            let path = dir + "/" + name
            guard let bytes = try? AtomicFile.read(path),
                  let record = try? JSONDecoder().decode(SettingsRecord.self, from: Data(bytes)),
                  record.code == code else { continue }
            return (record, path)
        }
        return nil
    }

    /// The record files of `kind` for `code` newer than `path` (all, when nil) that cannot be read:
    /// `latest` passed over them, so what it returned may be older than what was last sent.
    public func unreadableNewer(than path: String?, code: String, host: String, kind: SettingsRecord.Kind) -> [String] {
        let dir = directory(kind, host: host)
        let prefix = AppPaths.safeName(code) + "-"
        let newest = path.map { ($0 as NSString).lastPathComponent } ?? ""
        return AtomicFile.list(dir).filter {
            $0.hasPrefix(prefix) && $0.hasSuffix(".json") && Self.isStamp($0.dropFirst(prefix.count).dropLast(5)) && $0 > newest
        }.sorted().map { dir + "/" + $0 }
    }

    func directory(_ kind: SettingsRecord.Kind, host: String) -> String {
        kind == .uninstallBackup ? paths.backupsDirectory(host: host) : paths.sentDirectory(host: host)
    }

    /// `20261129T084500.123Z` for a date (UTC).
    static func timestamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss.SSS'Z'"
        return f.string(from: date)
    }

    static func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }

    /// True for exactly the timestamp shape, so `amo-1` never matches files of widget `amo`.
    static func isStamp(_ s: Substring) -> Bool {
        let chars = Array(s)
        guard chars.count == 20, chars[8] == "T", chars[15] == ".", chars[19] == "Z" else { return false }
        return chars.enumerated().allSatisfy { i, c in [8, 15, 19].contains(i) || c.isASCII && c.isNumber }
    }
}
