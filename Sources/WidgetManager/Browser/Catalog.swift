import AmoCRM

/// The order of the widget list; `s` cycles through them.
public enum SortOrder: String, Hashable, Sendable, CaseIterable {
    case code, rating, installedFirst

    /// How the title bar names the order.
    public var title: String {
        switch self {
        case .code: "by code"
        case .rating: "by rating"
        case .installedFirst: "installed first"
        }
    }

    /// The next order in the cycle.
    public var next: SortOrder {
        let all = SortOrder.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }
}

/// One loaded widget plus what the browser caches about it.
public struct CatalogEntry: Hashable, Sendable {
    /// The widget as last read from the API.
    public var widget: Widget
    /// Installed in the account (`is_active_in_account`), updated after install/uninstall here.
    public var installed: Bool
    /// The code lower-cased as UTF-8 bytes: the filter compares bytes, so a keystroke over 10,000
    /// widgets costs one pass of byte comparisons and no allocation per widget.
    let lowerCode: [UInt8]

    init(_ widget: Widget) {
        self.widget = widget
        installed = widget.isActiveInAccount
        lowerCode = Array(widget.code.lowercased().utf8)
    }
}

/// The loaded widget catalogue with its filter and sort, and the cached list of what is shown.
///
/// `visible` (indices into `entries`) is recomputed only when the data, the filter, the sort or the
/// installed-only switch change; moving the selection never recomputes it.
public struct Catalog: Hashable, Sendable {
    /// Every loaded widget, in load order.
    public private(set) var entries: [CatalogEntry] = []
    /// Widget code -> index in `entries`.
    public private(set) var position: [String: Int] = [:]
    /// The filter as typed: a case-insensitive substring of the code; a leading `!` inverts it.
    public private(set) var filter: String = ""
    /// Show installed widgets only (`a`).
    public private(set) var installedOnly = false
    /// The list order (`s`).
    public private(set) var sort: SortOrder = .code
    /// Indices into `entries` in sort order (all entries), cached across filter changes.
    private var sorted: [Int] = []
    /// Indices into `entries` of the widgets shown, in order.
    public private(set) var visible: [Int] = []

    public init() {}

    /// The entry shown at row `row` of the list, if any.
    public func shown(_ row: Int) -> CatalogEntry? {
        row >= 0 && row < visible.count ? entries[visible[row]] : nil
    }

    /// The entry for widget `code`, if loaded.
    public func entry(_ code: String) -> CatalogEntry? { position[code].map { entries[$0] } }

    /// The row of widget `code` in the shown list, if shown.
    public func row(of code: String) -> Int? {
        guard let index = position[code] else { return nil }
        return visible.firstIndex(of: index)
    }

    /// Adds a page of widgets; a code already loaded is replaced (pages may overlap when the
    /// catalogue changes while it is being read).
    public mutating func add(_ widgets: [Widget]) {
        for w in widgets {
            if let i = position[w.code] { entries[i] = CatalogEntry(w) } else {
                position[w.code] = entries.count
                entries.append(CatalogEntry(w))
            }
        }
        resort()
    }

    /// Replaces one widget (a detail load or an install answer), keeping its place.
    public mutating func update(_ widget: Widget) {
        guard let i = position[widget.code] else { add([widget]); return }
        entries[i] = CatalogEntry(widget)
        resort()
    }

    /// Marks widget `code` installed or not (after an install or uninstall by this program).
    public mutating func setInstalled(_ code: String, _ installed: Bool) {
        guard let i = position[code], entries[i].installed != installed else { return }
        entries[i].installed = installed
        if sort == .installedFirst { resort() } else if installedOnly { refilter() }
    }

    /// Forgets everything loaded (a reload), keeping filter and sort.
    public mutating func removeAll() {
        entries = []; position = [:]; sorted = []; visible = []
    }

    /// Sets the filter text (see `filter`); recomputes `visible` when it changed.
    public mutating func setFilter(_ text: String) {
        guard text != filter else { return }
        filter = text
        refilter()
    }

    /// Shows installed widgets only, or all.
    public mutating func setInstalledOnly(_ on: Bool) {
        guard on != installedOnly else { return }
        installedOnly = on
        refilter()
    }

    /// Sets the order; recomputes the sorted index when it changed.
    public mutating func setSort(_ order: SortOrder) {
        guard order != sort else { return }
        sort = order
        resort()
    }

    private mutating func resort() {
        let e = entries
        let byCode: (Int, Int) -> Bool = { a, b in
            e[a].lowerCode != e[b].lowerCode ? e[a].lowerCode.lexicographicallyPrecedes(e[b].lowerCode) : a < b
        }
        switch sort {
        case .code:
            sorted = Array(e.indices).sorted(by: byCode)
        case .rating:
            sorted = Array(e.indices).sorted { a, b in
                let ra = e[a].widget.rating?.value ?? -Double.infinity
                let rb = e[b].widget.rating?.value ?? -Double.infinity
                return ra != rb ? ra > rb : byCode(a, b)
            }
        case .installedFirst:
            sorted = Array(e.indices).sorted { a, b in
                e[a].installed != e[b].installed ? e[a].installed : byCode(a, b)
            }
        }
        refilter()
    }

    private mutating func refilter() {
        var pattern = filter
        var invert = false
        if pattern.hasPrefix("!") { invert = true; pattern.removeFirst() }
        let needle = Array(pattern.lowercased().utf8)
        let e = entries
        let onlyInstalled = installedOnly
        visible = sorted.filter { i in
            if onlyInstalled && !e[i].installed { return false }
            if needle.isEmpty { return true }
            return Self.contains(e[i].lowerCode, needle) != invert
        }
    }

    /// Byte substring search (needles are short: a plain scan beats anything clever).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        let n = needle.count, h = haystack.count
        guard n <= h else { return false }
        let first = needle[0]
        var i = 0
        while i <= h - n {
            if haystack[i] == first {
                var j = 1
                while j < n && haystack[i + j] == needle[j] { j += 1 }
                if j == n { return true }
            }
            i += 1
        }
        return false
    }
}
