/// How a cell is drawn: text attributes plus a colour role. The terminal layer maps roles to colour
/// pairs when the terminal has colours and `NO_COLOR` is unset, and to attributes otherwise.
public struct Style: Hashable, Sendable {
    /// Text attributes, combinable.
    public struct Attributes: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let bold = Attributes(rawValue: 1 << 0)
        public static let reverse = Attributes(rawValue: 1 << 1)
        public static let underline = Attributes(rawValue: 1 << 2)
        public static let dim = Attributes(rawValue: 1 << 3)
    }

    /// What a colour means, not which colour it is: the terminal layer picks the colour.
    public enum Role: UInt8, Hashable, Sendable, CaseIterable {
        case normal, accent, muted, success, warning, error, selection, title
    }

    public var attributes: Attributes
    public var role: Role

    public init(_ role: Role = .normal, _ attributes: Attributes = []) {
        self.role = role
        self.attributes = attributes
    }

    public static let plain = Style()
}
