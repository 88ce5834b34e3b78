// Where the sandbox's account comes from: the catalogue embedded in the binary, or a folder.
import Foundation
import Synchronization

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
            return try EmbeddedCache.shared.withLock { cache in
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
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw SandboxFileError(file: path, reason: "cannot be read")
                }
                return (Array(data), path)
            }
        }
    }
}

/// The embedded catalogue decoded once per process: tests start many sandboxes.
private enum EmbeddedCache {
    static let shared = Mutex<CatalogData?>(nil)
}
