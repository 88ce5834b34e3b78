// Where the sandbox's account comes from: the catalogue embedded in the binary, or a folder.
import Foundation
import NIOConcurrencyHelpers

/// The source of the sandbox account's catalogue.
///
/// A catalogue is five JSON files (`widgets.json`, `users.json`, `pipelines.json`,
/// `account.json`, `auth.json`) as `scripts/generate_catalog.py` writes them. The committed one
/// (Resources/catalog) is compiled into the binary, so a copied binary needs no resource files.
public enum SandboxCatalog: Sendable {
    /// The committed catalogue (600 widgets, 22 users, 4 pipelines), embedded in the binary.
    case embedded
    /// A catalogue folder, e.g. one generated with `--widgets 10000` for benchmarks.
    case directory(String)

    /// The file names a catalogue consists of.
    public static let fileNames = ["account.json", "auth.json", "pipelines.json", "users.json", "widgets.json"]

    /// The embedded catalogue's files, by name (the text the binary carries).
    public static var embeddedFiles: [String: String] { EmbeddedCatalog.files }

    /// Reads and checks the catalogue. Throws `SandboxFileError` naming the missing or corrupt
    /// file and the JSON path of the first problem.
    func load() throws -> CatalogData {
        switch self {
        case .embedded:
            return try EmbeddedCache.shared.withLockedValue { cache in
                if let cache { return cache }
                let data = try CatalogDecoder.decode { name in
                    guard let text = EmbeddedCatalog.files[name] else {
                        throw SandboxFileError(file: "embedded \(name)", reason: "missing from the binary")
                    }
                    return (Array(text.utf8), "embedded \(name)")
                }
                cache = data
                return data
            }
        case .directory(let dir):
            return try CatalogDecoder.decode { name in
                let path = URL(fileURLWithPath: dir).appendingPathComponent(name).path
                guard FileManager.default.fileExists(atPath: path) else {
                    throw SandboxFileError(file: path, reason: "missing (a catalogue folder holds \(Self.fileNames.joined(separator: ", ")))")
                }
                guard let bytes = Self.readBytes(path) else {
                    throw SandboxFileError(file: path, reason: "cannot be read")
                }
                return (bytes, path)
            }
        }
    }
}

extension SandboxCatalog {
    /// The whole file as bytes, read straight into one array (no `Data` copy: the widgets file of a
    /// large catalogue is megabytes); nil when it cannot be opened or read.
    static func readBytes(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }  // the file shrank meanwhile: keep what was there
            filled += n
        }
        if filled < bytes.count { bytes.removeLast(bytes.count - filled) }
        // A file that grew while being read: take the rest too.
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return n == 0 ? bytes : nil }
            bytes += chunk[0..<n]
        }
    }
}

/// The embedded catalogue decoded once per process: tests start many sandboxes.
private enum EmbeddedCache {
    static let shared = NIOLockedValueBox<CatalogData?>(nil)
}
