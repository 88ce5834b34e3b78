/// What a key asks the application to do. The keymap (`Keymap.bindings`) maps keys to commands per
/// context; `update` acts on commands, so the same behaviour is reachable from any key bound to it.
public enum Command: Hashable, Sendable, CaseIterable {
    // Browser
    case moveUp, moveDown, pageUp, pageDown, first, last, scrollDetailUp, scrollDetailDown, toggleDetail
    case startFilter, clearFilter, toggleInstalledOnly, cycleSort, reload
    case install, reconfigure, uninstall, help, quit
    // Editing the filter
    case acceptFilter, cancelFilter
    // Settings form
    case nextField, previousField, submit, revealSecret, addUserRow, cancelForm, nextEmptyRequired, openEditor
    // Dialogs
    case confirmYes, confirmNo
    // Help overlay
    case closeHelp
}

/// Where the user is: decides which bindings apply. Text contexts (`.filter`, `.form`) give printable
/// characters to the line editor, so only non-letter keys are commands there.
public enum KeyContext: String, Hashable, Sendable, CaseIterable {
    case browser, filter, form, dialog, help

    /// The heading of this context in the help overlay.
    public var title: String {
        switch self {
        case .browser: "Widget list"
        case .filter: "Filter"
        case .form: "Settings form"
        case .dialog: "Questions"
        case .help: "Help"
        }
    }

    /// True where letters are typed text rather than commands.
    public var isTextEntry: Bool { self == .filter || self == .form }
}
