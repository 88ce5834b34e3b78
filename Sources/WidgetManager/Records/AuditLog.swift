import Foundation

/// One line of the audit log: a change made to an account's widgets (install, reconfigure, uninstall,
/// restore), from the TUI or the command line.
///
/// Stored as one JSON object per line with snake_case keys (`time`, `profile`, `account_host`,
/// `widget_code`, `action`, `outcome`, `http_status`, `request_id`, `settings_keys`, `error`).
/// `settings_keys` names the settings that were sent; their values, secret or not, are never stored.
public struct AuditRecord: Sendable, Hashable, Codable {
    /// What was done to the widget.
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        /// First `POST /api/v4/widgets/{code}` of a widget that was not installed.
        case install
        /// `POST /api/v4/widgets/{code}` on a widget already installed (new settings).
        case reconfigure
        /// `DELETE /api/v4/widgets/{code}`.
        case uninstall
        /// Install from a settings backup.
        case restore
    }

    /// How it ended.
    public enum Outcome: String, Sendable, Hashable, Codable {
        case ok
        case failed
        /// The reply was lost or unreadable after the request may have reached the service
        /// (`AmoError.outcomeUnknown`): the change may have happened.
        case unknown
    }

    /// When the change finished, UTC, ISO 8601 with seconds (`2026-11-29T09:12:03Z`).
    public var time: Date
    /// The profile name, or nil when the account came from the environment or the sandbox.
    public var profile: String?
    /// The account's host, e.g. `example.amocrm.ru` or `127.0.0.1:8080`.
    public var accountHost: String
    /// The widget code.
    public var widgetCode: String
    public var action: Action
    public var outcome: Outcome
    /// The HTTP status of the answer, nil when no answer came (transport failure, cancelled).
    public var httpStatus: Int?
    /// The server's `X-Request-Id`, when it sent one.
    public var requestID: String?
    /// The keys of the settings sent (sorted); never their values.
    public var settingsKeys: [String]
    /// A one-line reason when `outcome` is `failed` (already free of secrets).
    public var error: String?

    public init(time: Date = Date(), profile: String?, accountHost: String, widgetCode: String,
                action: Action, outcome: Outcome, httpStatus: Int?, requestID: String?,
                settingsKeys: [String] = [], error: String? = nil) {
        self.time = time
        self.profile = profile
        self.accountHost = accountHost
        self.widgetCode = widgetCode
        self.action = action
        self.outcome = outcome
        self.httpStatus = httpStatus
        self.requestID = requestID
        self.settingsKeys = settingsKeys.sorted()
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case time, profile, action, outcome, error
        case accountHost = "account_host"
        case widgetCode = "widget_code"
        case httpStatus = "http_status"
        case requestID = "request_id"
        case settingsKeys = "settings_keys"
    }

    /// Writes every key, absent values as `null`, so each line has the same members.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(time, forKey: .time)
        try c.encode(profile, forKey: .profile)
        try c.encode(accountHost, forKey: .accountHost)
        try c.encode(widgetCode, forKey: .widgetCode)
        try c.encode(action, forKey: .action)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(httpStatus, forKey: .httpStatus)
        try c.encode(requestID, forKey: .requestID)
        try c.encode(settingsKeys, forKey: .settingsKeys)
        try c.encode(error, forKey: .error)
    }
}

/// The append-only audit log file (`audit.log` in the state directory; see `AppPaths`).
///
/// Each `append` writes one complete line with a single `write(2)` on a descriptor opened with
/// `O_APPEND`, so lines from the TUI and a script running at the same time never interleave.
/// The file is created with mode 0600. Reading skips lines that are not valid records (a line cut
/// by a full disk, a hand edit) and counts them, so one bad line never hides the rest.
public struct AuditLog: Sendable {
    /// The log file.
    public let fileURL: URL

    /// A log stored at `fileURL`; nothing is created until the first `append`.
    public init(fileURL: URL) {
        self.fileURL = fileURL
    }

    /// Appends `record` as one JSON line, creating the file (0600) and its folder (0700) if needed.
    /// - Throws: `AuditLogError.write` with the path and `strerror` text when the file cannot be written.
    public func append(_ record: AuditRecord) throws {
        var line = try Self.encoder.encode(record)
        line.append(UInt8(ascii: "\n"))
        let dir = fileURL.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let fd = open(fileURL.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw AuditLogError.write(path: fileURL.path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count else {
            throw AuditLogError.write(path: fileURL.path, reason: String(cString: strerror(errno)))
        }
    }

    /// All records, oldest first, and how many lines could not be read. A missing file is an empty log.
    /// - Throws: `AuditLogError.read` when the file exists but cannot be read.
    public func read() throws -> (records: [AuditRecord], unreadableLines: Int) {
        guard FileManager.default.fileExists(atPath: fileURL.path) else { return ([], 0) }
        let data: Data
        do { data = try Data(contentsOf: fileURL) } catch {
            throw AuditLogError.read(path: fileURL.path, reason: error.localizedDescription)
        }
        var records: [AuditRecord] = []
        var bad = 0
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
            if let r = try? Self.decoder.decode(AuditRecord.self, from: Data(line)) { records.append(r) } else { bad += 1 }
        }
        return (records, bad)
    }

    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }

    static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }
}

/// Why the audit log could not be used; `description` names the file.
public enum AuditLogError: Error, Sendable, CustomStringConvertible {
    case write(path: String, reason: String)
    case read(path: String, reason: String)

    public var description: String {
        switch self {
        case .write(let path, let reason): "cannot append to the audit log \(path): \(reason)"
        case .read(let path, let reason): "cannot read the audit log \(path): \(reason)"
        }
    }
}
