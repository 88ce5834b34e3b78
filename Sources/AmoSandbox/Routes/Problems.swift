// Error bodies shaped like the live service's (see ../shared/fixtures): problem+json and the
// gateway's HTML pages.

/// Error bodies of the emulated account.
enum Problems {
    /// `application/problem+json` with the live service's fields, in its order.
    static func problem(_ status: Int, _ title: String, _ detail: String) -> SandboxResponse {
        .json(status, .obj([
            ("title", .string(title)), ("type", .string("https://httpstatus.es/\(status)")),
            ("status", .int(status)), ("detail", .string(detail)),
        ]), type: "application/problem+json")
    }

    static func badRequest(_ detail: String) -> SandboxResponse { problem(400, "Bad Request", detail) }
    static func unauthorized(_ detail: String) -> SandboxResponse { problem(401, "Unauthorized", detail) }
    static func forbidden(_ detail: String) -> SandboxResponse { problem(403, "Forbidden", detail) }
    static func notFound(_ detail: String) -> SandboxResponse { problem(404, "Not Found", detail) }
    static func methodNotAllowed(_ detail: String) -> SandboxResponse { problem(405, "Method Not Allowed", detail) }

    /// 500 like fixtures/error-500.json, or another 5xx with its reason phrase.
    static func serverError(_ status: Int) -> SandboxResponse {
        status == 500 ? problem(500, "Internal Server Error", "An unknown error occurred.")
            : problem(status, reason(status), "The service is temporarily unavailable.")
    }

    /// The problem+json body of an injected status fault: 401 as an expired token, 403 as a
    /// missing scope, 429 as the limit, 5xx as `serverError`.
    static func injected(_ status: Int) -> SandboxResponse {
        switch status {
        case 401: unauthorized("Access token has expired")
        case 403: forbidden("Invalid scope")
        case 429: problem(429, "Too Many Requests", "Too many requests, slow down")
        default: serverError(status)
        }
    }

    /// One validation error of a 400 `validation-errors` body.
    struct FieldError: Sendable, Equatable {
        /// The settings key, or `key.userId` for one user's entry.
        let path: String
        /// A machine-readable code, e.g. `NotBlank`, `InvalidType`, `UnknownUser`.
        let code: String
        let detail: String
    }

    /// 400 like fixtures/error-400-validation.json.
    static func validation(_ errors: [FieldError]) -> SandboxResponse {
        let list = errors.map { e in
            SandboxJSON.obj([("code", .string(e.code)), ("path", .string(e.path)), ("detail", .string(e.detail))])
        }
        return .json(400, .obj([
            ("validation-errors", .array([.obj([("request_id", .string("0")), ("errors", .array(list))])])),
            ("title", .string("Bad Request")), ("type", .string("https://httpstatus.es/400")),
            ("status", .int(400)), ("detail", .string("Request validation failed")),
        ]), type: "application/problem+json")
    }

    /// The OAuth endpoint's problem body, like fixtures/error-401-oauth-revoked.json.
    static func oauth(_ status: Int, hint: String) -> SandboxResponse {
        .json(status, .obj([
            ("hint", .string(hint)), ("title", .string("Некорректный запрос")),
            ("type", .string("https://developers.amocrm.ru/v3/errors/OAuthProblemJson")), ("status", .int(status)),
            ("detail", .string("В запросе отсутствует ряд параметров или параметры невалидны")),
        ]), type: "application/problem+json")
    }

    /// The gateway's HTML page for `status` (fixtures/error-429.html, error-403-blocked.html).
    static func gatewayPage(_ status: Int) -> SandboxResponse {
        let line = "\(status) \(reason(status))"
        return .html(status, """
            <html>
            <head><title>\(line)</title></head>
            <body>
            <center><h1>\(line)</h1></center>
            <hr><center>nginx</center>
            </body>
            </html>

            """)
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 403: "Forbidden"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Temporarily Unavailable"
        case 504: "Gateway Time-out"
        default: "Server Error"
        }
    }
}
