/// An `application/problem+json` error body as amoCRM sends it:
/// `{"title", "type", "status", "detail", "hint"?, "validation-errors"?: [{"request_id", "errors":
/// [{"code", "path", "detail"}]}]}`. The OAuth endpoint adds `hint` (e.g. "Token has been revoked").
/// Every member is optional; texts are often Russian.
public struct ProblemDetails: Sendable, Hashable, Codable {
    /// Short summary, e.g. "Bad Request" or "Некорректный запрос".
    public var title: String?
    /// A URL naming the problem type, e.g. "https://httpstatus.es/400".
    public var type: String?
    /// The HTTP status the server put in the body.
    public var status: Int?
    /// The explanation, e.g. "Request validation failed".
    public var detail: String?
    /// OAuth endpoint only: e.g. "Token has been revoked".
    public var hint: String?
    /// `validation-errors`: one group per request item (`request_id`), each with field errors.
    public var validationErrors: [ValidationErrorGroup]

    /// A problem built in code.
    public init(title: String? = nil, type: String? = nil, status: Int? = nil, detail: String? = nil,
                hint: String? = nil, validationErrors: [ValidationErrorGroup] = []) {
        self.title = title; self.type = type; self.status = status; self.detail = detail
        self.hint = hint; self.validationErrors = validationErrors
    }

    /// Tolerant: any member may be missing or of another type (status as a string is read).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        title = c.lenientString("title")
        type = c.lenientString("type")
        status = c.lenientInt("status")
        detail = c.lenientString("detail")
        hint = c.lenientString("hint")
        if case .array(let groups)? = c.value("validation-errors") {
            validationErrors = groups.compactMap(ValidationErrorGroup.init(json:))
        } else {
            validationErrors = []
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.encodeIfPresent(title, forKey: AnyKey("title"))
        try c.encodeIfPresent(type, forKey: AnyKey("type"))
        try c.encodeIfPresent(status, forKey: AnyKey("status"))
        try c.encodeIfPresent(detail, forKey: AnyKey("detail"))
        try c.encodeIfPresent(hint, forKey: AnyKey("hint"))
        if !validationErrors.isEmpty { try c.encode(validationErrors, forKey: AnyKey("validation-errors")) }
    }

    /// All field errors of all groups, in order.
    public var fieldErrors: [FieldError] { validationErrors.flatMap(\.errors) }
}

/// One entry of `validation-errors`: the errors of one request item.
public struct ValidationErrorGroup: Sendable, Hashable, Codable {
    /// `request_id` (a string such as "0"), nil when missing.
    public var requestID: String?
    /// The field errors.
    public var errors: [FieldError]

    /// A group built in code.
    public init(requestID: String?, errors: [FieldError]) { self.requestID = requestID; self.errors = errors }

    init?(json: JSONValue) {
        guard case .object(let o) = json else { return nil }
        switch o["request_id"] {
        case .string(let s)?: requestID = s
        case .integer(let i)?: requestID = String(i)
        default: requestID = nil
        }
        if case .array(let list)? = o["errors"] { errors = list.compactMap(FieldError.init(json:)) } else { errors = [] }
    }

    private enum CodingKeys: String, CodingKey { case requestID = "request_id", errors }
}

/// A validation error of one field: `{code, path, detail}`. `path` names the field with dots
/// (e.g. "custom_fields_values.0.field_id", or a settings key such as "login").
public struct FieldError: Sendable, Hashable, Codable {
    /// Dotted path of the field; "" when missing.
    public var path: String
    /// Machine code, e.g. "NotSupportedChoice"; "" when missing.
    public var code: String
    /// Human text; "" when missing.
    public var detail: String

    /// A field error built in code.
    public init(path: String, code: String, detail: String) { self.path = path; self.code = code; self.detail = detail }

    init?(json: JSONValue) {
        guard case .object(let o) = json else { return nil }
        path = o["path"]?.stringValue ?? ""
        code = o["code"]?.stringValue ?? ""
        detail = o["detail"]?.stringValue ?? ""
    }
}
