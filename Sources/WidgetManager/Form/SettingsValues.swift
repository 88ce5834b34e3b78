import AmoCRM
import Foundation

/// Conversions between settings values (`JSONValue`, as the API sends and takes them) and the text
/// the form's boxes hold.
enum SettingsValues {
    /// Text for a `text`/`pass`/unknown box: a string as is, a number as written, anything else as JSON.
    static func plainText(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): s
        case .integer(let i): String(i)
        case .double(let d): String(d)
        case .bool(let b): b ? "true" : "false"
        case .null: ""
        default: jsonText(value)
        }
    }

    /// Compact JSON text of `value` (keys sorted, slashes not escaped).
    static func jsonText(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Pretty-printed JSON (keys sorted, two-space indent as Foundation writes it) for an editor.
    static func prettyJSON(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return jsonText(value) }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Parses JSON text, or says where it is not JSON: "line 2, column 11: Invalid value" (Foundation's
    /// reason, its byte offset turned into a line and column counted from 1).
    static func checkJSON(_ text: String) -> (value: JSONValue?, problem: String?) {
        if let value = parseJSON(text) { return (value, nil) }
        var reason = "not valid JSON"
        do { _ = try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed) } catch {
            reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? reason
        }
        // "Invalid value around character 28." -> the place in lines and columns.
        guard let range = reason.range(of: #"character (\d+)"#, options: .regularExpression),
              let offset = Int(reason[range].dropFirst("character ".count)) else { return (nil, reason) }
        let bytes = Array(text.utf8.prefix(offset))
        let line = bytes.filter { $0 == 10 }.count + 1
        let column = bytes.count - (bytes.lastIndex(of: 10).map { $0 + 1 } ?? 0) + 1
        let what = reason.replacingOccurrences(of: #" around character \d+\.?"#, with: "", options: .regularExpression)
        return (nil, "line \(line), column \(column): \(what)")
    }

    /// Parses JSON text (any value, not only objects); nil when it is not JSON.
    static func parseJSON(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// The per-user values of a `users` (extension) or `users_lp` (login, password) setting:
    /// user id -> texts. Keys that are not integers and values of the wrong shape are skipped.
    static func userValues(_ value: JSONValue?, type: SettingsFieldType) -> [Int: [String]] {
        guard let object = value?.objectValue else { return [:] }
        var out: [Int: [String]] = [:]
        for (key, v) in object {
            guard let id = Int(key.trimmingCharacters(in: .whitespaces)) else { continue }
            if type == .usersLP {
                out[id] = [v["login"].map(plainText) ?? "", v["password"].map(plainText) ?? ""]
            } else {
                out[id] = [plainText(v)]
            }
        }
        return out
    }

    /// What the rows of a users field hold now, as a `JSONValue` object in the setting's shape
    /// (only rows with a user id and some value).
    static func typedUsers(_ field: FormField) -> JSONValue? {
        guard case .users(let rows, let free) = field.editor else { return nil }
        var object: [String: JSONValue] = [:]
        for row in rows {
            let id = free ? Int(row.cells.first?.text.trimmingCharacters(in: .whitespaces) ?? "") : row.userID
            let values = Array(row.cells.dropFirst(free ? 1 : 0).map(\.text))
            guard let id, values.contains(where: { !$0.isEmpty }) else { continue }
            object[String(id)] = field.type == .usersLP
                ? .object(["login": .string(values.first ?? ""), "password": .string(values.dropFirst().first ?? "")])
                : .string(values.first ?? "")
        }
        return object.isEmpty ? nil : .object(object)
    }

    /// A settings value for showing in the detail pane: secrets masked (`pass` values, `users_lp`
    /// passwords, and keys outside the template whose name says secret), users named when known.
    static func display(_ value: JSONValue, type: SettingsFieldType?, key: String, userNames: [Int: String], mask: String) -> String {
        switch type {
        case .pass?: return mask
        case .users?, .usersLP?:
            let values = userValues(value, type: type ?? .users)
            guard !values.isEmpty else { return jsonText(value) }
            return values.keys.sorted().map { id in
                let who = userNames[id].map { "\($0) (\(id))" } ?? "user \(id)"
                let v = values[id] ?? []
                return type == .usersLP ? "\(who): \(v.first ?? "") / \(mask)" : "\(who): \(v.first ?? "")"
            }.joined(separator: ", ")
        case nil:
            let lower = key.lowercased()
            if ["pass", "secret", "token", "pwd"].contains(where: { lower.contains($0) }) { return mask }
            return plainText(value)
        default:
            return plainText(value)
        }
    }
}
