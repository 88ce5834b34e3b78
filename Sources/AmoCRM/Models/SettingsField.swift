/// One entry of a widget's `settings_template` (`GET /api/v4/widgets[/{code}]`): a field an installer
/// fills in. The install body maps `key` to a value whose shape depends on `type`.
public struct SettingsField: Sendable, Hashable, Codable {
    /// The key of the value in the install body and in `settings`.
    public var key: String
    /// The label shown to the user (often Russian); the key when the server sent none.
    public var name: String
    /// How the value is shaped; unknown types are kept, not rejected.
    public var type: SettingsFieldType
    /// Whether the install body must carry a non-empty value for `key`.
    public var isRequired: Bool

    /// A field as the server would describe it.
    public init(key: String, name: String, type: SettingsFieldType, isRequired: Bool) {
        self.key = key
        self.name = name
        self.type = type
        self.isRequired = isRequired
    }

    /// Reads `{key, name, type, is_required}`; only `key` is required (a field without a key cannot be
    /// filled). `name` defaults to the key, `type` to `unknown("")`, `is_required` to false.
    public init(from decoder: Decoder) throws {
        guard let field = SettingsField(json: try JSONValue(from: decoder)) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "settings field without a key"))
        }
        self = field
    }

    /// Writes the server's shape: `{key, name, type, is_required}`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.encode(key, forKey: AnyKey("key"))
        try c.encode(name, forKey: AnyKey("name"))
        try c.encode(type.rawValue, forKey: AnyKey("type"))
        try c.encode(isRequired, forKey: AnyKey("is_required"))
    }
}

/// The type of a settings field (`settings_template[].type`). The five documented types, plus
/// `unknown` keeping whatever else the server sends so a UI can show it instead of failing.
///
/// Value shapes in the install body: `text`, `pass` -> string; `users` -> object user id (string) ->
/// extension (string or integer); `usersLP` -> object user id -> `{login, password}`; `custom` -> any JSON.
public enum SettingsFieldType: Sendable, Hashable, Codable, CustomStringConvertible {
    case text
    /// A secret string: mask on screen, never log.
    case pass
    case users
    /// Wire name `users_lp`: per user a login and a (secret) password.
    case usersLP
    /// Undocumented; the widget's own UI fills it. Any JSON value.
    case custom
    /// A type this program does not know, with the server's text.
    case unknown(String)

    /// The wire name: "text", "pass", "users", "users_lp", "custom", or the unknown text.
    public var rawValue: String {
        switch self {
        case .text: "text"
        case .pass: "pass"
        case .users: "users"
        case .usersLP: "users_lp"
        case .custom: "custom"
        case .unknown(let s): s
        }
    }

    /// The type for a wire name; never fails (unknown names become `.unknown`).
    public init(rawValue: String) {
        switch rawValue {
        case "text": self = .text
        case "pass": self = .pass
        case "users": self = .users
        case "users_lp": self = .usersLP
        case "custom": self = .custom
        default: self = .unknown(rawValue)
        }
    }

    /// Whether values of this type hold secrets (`pass`, and the passwords inside `users_lp`).
    public var holdsSecrets: Bool { self == .pass || self == .usersLP }

    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    public var description: String { rawValue }
}

extension SettingsField {
    /// A field from an already decoded JSON value; nil when it has no key.
    init?(json: JSONValue) {
        guard case .object(let o) = json else { return nil }
        let key: String
        switch o["key"] {
        case .string(let s)?: key = s
        case .integer(let i)?: key = String(i)
        default: return nil
        }
        let name = o["name"]?.stringValue ?? key
        let type = SettingsFieldType(rawValue: o["type"]?.stringValue ?? "")
        var required = false
        switch o["is_required"] {
        case .bool(let b)?: required = b
        case .integer(let i)?: required = i != 0
        case .string(let s)?: required = ["true", "1", "yes"].contains(s.lowercased())
        default: break
        }
        self.init(key: key, name: name, type: type, isRequired: required)
    }
}
