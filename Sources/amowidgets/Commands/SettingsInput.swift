import AmoCRM
import Foundation
import WidgetManager

/// Builds the install body of `amowidgets install` from `--settings-file` and `--set`, and checks it
/// against the widget's `settings_template` the way the TUI's form does before sending.
///
/// `--set` forms, by field type:
/// - `text`, `pass`: `KEY=VALUE` (the value as a string);
/// - `users`: `KEY.USER_ID=EXTENSION` (repeatable), or `KEY=JSON_OBJECT`;
/// - `users_lp`: `KEY.USER_ID.login=LOGIN` and `KEY.USER_ID.password=PASSWORD`, or `KEY=JSON_OBJECT`;
/// - `custom` (and unknown types): `KEY=JSON` (any JSON value).
enum SettingsInput {
    /// Reads a JSON object from `path` (`-` is stdin).
    /// - Throws: `CLIError.usage` naming the file when it is unreadable or not a JSON object.
    static func load(file path: String) throws -> [String: JSONValue] {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let d = FileManager.default.contents(atPath: path) else {
                throw CLIError.usage("cannot read the settings file \(path)")
            }
            data = d
        }
        let name = path == "-" ? "the settings from stdin" : "the settings file \(path)"
        let value: JSONValue
        do { value = try JSONDecoder().decode(JSONValue.self, from: data) } catch {
            throw CLIError.usage("\(name) is not valid JSON: \(describe(error))")
        }
        guard case .object(let object) = value else { throw CLIError.usage("\(name) must hold a JSON object {\"key\": value, …}") }
        return object
    }

    /// Applies `--set` assignments over `settings` (later ones win; `users` entries merge per user).
    /// - Throws: `CLIError.usage` for a malformed assignment or a key the template does not have.
    static func apply(_ assignments: [String], to settings: [String: JSONValue], template: [SettingsField]) throws -> [String: JSONValue] {
        var out = settings
        for a in assignments {
            guard let eq = a.firstIndex(of: "=") else { throw CLIError.usage("--set \(a): expected KEY=VALUE") }
            let path = String(a[..<eq])
            let raw = String(a[a.index(after: eq)...])
            let (field, rest) = try locate(path, in: template)
            switch (field.type, rest.count) {
            case (.text, 0), (.pass, 0):
                out[field.key] = .string(raw)
            case (.users, 0), (.usersLP, 0), (.custom, 0), (.unknown, 0):
                guard let json = try? JSONDecoder().decode(JSONValue.self, from: Data(raw.utf8)) else {
                    if case .unknown = field.type { out[field.key] = .string(raw); continue }
                    throw CLIError.usage("--set \(path): a \(field.type) field takes JSON here, e.g. \(example(field))")
                }
                out[field.key] = json
            case (.users, 1):
                try checkUserID(rest[0], path)
                var users = out[field.key]?.objectValue ?? [:]
                users[rest[0]] = .string(raw)
                out[field.key] = .object(users)
            case (.usersLP, 2) where rest[1] == "login" || rest[1] == "password":
                try checkUserID(rest[0], path)
                var users = out[field.key]?.objectValue ?? [:]
                var entry = users[rest[0]]?.objectValue ?? [:]
                entry[rest[1]] = .string(raw)
                users[rest[0]] = .object(entry)
                out[field.key] = .object(users)
            default:
                throw CLIError.usage("--set \(path)=…: wrong form for a \(field.type) field; use \(example(field))")
            }
        }
        return out
    }

    /// Problems the server would refuse, found before sending: wrong shapes by type, and (unless
    /// `allowMissing`) required fields without a value. One line per problem, naming the key.
    static func problems(in settings: [String: JSONValue], template: [SettingsField]) -> [String] {
        var out: [String] = []
        for field in template {
            guard let value = settings[field.key], value != .null else { continue }
            switch field.type {
            case .text, .pass:
                if value.stringValue == nil { out.append("\(field.key): a \(field.type) field takes a string") }
            case .users:
                guard let users = value.objectValue else { out.append("\(field.key): takes an object {\"USER_ID\": \"EXTENSION\"}"); continue }
                for (id, ext) in users {
                    if !isUserID(id) { out.append("\(field.key).\(id): a user id is digits") }
                    switch ext {
                    case .string, .integer: break
                    default: out.append("\(field.key).\(id): the extension must be a string or an integer")
                    }
                }
            case .usersLP:
                guard let users = value.objectValue else { out.append("\(field.key): takes an object {\"USER_ID\": {\"login\": …, \"password\": …}}"); continue }
                for (id, entry) in users {
                    if !isUserID(id) { out.append("\(field.key).\(id): a user id is digits") }
                    if let e = entry.objectValue, let login = e["login"]?.stringValue, !login.isEmpty, e["password"] == nil {
                        out.append("\(field.key).\(id): \(SettingsForm.passwordMissing) (--set \(field.key).\(id).password=…)")
                        continue
                    }
                    guard let e = entry.objectValue, e["login"]?.stringValue != nil, e["password"]?.stringValue != nil else {
                        out.append("\(field.key).\(id): needs {\"login\": string, \"password\": string}")
                        continue
                    }
                }
            case .custom, .unknown:
                break
            }
        }
        return out
    }

    /// The TUI form's own checks (`SettingsForm.validatedBody`: required values, `custom` JSON, user
    /// ids, a users_lp login per filled row) run on settings given on the command line, so a script
    /// is refused exactly where the form would refuse. One line per problem, naming the key.
    static func formProblems(in settings: [String: JSONValue], template: [SettingsField], code: String) -> [String] {
        var form = SettingsForm(code: code, template: template, settings: settings,
                                users: .unavailable(reason: "command line"), isReconfigure: false)
        if form.validatedBody() != nil { return [] }
        var out: [String] = []
        for field in form.fields {
            if let e = field.error { out.append("\(field.key): \(e)") }
            if case .users(let rows, _) = field.editor {
                for row in rows {
                    // Free entry (the command line has no user list): the row's first cell is its user id.
                    let id = row.userID.map(String.init) ?? row.cells.first?.text ?? "?"
                    if let e = row.error { out.append("\(field.key).\(id): \(e)") }
                }
            }
        }
        if let notice = form.errorNotice { out.append(notice) }
        return out
    }

    /// User ids in `users` / `users_lp` values that the account does not have (the server refuses
    /// them with 400 "No user with id …"), checked against `GET /api/v4/users` as the real request
    /// would be. A token that may not list users (403) skips the check with a note on stderr; any
    /// other failure to list them is thrown (nothing was sent).
    static func unknownUsers(in settings: [String: JSONValue], template: [SettingsField], client: AmoClient) async throws -> [String] {
        let fields = template.filter { ($0.type == .users || $0.type == .usersLP) && settings[$0.key]?.objectValue?.isEmpty == false }
        guard !fields.isEmpty else { return [] }
        var users: [User] = []
        do { users = try await client.users() } catch let amo {
            guard case .forbidden(.scope, _) = amo else { throw amo }
            Console.message("note: this token may not list the account's users, so user ids were not checked")
            return []
        }
        let ids = Set(users.map { String($0.id) })
        return fields.flatMap { field in
            (settings[field.key]?.objectValue ?? [:]).keys.sorted().filter { !ids.contains($0) }.map {
                "\(field.key).\($0): the account has no user with id \($0)"
            }
        }
    }

    /// Required fields with no value (absent, null, an empty string or an empty object/array).
    static func missingRequired(in settings: [String: JSONValue], template: [SettingsField]) -> [SettingsField] {
        template.filter { $0.isRequired && isEmpty(settings[$0.key]) }
    }

    /// Whether a value counts as not filled in.
    static func isEmpty(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?: true
        case .string(let s)?: s.trimmingCharacters(in: .whitespaces).isEmpty
        case .object(let o)?: o.isEmpty
        case .array(let a)?: a.isEmpty
        default: false
        }
    }

    /// The `--set` example for a field, for error messages.
    static func example(_ field: SettingsField) -> String {
        switch field.type {
        case .text, .pass: "--set \(field.key)=VALUE"
        case .users: "--set \(field.key).USER_ID=EXTENSION"
        case .usersLP: "--set \(field.key).USER_ID.login=LOGIN --set \(field.key).USER_ID.password=PASSWORD"
        case .custom, .unknown: "--set '\(field.key)={\"any\": \"json\"}'"
        }
    }

    private static func locate(_ path: String, in template: [SettingsField]) throws -> (SettingsField, [String]) {
        if let f = template.first(where: { $0.key == path }) { return (f, []) }
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        // The longest key prefix wins (keys may themselves contain dots).
        for n in stride(from: parts.count - 1, through: 1, by: -1) {
            let key = parts[..<n].joined(separator: ".")
            if let f = template.first(where: { $0.key == key }) { return (f, Array(parts[n...])) }
        }
        let keys = template.map(\.key)
        throw CLIError.usage("--set \(path): the widget has no setting `\(parts.first ?? path)`",
                             hints: [keys.isEmpty ? "This widget has no settings." : "Its settings: " + keys.joined(separator: ", ")])
    }

    private static func isUserID(_ s: String) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }

    private static func checkUserID(_ s: String, _ path: String) throws {
        guard isUserID(s) else { throw CLIError.usage("--set \(path): `\(s)` is not a user id (digits, see the account's users)") }
    }

    private static func describe(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let c) = error {
            return (c.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String ?? c.debugDescription
        }
        return "\(error)"
    }
}
