/// One row of the keymap: the keys, where they work, what they do, and how they are shown.
public struct KeyBinding: Hashable, Sendable {
    /// Every key that triggers the command (the first few are named in `label`).
    public var keys: [KeyEvent]
    /// How the keys are written in the hint bar and help, e.g. "↑↓" or "PgUp".
    public var label: String
    /// Where the binding works.
    public var context: KeyContext
    /// What it does.
    public var command: Command
    /// A few words for the hint bar and the help overlay.
    public var description: String
    /// Shown in the bottom hint bar (the help overlay shows every binding).
    public var inHints: Bool
    /// Changes the account (install, uninstall): marked in help, hidden and refused in read-only mode.
    public var dangerous: Bool
}

/// THE keymap: one table from which key lookup, the hint bar and the help overlay are all generated.
///
/// Letter commands also work on a Russian ЙЦУКЕН layout: a letter that is not bound in a context is
/// translated to the Latin letter on the same physical key (`й`→`q`, `ш`→`i`, `П`→`G`, `.`→`/`...)
/// and looked up again. Text contexts never translate: there a letter is text.
public enum Keymap {
    /// Every binding, in the order the hint bar and help show them.
    public static let bindings: [KeyBinding] = [
        b([.up, .char("k")], "↑ k", .browser, .moveUp, "move up"),
        b([.down, .char("j")], "↓ j", .browser, .moveDown, "move down"),
        b([.pageUp], "PgUp", .browser, .pageUp, "page up"),
        b([.pageDown], "PgDn", .browser, .pageDown, "page down"),
        b([.home, .char("g")], "Home g", .browser, .first, "first widget"),
        b([.end, .char("G")], "End G", .browser, .last, "last widget"),
        b([.enter], "Enter", .browser, .toggleDetail, "details whole"),
        b([.char("i")], "i", .browser, .install, "install", hint: true, dangerous: true),
        b([.char("e")], "e", .browser, .reconfigure, "edit", hint: true, dangerous: true),
        b([.char("d")], "d", .browser, .uninstall, "uninstall", hint: true, dangerous: true),
        b([.char("J")], "J", .browser, .scrollDetailDown, "details down"),
        b([.char("K")], "K", .browser, .scrollDetailUp, "details up"),
        b([.char("/")], "/", .browser, .startFilter, "filter", hint: true),
        b([.escape], "Esc", .browser, .clearFilter, "clear, dismiss"),
        b([.char("a")], "a", .browser, .toggleInstalledOnly, "installed only", hint: true),
        b([.char("s")], "s", .browser, .cycleSort, "sort", hint: true),
        b([.char("r")], "r", .browser, .reload, "reload"),
        b([.char("?"), .function(1)], "?", .browser, .help, "help", hint: true),
        b([.char("q"), .ctrl("c")], "q", .browser, .quit, "quit", hint: true),

        b([.enter], "Enter", .filter, .acceptFilter, "keep filter", hint: true),
        b([.escape], "Esc", .filter, .cancelFilter, "clear filter", hint: true),

        b([.ctrl("s"), .function(10)], "^S", .form, .submit, "send", hint: true, dangerous: true),
        b([.escape, .ctrl("c")], "Esc", .form, .cancelForm, "cancel", hint: true),
        b([.tab, .down], "Tab", .form, .nextField, "next", hint: true),
        b([.backTab, .up], "S-Tab", .form, .previousField, "previous", hint: true),
        b([.ctrl("r"), .function(2)], "^R", .form, .revealSecret, "reveal secret", hint: true),
        b([.enter], "Enter", .form, .nextField, "next field"),
        b([.ctrl("n")], "^N", .form, .addUserRow, "add user row"),
        b([.pageDown], "PgDn", .form, .pageDown, "a screen down"),
        b([.pageUp], "PgUp", .form, .pageUp, "a screen up"),
        b([.ctrl("g")], "^G", .form, .nextEmptyRequired, "next empty required"),
        b([.ctrl("e")], "^E", .form, .openEditor, "edit in $EDITOR"),
        b([.ctrl("q")], "^Q", .form, .quit, "quit"),
        b([.function(1)], "F1", .form, .help, "help"),

        b([.char("y"), .char("Y")], "y", .dialog, .confirmYes, "yes", hint: true),
        b([.char("n"), .char("N"), .escape], "n Esc", .dialog, .confirmNo, "no", hint: true),

        b([.escape, .char("?"), .char("q"), .enter], "Esc ?", .help, .closeHelp, "close help", hint: true),
        b([.down, .char("j")], "↓ j", .help, .moveDown, "scroll down", hint: true),
        b([.up, .char("k")], "↑ k", .help, .moveUp, "scroll up"),
        b([.pageDown, .char(" ")], "PgDn", .help, .pageDown, "page down"),
        b([.pageUp], "PgUp", .help, .pageUp, "page up"),
    ]

    /// The command for `key` in `context`, or nil. In read-only mode dangerous commands are refused
    /// by `update` (which says so), not hidden here, so the user learns why nothing happened.
    public static func command(for key: KeyEvent, in context: KeyContext) -> Command? {
        if let c = table[context]?[key] { return c }
        guard !context.isTextEntry, case .char(let ch) = key, let latin = russianToLatin[ch] else { return nil }
        return table[context]?[.char(latin)]
    }

    /// The bindings of `context` that the hint bar shows (dangerous ones left out when `readonly`).
    public static func hints(for context: KeyContext, readonly: Bool) -> [KeyBinding] {
        bindings.filter { $0.context == context && $0.inHints && !(readonly && $0.dangerous) }
    }

    /// The hint bar's text: "label description" pairs separated by two spaces, in table order, as
    /// many as fit in `width` columns; help and quit are always kept (at the end).
    /// `describe` may say what a key does now instead of its fixed words (a toggle names the mode
    /// it switches to: "a all widgets" while installed-only is on).
    public static func hintText(for context: KeyContext, readonly: Bool, width: Int = .max,
                                describe: (Command) -> String? = { _ in nil }) -> String {
        let items = hints(for: context, readonly: readonly).map { ($0.command, "\($0.label) \(describe($0.command) ?? $0.description)") }
        let kept: Set<Command> = [.help, .quit]
        let tail = items.filter { kept.contains($0.0) }.map(\.1)
        var budget = width - tail.reduce(0) { $0 + DisplayWidth.of($1) + 2 }
        var out: [String] = []
        for (command, text) in items where !kept.contains(command) {
            let cost = DisplayWidth.of(text) + 2
            guard cost <= budget else { continue }
            out.append(text)
            budget -= cost
        }
        return (out + tail).joined(separator: "  ")
    }

    /// Said at the top of the help overlay.
    public static let helpNote = "Letters also work on a Russian layout (й = q, ш = i, ...)   ! changes the account   Esc closes"
    /// `helpNote` for a terminal that cannot show Cyrillic (non-UTF-8 locale), where "й" would read "?".
    public static let helpNoteASCII = "Letters also work on a Russian keyboard layout   ! changes the account   Esc closes"

    /// The help overlay's lines: a heading per context, then one line per binding (dangerous marked `!`).
    public static func helpLines(readonly: Bool) -> [String] {
        var lines: [String] = []
        for context in KeyContext.allCases where context != .help {
            let rows = bindings.filter { $0.context == context && !(readonly && $0.dangerous) }
            guard !rows.isEmpty else { continue }
            if !lines.isEmpty { lines.append("") }
            lines.append(context.title)
            for row in rows {
                let label = row.label.padding(toLength: 6, withPad: " ", startingAt: 0)
                lines.append("  \(label) \(row.description)\(row.dangerous ? "  !" : "")")
            }
        }
        return lines
    }

    /// Physical-key pairs of the ЙЦУКЕН and QWERTY layouts (lower case; upper case derived).
    static let layoutPairs: [(Character, Character)] = Array(zip(
        "йцукенгшщзхъфывапролджэячсмитьбюё", "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"))

    /// Russian character -> the Latin character on the same key; Shift pairs included.
    static let russianToLatin: [Character: Character] = {
        var map: [Character: Character] = [:]
        for (ru, en) in layoutPairs {
            map[ru] = en
            if let upRu = ru.uppercased().first, let upEn = en.uppercased().first, upRu != ru, en.isLetter {
                map[upRu] = upEn
            }
        }
        map["."] = "/"   // the `/` key types `.` on ЙЦУКЕН
        map[","] = "?"   // and Shift-/ types `,`
        return map
    }()

    /// Lookup table built once from `bindings` (first binding wins for a key).
    static let table: [KeyContext: [KeyEvent: Command]] = {
        var t: [KeyContext: [KeyEvent: Command]] = [:]
        for binding in bindings {
            for key in binding.keys where t[binding.context]?[key] == nil {
                t[binding.context, default: [:]][key] = binding.command
            }
        }
        return t
    }()

    private static func b(_ keys: [KeyEvent], _ label: String, _ context: KeyContext, _ command: Command,
                          _ description: String, hint: Bool = false, dangerous: Bool = false) -> KeyBinding {
        KeyBinding(keys: keys, label: label, context: context, command: command, description: description,
                   inHints: hint, dangerous: dangerous)
    }
}
