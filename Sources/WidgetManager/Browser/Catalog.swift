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
    /// The code lower-cased as UTF-8 bytes: the sort and the filter compare bytes (the filter scans
    /// them packed in `SortedCodes`).
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
    /// The lower-cased codes in `sorted` order, packed for the filter's scan.
    private var codes = SortedCodes()
    /// Earlier filter results (narrowing and Backspace); cleared whenever `sorted` or
    /// `installedOnly` change, so its positions always index the current `sorted`.
    private var memo = FilterMemo()

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
        if sort == .installedFirst { resort() } else if installedOnly { memo.clear(); refilter() }
    }

    /// Forgets everything loaded (a reload), keeping filter and sort.
    public mutating func removeAll() {
        entries = []; position = [:]; sorted = []; visible = []; codes = SortedCodes(); memo.clear()
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
        memo.clear()
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
        codes = SortedCodes(sorted.lazy.map { e[$0].lowerCode })
        memo.clear()
        refilter()
    }

    /// Recomputes `visible` for the current filter: typing a letter searches only the current
    /// matches and Backspace reuses an earlier result (`FilterMemo`); otherwise one scan of the
    /// packed codes. The installed flag is read from `entries` only when installed-only is on.
    private mutating func refilter() {
        let e = entries, order = sorted, codes = self.codes
        let onlyInstalled = installedOnly
        let query = FilterQuery(filter)
        let positions = memo.positions(for: query) { candidates in
            codes.positions(matching: query, among: candidates) { !onlyInstalled || e[order[$0]].installed }
        }
        visible = positions.map { order[$0] }
    }
}
