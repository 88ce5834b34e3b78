import AmoCRM

/// One account user's row inside a `users` or `users_lp` field.
///
/// `cells` are the row's text boxes: for `users` one (the extension), for `users_lp` two (login,
/// password). In free-entry mode (the token may not list users) the first cell is the user id.
public struct UserRow: Hashable, Sendable {
    /// The account user's id, or nil in free-entry mode (then `cells[0]` holds it).
    public var userID: Int?
    /// The user's name as the account lists it (empty in free-entry mode).
    public var name: String
    /// The text boxes of the row (see the type's doc).
    public var cells: [LineEditor]
    /// A problem with this row (from the checks before sending or from the server's 400 answer).
    public var error: String?
}

/// The editor of one `settings_template` field, chosen by the field's type.
public enum FieldEditor: Hashable, Sendable {
    /// `text`, `pass`, `custom` (JSON text) and unknown types: one line.
    case line(LineEditor)
    /// `users` (one cell per row: extension) and `users_lp` (login, password).
    case users(rows: [UserRow], freeEntry: Bool)
}

/// One field of the settings form: the template's description plus the editor and its error.
public struct FormField: Hashable, Sendable {
    /// The template key (the install body's key).
    public var key: String
    /// The template's human name (shown as the label).
    public var name: String
    /// The template type, which chose the editor.
    public var type: SettingsFieldType
    /// `is_required`: checked before sending.
    public var isRequired: Bool
    /// What was typed.
    public var editor: FieldEditor
    /// A problem with the field as a whole, shown beside it.
    public var error: String?

    /// The type as the template spells it (`users_lp`, or the unknown name).
    public var typeName: String { Self.typeName(type) }

    /// The template's spelling of `type`.
    public static func typeName(_ type: SettingsFieldType) -> String {
        switch type {
        case .text: "text"
        case .pass: "pass"
        case .users: "users"
        case .usersLP: "users_lp"
        case .custom: "custom"
        case .unknown(let name): name
        }
    }

    /// Cells per user row: the values after the (free-entry) id.
    var valueCells: Int { type == .usersLP ? 2 : 1 }

    /// True when cell `cell` of this field is a secret (a `pass` field, a `users_lp` password).
    func isSecret(cell: Int, freeEntry: Bool) -> Bool {
        switch type {
        case .pass: true
        case .usersLP: cell == (freeEntry ? 2 : 1)
        default: false
        }
    }

    /// A short note shown under the field's name.
    var note: String? {
        switch type {
        case .custom: "JSON value, e.g. {\"a\": 1}"
        case .unknown(let name): "unknown type \"\(name)\": edited as text"
        default: nil
        }
    }
}

/// Where the focus is: field index, row (user rows; 0 for one-line fields), cell in the row.
public struct Slot: Hashable, Sendable {
    /// Index into `SettingsForm.fields`.
    public var field: Int
    /// User row (0 for one-line fields).
    public var row: Int
    /// Box in the row.
    public var cell: Int
}
