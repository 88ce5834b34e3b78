import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tables for people on a terminal, tab-separated rows for programs when stdout is a pipe or a file
/// (as `gh` does): a header line, then one line per row, fields joined by a tab (tabs and newlines
/// inside a field become spaces), so `cut -f1`, `awk -F'\t'` and `grep` work on every row.
enum TableOutput {
    /// True when stdout is a terminal.
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// The aligned table on a terminal (`TextTable`), else tab-separated lines.
    static func render(header: [String], rows: [[String]]) -> String {
        if stdoutIsTerminal { return TextTable.render(header: header, rows: rows) }
        return ([header] + rows).map { row in
            row.map { $0.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\t") + "\n"
        }.joined()
    }
}
