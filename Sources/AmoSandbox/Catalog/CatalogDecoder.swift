// Decodes and cross-checks the five catalogue files.

enum CatalogDecoder {
    /// Builds the catalogue from the files `read` returns as (bytes, name for errors).
    static func decode(_ read: (String) throws -> ([UInt8], String)) throws -> CatalogData {
        func parsed(_ name: String) throws -> JSONReader {
            let (bytes, label) = try read(name)
            do {
                return JSONReader(try SandboxJSON.parse(bytes), file: label)
            } catch let e as JSONParseError {
                throw SandboxFileError(file: label, reason: "not valid JSON: \(e)")
            }
        }

        let users = try parsed("users.json").elements().map(user)
        let userIDs = Set(users.map(\.id))
        let (widgets, index) = try self.widgets(read("widgets.json"))
        let account = try parsed("account.json")
        _ = try account.int("id")
        let pipelines = try parsed("pipelines.json").elements().map { p in
            _ = try p.int("id")
            return try p.object()
        }

        let auth = try parsed("auth.json")
        var tokens: [String: CatalogToken] = [:]
        for t in try auth.member("tokens").elements() {
            let token = CatalogToken(token: try t.string("token"), userID: try t.int("user_id"),
                                     clientUUID: try t.optionalString("client_uuid"))
            guard userIDs.contains(token.userID) else { throw t.fail("no user with id \(token.userID)", at: "user_id") }
            tokens[token.token] = token
        }
        var clients: [String: CatalogOAuthClient] = [:]
        for c in try auth.member("oauth_clients").elements() {
            let client = CatalogOAuthClient(clientID: try c.string("client_id"), clientSecret: try c.string("client_secret"),
                                            redirectURI: try c.string("redirect_uri"))
            clients[client.clientID] = client
        }
        var codes: [String: CatalogAuthorizationCode] = [:]
        for c in try auth.member("authorization_codes").elements() {
            let code = CatalogAuthorizationCode(code: try c.string("code"), clientID: try c.string("client_id"),
                                                userID: try c.int("user_id"))
            guard userIDs.contains(code.userID) else { throw c.fail("no user with id \(code.userID)", at: "user_id") }
            codes[code.code] = code
        }
        return CatalogData(widgets: widgets, widgetIndex: index, users: users, account: try account.object(),
                           pipelines: pipelines, tokens: tokens, oauthClients: clients, authorizationCodes: codes)
    }

    /// The widgets file, read one widget at a time (a 10,000-widget catalogue is 4.6 MB of text:
    /// as one tree it would take several times that, and the time to build it, before the first
    /// answer). Field keys, names and types repeat across widgets and are stored once (`Interner`).
    static func widgets(_ file: ([UInt8], String)) throws -> ([CatalogWidget], [String: Int]) {
        let (bytes, label) = file
        var widgets: [CatalogWidget] = []
        var index: [String: Int] = [:]
        var strings = Interner()
        do {
            func add(_ w: CatalogWidget, _ n: Int) throws {
                guard index.updateValue(n, forKey: w.code) == nil else {
                    throw SandboxFileError(file: label, reason: "[\(n)].code: widget code \(w.code) appears twice")
                }
                widgets.append(w)
            }
            let isArray = try SandboxJSON.parseElements(bytes, fast: { parser, n in
                guard let w = parser.catalogWidget(&strings) else { return false }
                try add(w, n)
                return true
            }) { n, value in
                try add(try widget(JSONReader(value, file: label, path: "[\(n)]"), &strings), n)
            }
            // Not an array: parse it whole so the error says what the file holds instead.
            if !isArray { _ = try JSONReader(try SandboxJSON.parse(bytes), file: label).elements() }
        } catch let e as JSONParseError {
            throw SandboxFileError(file: label, reason: "not valid JSON: \(e)")
        }
        return (widgets, index)
    }

    static func user(_ r: JSONReader) throws -> CatalogUser {
        let rights = try r.member("rights")
        _ = try r.string("name")
        return CatalogUser(id: try r.int("id"), isAdmin: try rights.bool("is_admin"), isActive: try rights.bool("is_active"),
                           json: try r.object())
    }

    static func widget(_ r: JSONReader, _ strings: inout Interner) throws -> CatalogWidget {
        let version = try r.member("version").value
        guard version.stringValue != nil || version.intValue != nil else { throw r.fail("expected a string or an integer", at: "version") }
        let rating = try r.object()["rating"] ?? .null
        switch rating {
        case .string, .int, .double, .null: break
        default: throw r.fail("expected a string, a number or null", at: "rating")
        }
        let template = try r.member("settings_template").elements().map { f in
            CatalogField(key: strings.intern(try f.string("key")), name: strings.intern(try f.string("name")),
                         type: strings.intern(try f.string("type")), isRequired: try f.bool("is_required"))
        }
        var settings: JSONObject?
        if let s = try r.optionalMember("settings") {
            guard let o = s.value.objectValue else { throw s.fail("expected an object") }
            settings = o
        }
        return CatalogWidget(
            id: try r.int("id"), code: try r.string("code"), version: version, rating: rating, template: template,
            isLeadSource: try r.bool("is_lead_source"), isWorkWithDP: try r.bool("is_work_with_dp"),
            isCRMTemplate: try r.bool("is_crm_template"), clientUUID: try r.optionalString("client_uuid"),
            initiallyInstalled: try r.bool("is_active_in_account"), initialPipelineID: try r.optionalInt("pipeline_id"),
            initialSettings: settings)
    }
}

/// Keeps one copy of each distinct string: equal strings share one buffer (a 10,000-widget
/// catalogue repeats a few hundred field names).
struct Interner {
    private var seen: Set<String> = []

    /// The stored copy equal to `s` (stored now if new).
    mutating func intern(_ s: String) -> String {
        if s.utf8.count <= 15 { return s }  // stored inline in the String itself: nothing to share
        if let existing = seen.firstIndex(of: s) { return seen[existing] }
        seen.insert(s)
        return s
    }
}
