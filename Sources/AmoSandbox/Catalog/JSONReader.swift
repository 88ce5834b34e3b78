// Typed reads from a SandboxJSON with errors that name the file and the path inside it.

/// A catalogue or state file that cannot be used; the message names the file and what is wrong.
public struct SandboxFileError: Error, Sendable, CustomStringConvertible {
    /// The file (a path, or a catalogue file name for the embedded catalogue).
    public let file: String
    /// What is wrong, e.g. "[12].code: expected a string".
    public let reason: String
    /// "FILE: REASON", one line.
    public var description: String { "\(file): \(reason)" }
}

/// Reads members of a JSON value, throwing `SandboxFileError` with a JSON path on a wrong shape.
struct JSONReader {
    let value: SandboxJSON
    let file: String
    let path: String

    init(_ value: SandboxJSON, file: String, path: String = "") {
        self.value = value
        self.file = file
        self.path = path
    }

    func fail(_ reason: String, at key: String? = nil) -> SandboxFileError {
        let where_ = key.map { path.isEmpty ? $0 : "\(path).\($0)" } ?? (path.isEmpty ? "top level" : path)
        return SandboxFileError(file: file, reason: "\(where_): \(reason)")
    }

    func object() throws -> JSONObject {
        guard let o = value.objectValue else { throw fail("expected an object") }
        return o
    }

    func member(_ key: String) throws -> JSONReader {
        guard let v = try object()[key] else { throw fail("missing", at: key) }
        return JSONReader(v, file: file, path: path.isEmpty ? key : "\(path).\(key)")
    }

    func optionalMember(_ key: String) throws -> JSONReader? {
        guard let v = try object()[key], v != .null else { return nil }
        return JSONReader(v, file: file, path: path.isEmpty ? key : "\(path).\(key)")
    }

    func elements() throws -> [JSONReader] {
        guard let a = value.arrayValue else { throw fail("expected an array") }
        return a.enumerated().map { JSONReader($1, file: file, path: "\(path)[\($0)]") }
    }

    func int(_ key: String) throws -> Int {
        guard let n = try member(key).value.intValue else { throw fail("expected an integer", at: key) }
        return n
    }

    func string(_ key: String) throws -> String {
        guard let s = try member(key).value.stringValue else { throw fail("expected a string", at: key) }
        return s
    }

    func bool(_ key: String) throws -> Bool {
        guard let b = try member(key).value.boolValue else { throw fail("expected true or false", at: key) }
        return b
    }

    func optionalString(_ key: String) throws -> String? {
        guard let m = try optionalMember(key) else { return nil }
        guard let s = m.value.stringValue else { throw fail("expected a string or null", at: key) }
        return s
    }

    func optionalInt(_ key: String) throws -> Int? {
        guard let m = try optionalMember(key) else { return nil }
        guard let n = m.value.intValue else { throw fail("expected an integer or null", at: key) }
        return n
    }
}
