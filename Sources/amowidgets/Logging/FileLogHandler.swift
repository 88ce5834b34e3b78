import Foundation
import Logging
import Synchronization

/// A swift-log handler that appends one line per message to a log file (never to the terminal: while
/// the TUI is up nothing may print over the screen). Lines: `ISO-8601 time, LEVEL, label: message
/// key=value...`. Callers keep secrets out of messages and metadata.
struct FileLogHandler: LogHandler {
    /// The open file, shared by every logger the factory makes.
    final class Sink: Sendable {
        private let fd: Int32
        private let lock = Mutex(())

        /// Opens (creating, mode 0600) `path` for appending; nil when it cannot be opened.
        init?(path: String) {
            let directory = (path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard fd >= 0 else { return nil }
            self.fd = fd
        }

        func write(_ line: String) {
            var bytes = Array(line.utf8)
            bytes.append(10)
            lock.withLock { _ in _ = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) } }
        }

        deinit { close(fd) }
    }

    let label: String
    let sink: Sink
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let extra = merged.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        let time = Date().formatted(.iso8601)
        sink.write("\(time) \(event.level.rawValue.uppercased()) \(label): \(event.message)\(extra)")
    }
}

