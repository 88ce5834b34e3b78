import Foundation
import Logging
import WidgetManager

/// How logging is switched on: one file, `<state>/amowidgets.log` (`AppPaths.state`), never the
/// terminal.
enum LogFile {
    /// The log file's path in `paths`' state directory.
    static func path(_ paths: AppPaths) -> String { paths.state + "/amowidgets.log" }

    /// Sends every logger to the file at `path` from `level` up. - Returns: false when the file cannot
    /// be opened (logging then goes nowhere: the terminal must stay clean while the TUI is up).
    @discardableResult
    static func bootstrap(level: Logger.Level, path: String) -> Bool {
        let sink = FileLogHandler.Sink(path: path)
        LoggingSystem.bootstrap { label in
            guard let sink else { return SwiftLogNoOpLogHandler(label) }
            return FileLogHandler(label: label, sink: sink, logLevel: level)
        }
        return sink != nil
    }
}
