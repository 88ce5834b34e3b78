import AmoCRM

extension SettingsForm {
    /// Checks what was typed and builds the install body (`settings_template` key -> value by type).
    ///
    /// Checks: a required field must have a value (for users fields, at least one filled row);
    /// `custom` must be valid JSON; a free-entry user id must be a whole number; a `users_lp` row
    /// with a login needs a password and one with a password a login. Each problem is put
    /// beside its field or row; on any problem the result is nil and nothing typed is changed.
    /// Empty optional fields are left out of the body.
    public mutating func validatedBody() -> [String: JSONValue]? {
        var body: [String: JSONValue] = [:]
        var ok = true
        errorNotice = nil
        for i in fields.indices {
            fields[i].error = nil
            let field = fields[i]
            switch field.editor {
            case .line(let e):
                let text = e.text
                if text.trimmingCharacters(in: .whitespaces).isEmpty {
                    if field.isRequired { fields[i].error = "required"; ok = false }
                    continue
                }
                if field.type == .custom {
                    guard let json = SettingsValues.parseJSON(text) else {
                        fields[i].error = "not valid JSON"; ok = false; continue
                    }
                    body[field.key] = json
                } else {
                    body[field.key] = .string(text)
                }
            case .users(var rows, let free):
                for r in rows.indices {
                    rows[r].error = nil
                    guard free else { continue }
                    let id = rows[r].cells.first?.text.trimmingCharacters(in: .whitespaces) ?? ""
                    let hasValues = rows[r].cells.dropFirst().contains { !$0.isEmpty }
                    if id.isEmpty && hasValues { rows[r].error = "user id missing"; ok = false }
                    if !id.isEmpty && Int(id) == nil { rows[r].error = "user id must be a number"; ok = false }
                }
                if field.type == .usersLP {
                    for r in rows.indices where rows[r].error == nil {
                        let cells = rows[r].cells.dropFirst(free ? 1 : 0).map(\.text)
                        if cells.contains(where: { !$0.isEmpty }) && cells.first?.isEmpty != false {
                            rows[r].error = "login missing"; ok = false
                        } else if cells.first?.isEmpty == false, cells.dropFirst().first?.isEmpty != false {
                            // users_lp is user id -> {login, password}: a login without its password is no account.
                            rows[r].error = Self.passwordMissing; ok = false
                        }
                    }
                }
                fields[i].editor = .users(rows: rows, freeEntry: free)
                if let value = SettingsValues.typedUsers(fields[i]) {
                    body[field.key] = value
                } else if field.isRequired {
                    fields[i].error = "required: fill at least one user"; ok = false
                }
            }
        }
        if !ok, let first = firstErrorSlot { focus = first }
        return ok ? body : nil
    }

    /// The row error of a `users_lp` user with a login and an empty password.
    public static let passwordMissing = "password missing: a user with a login needs a password"

    /// Puts the server's validation errors (400) beside the fields their paths name: `key` names a
    /// field, `key.<userId>` a user's row (`settings.` in front is tolerated). Errors naming no field
    /// are gathered in `errorNotice`. Nothing typed changes.
    public mutating func applyServerErrors(_ errors: [(path: String, detail: String)]) {
        var unplaced: [String] = []
        for error in errors {
            var parts = error.path.split(separator: ".").map(String.init)
            if parts.first == "settings", parts.count > 1 { parts.removeFirst() }
            guard let key = parts.first, let f = fields.firstIndex(where: { $0.key == key }) else {
                unplaced.append(error.path.isEmpty ? error.detail : "\(error.path): \(error.detail)")
                continue
            }
            if parts.count > 1, let id = Int(parts[1]), case .users(var rows, let free) = fields[f].editor,
               let r = rows.firstIndex(where: { ($0.userID ?? Int($0.cells.first?.text ?? "")) == id }) {
                rows[r].error = error.detail
                fields[f].editor = .users(rows: rows, freeEntry: free)
            } else {
                fields[f].error = fields[f].error.map { $0 + "; " + error.detail } ?? error.detail
            }
        }
        errorNotice = unplaced.isEmpty ? nil : unplaced.joined(separator: "; ")
        if let first = firstErrorSlot { focus = first; revealed = nil }
    }

    /// The index in `slots` of the first box with an error beside it.
    var firstErrorSlot: Int? {
        slots.firstIndex { slot in
            let field = fields[slot.field]
            if field.error != nil { return true }
            if case .users(let rows, _) = field.editor, slot.row < rows.count { return rows[slot.row].error != nil }
            return false
        }
    }
}
