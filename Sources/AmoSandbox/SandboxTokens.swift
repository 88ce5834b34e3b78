/// The fixed demo credentials of the sandbox account, documented in the README.
public enum SandboxTokens {
    /// Bearer token of an account admin: may list users, install and uninstall widgets.
    public static let admin = "sandbox-admin-token"
    /// Bearer token of a plain user: reads the catalogue; installs, uninstalls and `/users` give 403.
    public static let user = "sandbox-user-token"
}
