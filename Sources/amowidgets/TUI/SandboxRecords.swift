import Foundation
import WidgetManager

/// Where `amowidgets --sandbox` keeps its account records: a fresh directory of this run
/// (`$TMPDIR/amowidgets-sandbox-XXXXXX`, mode 0700) with `state/` (the audit log) and `data/`
/// (uninstall backups, sent settings) — never the user's own data and state directories, so records
/// of the emulated account never mix with a real account's. Audit lines name the profile `sandbox`.
struct SandboxRecords {
    /// The profile name written to the sandbox session's audit lines.
    static let profile = "sandbox"
    /// The run's directory.
    let directory: String

    /// Creates the directory. - Throws: `CLIError` when it cannot be created.
    init(temporaryDirectory: String = NSTemporaryDirectory()) throws {
        var template = Array(((temporaryDirectory as NSString).appendingPathComponent("amowidgets-sandbox-XXXXXX")).utf8CString)
        let made: String? = template.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress, let path = mkdtemp(base) else { return nil }
            return String(cString: path)
        }
        guard let made else {
            throw CLIError("cannot create a directory for the sandbox session's records in \(temporaryDirectory): \(String(cString: strerror(errno)))")
        }
        directory = made
    }

    /// The run's paths (`config` is never written: the sandbox needs no profile).
    var paths: AppPaths { AppPaths(config: directory + "/config", state: directory + "/state", data: directory + "/data") }

    /// Removes the directory when the session wrote nothing; returns its path when records were kept.
    func finish() -> String? {
        let fm = FileManager.default
        let written = (fm.enumerator(atPath: directory)?.allObjects as? [String] ?? []).contains { name in
            var isDirectory: ObjCBool = false
            return fm.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        if written { return directory }
        try? fm.removeItem(atPath: directory)
        return nil
    }
}
