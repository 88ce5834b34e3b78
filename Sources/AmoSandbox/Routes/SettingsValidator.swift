// The install body checked against a widget's settings_template (documented value shapes per type).

/// Validates install settings field by field.
///
/// - every required key present and non-empty (`NotBlank`);
/// - `text` / `pass`: a string (`InvalidType`);
/// - `users`: an object whose keys are this account's user ids (`UnknownUser`, path `key.userId`)
///   and whose values are strings or integers (`InvalidType`, path `key.userId`);
/// - `users_lp`: an object of user id -> `{"login": string, "password": string}`;
/// - `custom` and types the sandbox does not know: any JSON.
/// Keys outside the template are kept as they are (the live service stores them).
struct SettingsValidator {
    let template: [CatalogField]
    let userIDs: Set<Int>

    typealias FieldError = Problems.FieldError

    func validate(_ settings: JSONObject) -> [FieldError] {
        template.flatMap { field -> [FieldError] in
            let value = settings[field.key]
            if value == nil || isBlank(value ?? .null) {
                return field.isRequired ? [FieldError(path: field.key, code: "NotBlank", detail: "This value should not be blank.")] : []
            }
            return check(field, value ?? .null)
        }
    }

    func isBlank(_ v: SandboxJSON) -> Bool {
        switch v {
        case .null: true
        case .string(let s): s.allSatisfy(\.isWhitespace)
        case .object(let o): o.isEmpty
        case .array(let a): a.isEmpty
        default: false
        }
    }

    func check(_ field: CatalogField, _ value: SandboxJSON) -> [FieldError] {
        let key = field.key
        switch field.type {
        case "text", "pass":
            return value.stringValue == nil ? [FieldError(path: key, code: "InvalidType", detail: "This value should be of type string.")] : []
        case "users":
            guard let users = value.objectValue else {
                return [FieldError(path: key, code: "InvalidType", detail: "This value should be an object of user id to extension.")]
            }
            return users.members.flatMap { m -> [FieldError] in
                if let e = unknownUser(key, m.key) { return [e] }
                switch m.value {
                case .string, .int: return []
                default: return [FieldError(path: "\(key).\(m.key)", code: "InvalidType", detail: "The extension should be a string or an integer.")]
                }
            }
        case "users_lp":
            guard let users = value.objectValue else {
                return [FieldError(path: key, code: "InvalidType", detail: "This value should be an object of user id to login and password.")]
            }
            return users.members.flatMap { m -> [FieldError] in
                if let e = unknownUser(key, m.key) { return [e] }
                guard let entry = m.value.objectValue, entry["login"]?.stringValue != nil, entry["password"]?.stringValue != nil else {
                    return [FieldError(path: "\(key).\(m.key)", code: "InvalidType",
                                       detail: "Each user needs an object with string login and password.")]
                }
                return []
            }
        default:
            return []
        }
    }

    func unknownUser(_ key: String, _ id: String) -> FieldError? {
        guard let n = Int(id), userIDs.contains(n) else {
            return FieldError(path: "\(key).\(id)", code: "UnknownUser", detail: "No user with id \(id) in this account.")
        }
        return nil
    }
}
