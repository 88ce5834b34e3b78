import CNCurses
import WidgetManager

/// How a `Style` looks on this terminal: attributes plus a colour pair number (0 = the terminal's own
/// colours). Pure, so the mapping is tested without a terminal.
public struct CellLook: Hashable, Sendable {
    public var attributes: Style.Attributes
    public var pair: Int16
}

/// Maps `Style.Role`s to colour pairs when the terminal has colours and `NO_COLOR` is unset, and to
/// attributes (bold / reverse / dim) otherwise, so every role stays distinguishable on a monochrome tty.
public enum Palette {
    /// Colour pairs by role: (pair number, foreground, background); -1 is the terminal's default
    /// colour (`use_default_colors`). Roles not listed draw with pair 0 plus attributes.
    public static let pairs: [(role: Style.Role, pair: Int16, foreground: Int16, background: Int16)] = [
        (.accent, 1, Int16(COLOR_CYAN), -1),
        (.success, 2, Int16(COLOR_GREEN), -1),
        (.warning, 3, Int16(COLOR_YELLOW), -1),
        (.error, 4, Int16(COLOR_RED), -1),
        (.selection, 5, Int16(COLOR_BLACK), Int16(COLOR_CYAN)),
    ]

    /// The look of `style`; `colors` is true when colour pairs are in use.
    public static func look(for style: Style, colors: Bool) -> CellLook {
        var attributes = style.attributes
        switch style.role {
        case .muted: attributes.insert(.dim)
        case .title: attributes.formUnion([.reverse, .bold])
        default: break
        }
        if colors, let entry = pairs.first(where: { $0.role == style.role }) {
            // The selection's pair already is the highlight (black on cyan); reverse would swap it
            // back to cyan on black, and would keep curses from erasing blank runs (ECH) in the bar.
            if style.role == .selection { attributes.remove(.reverse) }
            return CellLook(attributes: attributes, pair: entry.pair)
        }
        switch style.role {
        case .accent, .warning, .error: attributes.insert(.bold)
        case .selection: attributes.insert(.reverse)
        case .normal, .muted, .success, .title: break
        }
        return CellLook(attributes: attributes, pair: 0)
    }

    /// The curses attribute bits (`A_*`) for `attributes`.
    static func cursesAttributes(_ attributes: Style.Attributes) -> attr_t {
        var bits = cn_a_normal()
        if attributes.contains(.bold) { bits |= cn_a_bold() }
        if attributes.contains(.reverse) { bits |= cn_a_reverse() }
        if attributes.contains(.underline) { bits |= cn_a_underline() }
        if attributes.contains(.dim) { bits |= cn_a_dim() }
        return bits
    }
}
