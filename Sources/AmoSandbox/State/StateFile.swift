// The --state file: the installed widgets across restarts, written atomically.
import Foundation

/// Reads and writes the account state file.
enum StateFile {
    /// The state in `path`, or nil when the file does not exist yet. Throws `SandboxFileError`
    /// for an unreadable or corrupt file: the sandbox refuses to start rather than overwrite it.
    static func load(_ path: String, catalog: CatalogData) throws -> AccountState? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SandboxFileError(file: path, reason: "cannot be read")
        }
        let json: SandboxJSON
        do {
            json = try SandboxJSON.parse(Array(data))
        } catch {
            throw SandboxFileError(file: path, reason: "corrupt state file, not valid JSON (\(error)); move it away to start afresh")
        }
        return try AccountState(json: json, file: path, catalog: catalog)
    }

    /// Writes `state` to a temporary file beside `path`, flushes it, then renames it over `path`,
    /// so a crash leaves the old file or the new one, never half of one.
    static func save(_ state: AccountState, to path: String) throws {
        let text = state.json.prettySerialized() + "\n"
        let temp = path + ".tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else {
            throw SandboxFileError(file: temp, reason: "cannot be created: \(String(cString: strerror(errno)))")
        }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(temp)
                throw SandboxFileError(file: temp, reason: "write failed: \(reason)")
            }
            written += n
        }
        fsync(fd)
        close(fd)
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw SandboxFileError(file: path, reason: "cannot replace: \(reason)")
        }
    }
}
