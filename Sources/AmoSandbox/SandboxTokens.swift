/// The sandbox catalogue's fixed credentials (Resources/catalog/auth.json), documented in the
/// README; a test keeps these constants equal to the catalogue.
public enum SandboxTokens {
    /// Bearer token of an account admin (user 504141): may list users, install and uninstall widgets.
    public static let admin = "sandbox-admin-token"
    /// Bearer token of a plain user (504142): reads the catalogue; installs, uninstalls and `/users` give 403.
    public static let user = "sandbox-user-token"
    /// Integration tokens (admin rights), each seeing `settings` of one installed widget, by widget code.
    public static let integrations: [String: String] = [
        "zadarma_export": "sandbox-integration-token-1",
        "calltracking_export": "sandbox-integration-token-2",
        "analytics_reports": "sandbox-integration-token-3",
    ]
    /// The OAuth client id (the integration of `zadarma_export`, so its tokens see that widget's settings).
    public static let oauthClientID = "440a9a11-167d-441a-b47a-2e474e5ac63a"
    /// The OAuth client secret.
    public static let oauthClientSecret = "sandbox-client-secret"
    /// The redirect URI the OAuth client is registered with.
    public static let oauthRedirectURI = "https://example.com/amowidgets/oauth"
    /// Single-use authorization codes logging in the admin (504141); one per sandbox start each.
    public static let adminAuthorizationCodes = (1...5).map { "sandbox-auth-code-\($0)" }
    /// A single-use authorization code logging in the plain user (504142).
    public static let userAuthorizationCode = "sandbox-auth-code-user"
    /// The admin's user id; `users` settings keys must be ids like it.
    public static let adminUserID = 504141
    /// The plain user's id.
    public static let plainUserID = 504142
}
