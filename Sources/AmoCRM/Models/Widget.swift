/// A widget as `GET /api/v4/widgets`, `GET /api/v4/widgets/{code}` and `POST /api/v4/widgets/{code}`
/// describe it.
///
/// Decoding is tolerant of what the live service sends (shared/amocrm-api.md): `rating` as `"2,8"`,
/// `"2.8"`, a number, `null` or `""`; `version` as a string or an integer; `id` as an integer or a
/// numeric string; nullable `pipeline_id` / `client_uuid`; unknown fields ignored; a missing optional
/// field is nil, a missing flag is false, a missing `settings_template` is empty. Only `id` and `code`
/// are required (`DecodingError.keyNotFound` otherwise).
///
/// Encoding writes the API's snake_case shape (for `--json` output). `settings` may hold secrets
/// (`pass`, `users_lp` passwords): use `maskingSecrets()` before showing or printing it.
public struct Widget: Sendable, Hashable, Codable, Identifiable {
    /// Widget id (`id`).
    public var id: Int
    /// Widget code (`code`): the key of every per-widget call.
    public var code: String
    /// Version text (`version`); an integer is kept as its text; "" when missing.
    public var version: String
    /// Catalogue rating (`rating`); nil for `null`, missing or blank.
    public var rating: Rating?
    /// Fields an installer fills (`settings_template`).
    public var settingsTemplate: [SettingsField]
    /// Can act as a lead source (`is_lead_source`).
    public var isLeadSource: Bool
    /// Usable in Digital Pipeline (`is_work_with_dp`).
    public var isWorkWithDP: Bool
    /// An industry solution (`is_crm_template`).
    public var isCRMTemplate: Bool
    /// Installed in this account (`is_active_in_account`).
    public var isActiveInAccount: Bool
    /// UUID of the OAuth integration tied to the widget (`client_uuid`), nil when null.
    public var clientUUID: String?
    /// Pipeline where it is installed as a lead source (`pipeline_id`), nil when null.
    public var pipelineID: Int?
    /// Current settings (`settings`): only sent by install, or to the widget's own integration.
    public var settings: [String: JSONValue]?
    /// Canonical URL (`_links.self.href`).
    public var selfLink: String?

    /// A widget built in code (tests, previews); every flag defaults to false.
    public init(
        id: Int, code: String, version: String = "", rating: Rating? = nil,
        settingsTemplate: [SettingsField] = [], isLeadSource: Bool = false, isWorkWithDP: Bool = false,
        isCRMTemplate: Bool = false, isActiveInAccount: Bool = false, clientUUID: String? = nil,
        pipelineID: Int? = nil, settings: [String: JSONValue]? = nil, selfLink: String? = nil
    ) {
        self.id = id; self.code = code; self.version = version; self.rating = rating
        self.settingsTemplate = settingsTemplate; self.isLeadSource = isLeadSource
        self.isWorkWithDP = isWorkWithDP; self.isCRMTemplate = isCRMTemplate
        self.isActiveInAccount = isActiveInAccount; self.clientUUID = clientUUID
        self.pipelineID = pipelineID; self.settings = settings; self.selfLink = selfLink
    }

    public init(from decoder: Decoder) throws {
        try self.init(object: JSONValue.object(from: decoder), codingPath: decoder.codingPath)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.encode(id, forKey: AnyKey("id"))
        try c.encode(code, forKey: AnyKey("code"))
        try c.encode(version, forKey: AnyKey("version"))
        try c.encode(rating, forKey: AnyKey("rating"))
        try c.encode(settingsTemplate, forKey: AnyKey("settings_template"))
        try c.encode(isLeadSource, forKey: AnyKey("is_lead_source"))
        try c.encode(isWorkWithDP, forKey: AnyKey("is_work_with_dp"))
        try c.encode(isCRMTemplate, forKey: AnyKey("is_crm_template"))
        try c.encode(isActiveInAccount, forKey: AnyKey("is_active_in_account"))
        try c.encode(clientUUID, forKey: AnyKey("client_uuid"))
        try c.encode(pipelineID, forKey: AnyKey("pipeline_id"))
        try c.encodeIfPresent(settings, forKey: AnyKey("settings"))
        if let selfLink {
            try c.encode(JSONValue.object(["self": .object(["href": .string(selfLink)])]), forKey: AnyKey("_links"))
        }
    }

    /// A copy whose `settings` hide secrets: values of `pass` fields and the `password` members of
    /// `users_lp` fields become `mask` (non-empty values only; `secretMask` by default). The mask has
    /// the same width whatever the secret's length, so not even the length shows. For display and
    /// `--json` output.
    public func maskingSecrets(mask: String = Widget.secretMask) -> Widget {
        guard var s = settings else { return self }
        for field in settingsTemplate where field.type.holdsSecrets {
            guard let v = s[field.key] else { continue }
            s[field.key] = field.type == .pass ? Widget.mask(v, with: mask) : Widget.maskPasswords(v, with: mask)
        }
        var copy = self
        copy.settings = s
        return copy
    }

    /// The text that replaces a secret in output and `--json`: 8 bullets, whatever the secret's length.
    public static let secretMask = "••••••••"
    /// `secretMask` for text output where the locale is not UTF-8: 8 asterisks.
    public static let asciiSecretMask = "********"

    private static func mask(_ v: JSONValue, with mask: String) -> JSONValue {
        if case .string(let s) = v, s.isEmpty { return v }
        if case .null = v { return v }
        return .string(mask)
    }

    private static func maskPasswords(_ v: JSONValue, with mask: String) -> JSONValue {
        guard case .object(let users) = v else { return Self.mask(v, with: mask) }
        return .object(users.mapValues { entry in
            guard case .object(var lp) = entry else { return entry }
            if let p = lp["password"] { lp["password"] = Self.mask(p, with: mask) }
            return .object(lp)
        })
    }
}

extension Widget: JSONObjectDecodable {
    /// The tolerant reading described on `Widget`, from a parsed object.
    init(object c: JSONMembers, codingPath: [any CodingKey]) throws(DecodingError) {
        id = try c.required("id", at: codingPath, c.lenientInt)
        code = try c.required("code", at: codingPath, c.lenientString)
        version = c.lenientString("version") ?? ""
        rating = Rating.from(c["rating"])
        // One unreadable template entry (no key) is dropped rather than hiding the whole widget.
        if case .array(let items)? = c["settings_template"] {
            settingsTemplate = items.compactMap { SettingsField(json: $0) }
        } else {
            settingsTemplate = []
        }
        isLeadSource = c.lenientBool("is_lead_source")
        isWorkWithDP = c.lenientBool("is_work_with_dp")
        isCRMTemplate = c.lenientBool("is_crm_template")
        isActiveInAccount = c.lenientBool("is_active_in_account")
        clientUUID = c.lenientString("client_uuid").flatMap { $0.isEmpty ? nil : $0 }
        pipelineID = c.lenientInt("pipeline_id")
        settings = c["settings"]?.objectValue
        selfLink = c.halLink("self")
    }
}
