/// Whether a failed change (POST, DELETE) may still have been carried out by the service.
extension AmoError {
    /// True when the request may have reached the service and been carried out although no usable
    /// answer came back: the connection dropped or timed out after sending (not `connectionRefused`,
    /// which never reached it), a 2xx status whose body is unreadable (truncated, mislabelled, 204
    /// where a body was promised), or 504 (the gateway gave up waiting for the backend). The client
    /// never resends a POST/DELETE then; callers should say the outcome is unknown and check
    /// (`GET /api/v4/widgets/{code}` tells whether the widget is installed).
    public var outcomeUnknown: Bool {
        switch self {
        case .transport(let failure, _): failure != .connectionRefused
        case .unexpectedBody(_, let c): (200..<300).contains(c.status ?? 0)
        case .server(let c): c.status == 504
        default: false
        }
    }
}
