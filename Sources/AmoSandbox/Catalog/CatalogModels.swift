// The catalogue as the sandbox holds it in memory (read from Resources/catalog or a --catalog folder).

/// One field of a widget's `settings_template`.
struct CatalogField: Sendable, Equatable {
    /// The settings key this field fills.
    let key: String
    /// The label shown to an installer (Russian, English or mixed).
    let name: String
    /// `text`, `pass`, `users`, `users_lp`, `custom` (or a type the sandbox does not know: any JSON).
    let type: String
    /// Whether an install must fill it with a non-empty value.
    let isRequired: Bool
}

/// A widget of the catalogue, with its initial installation state.
struct CatalogWidget: Sendable {
    let id: Int
    let code: String
    /// A string or an integer, sent back exactly as the catalogue has it.
    let version: SandboxJSON
    /// A comma string (`"4,5"`), a number or null, sent back as is.
    let rating: SandboxJSON
    let template: [CatalogField]
    let isLeadSource: Bool
    let isWorkWithDP: Bool
    let isCRMTemplate: Bool
    /// UUID of the OAuth integration tied to the widget; its integration token sees `settings`.
    let clientUUID: String?
    /// Installed in the account when the sandbox starts (without a state file).
    let initiallyInstalled: Bool
    let initialPipelineID: Int?
    let initialSettings: JSONObject?
}

/// A user of the account.
struct CatalogUser: Sendable {
    let id: Int
    let isAdmin: Bool
    let isActive: Bool
    /// The user as `/api/v4/users` sends it, without `_links`.
    let json: JSONObject
}

/// A bearer token the catalogue hands out: a demo token or an integration token.
struct CatalogToken: Sendable {
    let token: String
    let userID: Int
    /// Set for an integration token: the token sees `settings` of widgets with this `client_uuid`.
    let clientUUID: String?
}

/// The OAuth client (integration) the sandbox accepts at `/oauth2/access_token`.
struct CatalogOAuthClient: Sendable {
    let clientID: String
    let clientSecret: String
    let redirectURI: String
}

/// A single-use authorization code: whom it logs in, for which client.
struct CatalogAuthorizationCode: Sendable {
    let code: String
    let clientID: String
    let userID: Int
}

/// Everything the catalogue defines, decoded and checked.
struct CatalogData: Sendable {
    let widgets: [CatalogWidget]
    /// Index into `widgets` by widget code.
    let widgetIndex: [String: Int]
    let users: [CatalogUser]
    /// The account as `/api/v4/account` sends it, without `current_user_id` and `_links`.
    let account: JSONObject
    /// Pipelines as `/api/v4/leads/pipelines` sends them, without `_links`.
    let pipelines: [JSONObject]
    let tokens: [String: CatalogToken]
    let oauthClients: [String: CatalogOAuthClient]
    let authorizationCodes: [String: CatalogAuthorizationCode]

    func widget(code: String) -> CatalogWidget? { widgetIndex[code].map { widgets[$0] } }
    func user(id: Int) -> CatalogUser? { users.first { $0.id == id } }
}
