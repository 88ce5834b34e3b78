#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing files that hold secrets: created with mode 0600 in folders with mode 0700, written
/// atomically (a temporary file beside the target, fsync, rename, fsync of the folder), so a crash
/// leaves either the old file or the new one, never half of one.
public enum AtomicFile {
    /// An I/O failure, with the path and the system's words for it (`strerror`).
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The file or folder that failed.
        public var path: String
        /// The system's words (`strerror`).
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Creates `path` and its missing parents with mode 0700.
    public static func makeDirectories(_ path: String) throws {
        var built = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            built += "/" + part
            if mkdir(built, 0o700) != 0, errno != EEXIST { throw failure(built) }
        }
    }

    /// Writes `bytes` to `path` atomically with mode 0600, creating the folder if needed.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let dir = parent(of: path)
        try makeDirectories(dir)
        let temp = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure(temp) }
        var ok = false
        defer { if !ok { unlink(temp) } }
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; let f = failure(temp); close(fd); throw f }
            written += n
        }
        if fsync(fd) != 0 { let f = failure(temp); close(fd); throw f }
        close(fd)
        if rename(temp, path) != 0 { throw failure(path) }
        ok = true
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { _ = fsync(dfd); close(dfd) }
    }

    /// The whole content of `path`, or nil when it does not exist. Other failures throw.
    public static func read(_ path: String) throws -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { if errno == ENOENT { return nil }; throw failure(path) }
        defer { close(fd) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw failure(path) }
            if n == 0 { return out }
            out.append(contentsOf: buffer[0..<n])
        }
    }

    /// Names of the entries of folder `path` (not `.`/`..`); empty when it does not exist.
    public static func list(_ path: String) -> [String] {
        guard let d = opendir(path) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func failure(_ path: String) -> Failure {
        Failure(path: path, reason: String(cString: strerror(errno)))
    }
}
