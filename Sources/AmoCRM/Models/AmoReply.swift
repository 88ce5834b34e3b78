/// A successful answer of a change (`AmoClient.install`, `.uninstall`) with what identifies the
/// exchange: the HTTP status and the service's request id.
///
/// The id is the reply's `X-Request-Id` header (32 hex characters from amoCRM and the sandbox; see
/// amocrm-api.md "Responses carry an `X-Request-Id` header"): support asks for it, and the audit log
/// records it for successes as well as failures (failures carry theirs in `AmoError`).
/// The value's own members are reachable directly (`reply.code` for `reply.value.code`), so code
/// written against the plain value keeps reading the same.
@dynamicMemberLookup
public struct AmoReply<Value: Sendable>: Sendable {
    /// The decoded answer (`Widget` for an install, `Void` for an uninstall's 204).
    public var value: Value
    /// The HTTP status of the final attempt, e.g. 200 or 204.
    public var status: Int
    /// The final attempt's `X-Request-Id`, nil when the server sent none (or an empty one).
    public var requestID: String?

    /// A reply from its parts.
    public init(value: Value, status: Int, requestID: String?) {
        self.value = value
        self.status = status
        self.requestID = requestID
    }

    /// A member of `value`, e.g. `reply.settings` for an install's `Widget.settings`.
    public subscript<T>(dynamicMember keyPath: KeyPath<Value, T>) -> T {
        value[keyPath: keyPath]
    }
}
