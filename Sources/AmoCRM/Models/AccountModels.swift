/// An account user from `GET /api/v4/users` (`_embedded.users[]`): needed to fill `users` and
/// `users_lp` settings with people instead of raw ids.
public struct User: Sendable, Hashable, Codable, Identifiable, JSONObjectDecodable {
    /// User id; the key of `users` / `users_lp` settings (as a string).
    public var id: Int
    /// Display name; "" when missing.
    public var name: String
    /// E-mail (`email`), nil when missing.
    public var email: String?
    /// Interface language (`lang`), e.g. "ru", nil when missing.
    public var lang: String?
    /// `rights.is_admin`.
    public var isAdmin: Bool
    /// `rights.is_active` (true when missing: the service lists active users without the flag).
    public var isActive: Bool

    /// A user built in code.
    public init(id: Int, name: String, email: String? = nil, lang: String? = nil, isAdmin: Bool = false, isActive: Bool = true) {
        self.id = id; self.name = name; self.email = email; self.lang = lang
        self.isAdmin = isAdmin; self.isActive = isActive
    }

    /// Reads `{id, name, email, lang, rights: {is_admin, is_active}}`; only `id` is required.
    public init(from decoder: Decoder) throws {
        try self.init(object: JSONValue.object(from: decoder), codingPath: decoder.codingPath)
    }

    init(object c: JSONMembers, codingPath: [any CodingKey]) throws(DecodingError) {
        id = try c.required("id", at: codingPath, c.lenientInt)
        name = c.lenientString("name") ?? ""
        email = c.lenientString("email")
        lang = c.lenientString("lang")
        let rights = c["rights"]?.objectValue.map(JSONMembers.init)
        isAdmin = rights?.lenientBool("is_admin") ?? false
        isActive = rights?.lenientBool("is_active", default: true) ?? true
    }

    /// Writes `{id, name, email, lang, rights: {is_admin, is_active}}`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.encode(id, forKey: AnyKey("id"))
        try c.encode(name, forKey: AnyKey("name"))
        try c.encode(email, forKey: AnyKey("email"))
        try c.encode(lang, forKey: AnyKey("lang"))
        try c.encode(JSONValue.object(["is_admin": .bool(isAdmin), "is_active": .bool(isActive)]), forKey: AnyKey("rights"))
    }
}

/// The account from `GET /api/v4/account`.
public struct Account: Sendable, Hashable, Codable, Identifiable, JSONObjectDecodable {
    /// Account id.
    public var id: Int
    /// Account name; "" when missing.
    public var name: String
    /// Subdomain (`example` of `example.amocrm.ru`); "" when missing.
    public var subdomain: String
    /// `current_user_id`: the user the token belongs to, nil when missing.
    public var currentUserID: Int?

    /// An account built in code.
    public init(id: Int, name: String, subdomain: String, currentUserID: Int? = nil) {
        self.id = id; self.name = name; self.subdomain = subdomain; self.currentUserID = currentUserID
    }

    /// Reads `{id, name, subdomain, current_user_id}`; only `id` is required.
    public init(from decoder: Decoder) throws {
        try self.init(object: JSONValue.object(from: decoder), codingPath: decoder.codingPath)
    }

    init(object c: JSONMembers, codingPath: [any CodingKey]) throws(DecodingError) {
        id = try c.required("id", at: codingPath, c.lenientInt)
        name = c.lenientString("name") ?? ""
        subdomain = c.lenientString("subdomain") ?? ""
        currentUserID = c.lenientInt("current_user_id")
    }

    /// Writes `{id, name, subdomain, current_user_id}`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.encode(id, forKey: AnyKey("id"))
        try c.encode(name, forKey: AnyKey("name"))
        try c.encode(subdomain, forKey: AnyKey("subdomain"))
        try c.encode(currentUserID, forKey: AnyKey("current_user_id"))
    }
}

/// A leads pipeline from `GET /api/v4/leads/pipelines` (`_embedded.pipelines[]`, at most 50): names
/// the pipeline of a lead-source widget (`Widget.pipelineID`).
public struct Pipeline: Sendable, Hashable, Codable, Identifiable, JSONObjectDecodable {
    /// Pipeline id.
    public var id: Int
    /// Pipeline name; "" when missing.
    public var name: String
    /// `is_main`: the account's main pipeline.
    public var isMain: Bool
    /// `is_archive`: archived.
    public var isArchive: Bool

    /// A pipeline built in code.
    public init(id: Int, name: String, isMain: Bool = false, isArchive: Bool = false) {
        self.id = id; self.name = name; self.isMain = isMain; self.isArchive = isArchive
    }

    /// Reads `{id, name, is_main, is_archive}`; only `id` is required.
    public init(from decoder: Decoder) throws {
        try self.init(object: JSONValue.object(from: decoder), codingPath: decoder.codingPath)
    }

    init(object c: JSONMembers, codingPath: [any CodingKey]) throws(DecodingError) {
        id = try c.required("id", at: codingPath, c.lenientInt)
        name = c.lenientString("name") ?? ""
        isMain = c.lenientBool("is_main")
        isArchive = c.lenientBool("is_archive")
    }

    /// Writes `{id, name, is_main, is_archive}`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.encode(id, forKey: AnyKey("id"))
        try c.encode(name, forKey: AnyKey("name"))
        try c.encode(isMain, forKey: AnyKey("is_main"))
        try c.encode(isArchive, forKey: AnyKey("is_archive"))
    }
}
