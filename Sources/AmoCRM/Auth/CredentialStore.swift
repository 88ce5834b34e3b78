import Foundation

/// A JSON credential file holding an OAuth token pair (and whatever else the program keeps there):
/// `{"access_token", "refresh_token", "token_type", "expires_at", ...}` with `expires_at` in seconds
/// since 1970. Members this type does not know are kept when it saves.
///
/// Saving is atomic and private: a temporary file in the same folder (mode 0600), write, `fsync`,
/// `rename` over the old file, `fsync` of the folder. A reader sees the old file or the new one,
/// never half of one. Processes coordinate refreshes with `withExclusiveLock` (a `flock` on
/// `<path>.lock`). Errors are `AmoError.configuration` naming the file (never its contents).
public struct CredentialStore: Sendable, Hashable {
    /// The credential file.
    public let path: String

    /// A store at `path`; nothing is read or created until used.
    public init(path: String) { self.path = path }

    /// The lock file beside the credential file.
    public var lockPath: String { path + ".lock" }

    /// The stored token pair, or nil when the file does not exist or holds no pair.
    /// Throws when the file exists but cannot be read or is not a JSON object.
    public func load() throws(AmoError) -> TokenPair? {
        guard let doc = try loadDocument() else { return nil }
        return try? JSONDecoder().decode(TokenPair.self, from: JSONEncoder().encode(JSONValue.object(doc)))
    }

    /// The whole JSON object, or nil when the file does not exist.
    /// - Throws: `AmoError.configuration` naming the file and why (unreadable, corrupt); see `inspect()`.
    public func loadDocument() throws(AmoError) -> [String: JSONValue]? {
        switch inspect() {
        case .success(let doc): return doc
        case .failure(let problem): throw .configuration(problem.message(path: path))
        }
    }

    /// What is wrong with a credential file that exists but cannot be used. Reasons never quote the
    /// file (it may hold a token).
    public enum Problem: Error, Sendable, Hashable {
        /// The file (or its folder) cannot be read: the system's reason ("Permission denied").
        case unreadable(reason: String)
        /// The file is read but is not a JSON object: why ("not valid JSON (truncated or damaged?)").
        case corrupt(reason: String)

        /// "credentials file PATH is corrupt: REASON" / "credentials file PATH cannot be read: REASON".
        public func message(path: String) -> String {
            switch self {
            case .unreadable(let reason): "credentials file \(path) cannot be read: \(reason)"
            case .corrupt(let reason): "credentials file \(path) is corrupt: \(reason)"
            }
        }
    }

    /// The whole JSON object, `.success(nil)` only when the file does not exist (`ENOENT`), or the
    /// problem: an unreadable file or folder is `.unreadable`, bytes that are not a JSON object `.corrupt`.
    public func inspect() -> Result<[String: JSONValue]?, Problem> {
        let bytes: [UInt8]
        do {
            guard let read = try FileContents.read(path) else { return .success(nil) }
            bytes = read
        } catch {
            return .failure(.unreadable(reason: error.reason))
        }
        // Decoded as UTF-8 first: JSONDecoder would guess UTF-16 from bytes like FF FE.
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(.corrupt(reason: "not UTF-8 text"))
        }
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else {
            return .failure(.corrupt(reason: bytes.isEmpty ? "empty" : "not valid JSON (truncated or damaged?)"))
        }
        guard let object = json.objectValue else { return .failure(.corrupt(reason: "not a JSON object")) }
        return .success(object)
    }

    /// Stores `pair`, keeping the file's other members. Atomic (see the type's description).
    public func save(_ pair: TokenPair) throws(AmoError) {
        var doc = (try? loadDocument() ?? [:]) ?? [:]
        guard let encoded = try? JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(pair)).objectValue else {
            throw .configuration("Cannot encode the token pair")
        }
        for key in ["access_token", "refresh_token", "token_type", "expires_at"] { doc[key] = nil }
        doc.merge(encoded) { _, new in new }
        try saveDocument(doc)
    }

    /// Replaces the file with `document`, atomically, mode 0600. Creates the folder (0700) if needed.
    public func saveDocument(_ document: [String: JSONValue]) throws(AmoError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(JSONValue.object(document)) else {
            throw .configuration("Cannot encode the credential file")
        }
        try AtomicFile.replace(path, with: Array(data) + [0x0A])
    }

    /// Runs `body` while holding the exclusive cross-process lock of this store. Waits at most
    /// `timeout` for another process; throws `AmoError.configuration` then.
    /// `body` runs on the caller's actor (`nonisolated(nonsending)`).
    nonisolated(nonsending) public func withExclusiveLock<T: Sendable>(
        timeout: Duration = .seconds(60), _ body: () async throws(AmoError) -> T
    ) async throws(AmoError) -> T {
        try AtomicFile.makeFolder(for: path)
        let lock = try await FileLock(path: lockPath, timeout: timeout)
        defer { lock.release() }
        return try await body()
    }
}

/// Atomic, private file replacement.
enum AtomicFile {
    /// Writes `bytes` to `path` via a temporary sibling: create (O_EXCL, 0600), write, fsync,
    /// rename, fsync the folder. On failure the temporary file is removed and `path` is untouched.
    static func replace(_ path: String, with bytes: [UInt8]) throws(AmoError) {
        try makeFolder(for: path)
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let tmp = (folder.isEmpty ? "." : folder) + "/.\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .configuration("Cannot create \(tmp): \(String(cString: strerror(errno)))") }
        var ok = fchmod(fd, 0o600) == 0
        var written = 0
        while ok && written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { ok = false } else { written += n }
        }
        let err = errno
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok, rename(tmp, path) == 0 else {
            unlink(tmp)
            throw .configuration("Cannot write credential file \(path): \(String(cString: strerror(err)))")
        }
        let dfd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    static func makeFolder(for path: String) throws(AmoError) {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) else { return }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .configuration("Cannot create folder \(folder): \(error.localizedDescription)")
        }
    }
}
