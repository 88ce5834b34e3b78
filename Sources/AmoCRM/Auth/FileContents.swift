import Foundation

/// Reads a small private file (credential file, config file) telling "missing" apart from
/// "there but unusable": only `ENOENT` means missing. A folder that cannot be searched, a path
/// component that is not a folder, a folder where the file should be are failures with the
/// system's reason (`strerror`), so a damaged setup is never mistaken for "logged out".
public enum FileContents {
    /// The file's bytes, nil when nothing exists at `path`.
    /// - Throws: `FileContents.Failure` with the reason (e.g. "Permission denied", "Is a directory").
    public static func read(_ path: String) throws(Failure) -> [UInt8]? {
        var info = stat()
        if stat(path, &info) != 0 {
            if errno == ENOENT { return nil }
            throw Failure(reason: String(cString: strerror(errno)))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw Failure(reason: String(cString: strerror(EISDIR))) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw Failure(reason: String(cString: strerror(errno))) }
            if n == 0 { return bytes }
            bytes += chunk[0..<n]
        }
    }

    /// Why a file could not be read: the system's reason, never the file's content.
    public struct Failure: Error, Sendable, Hashable {
        /// `strerror` text, e.g. "Permission denied".
        public var reason: String
    }
}
