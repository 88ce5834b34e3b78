import AmoCRM

/// The widget list's columns as the TUI draws them (`ListView`), for other front ends: the CLI's
/// `list` prints the same columns, in the same order, with the same texts, sorted as the TUI's
/// default order (`SortOrder.code`, see `Catalog`).
public enum ListColumns {
    /// Column titles, left to right: CODE, VERSION, RATING, FLAGS, FIELDS (settings template size).
    public static let titles = ["CODE", "VERSION", "RATING", "FLAGS", "FIELDS"]

    /// The rating as `2.8`, the raw text when it is not a number, `-` when absent.
    public static func rating(_ w: Widget) -> String { ListView.rating(w) }

    /// One letter per position — I installed, L lead source, D Digital Pipeline, T CRM template —
    /// with `blank` where a flag is off (the TUI draws a space; text output uses `-` so every row
    /// keeps one word per column).
    public static func flags(_ w: Widget, installed: Bool, blank: Character = " ") -> String {
        String(ListView.flags(CatalogEntry(w, installed: installed)).map { $0 == " " ? blank : $0 })
    }

    /// The cells of one row, in `titles` order (`-` for an empty version).
    public static func cells(_ w: Widget, installed: Bool, blank: Character = "-") -> [String] {
        [w.code, w.version.isEmpty ? "-" : w.version, rating(w), flags(w, installed: installed, blank: blank), String(w.settingsTemplate.count)]
    }

    /// `widgets` in the TUI's list order (by code, ignoring case), keeping only installed ones when
    /// `installedOnly`, and those whose code contains `filter` (ignoring case; a leading `!` inverts),
    /// as the TUI's `/` filter does.
    public static func shown(_ widgets: [Widget], installedOnly: Bool = false, filter: String = "") -> [Widget] {
        var catalog = Catalog()
        catalog.add(widgets)
        catalog.setInstalledOnly(installedOnly)
        catalog.setFilter(filter)
        return catalog.visible.map { catalog.entries[$0].widget }
    }
}

extension CatalogEntry {
    /// An entry whose installed mark is `installed` (for drawing a row outside the catalogue).
    init(_ widget: Widget, installed: Bool) {
        self.init(widget)
        self.installed = installed
    }
}
