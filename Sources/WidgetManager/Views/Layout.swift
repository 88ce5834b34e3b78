/// A rectangle of cells.
public struct Rect: Hashable, Sendable {
    /// Top-left corner and size, in cells.
    public var x, y, width, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
}

/// Where everything goes on a screen of a given size; `update` (for paging) and the views share it.
///
/// ```
/// row 0       ┌ title ───────────────────────┐
/// rows 1…     │ list (header + rows) │ detail │   side by side from 100 columns,
///             │                      │        │   list above detail when narrower
/// row h-4     ├──────────────────────┴────────┤
/// row h-3     │ status                 spinner│
/// row h-2     │ hints                         │
/// row h-1     └───────────────────────────────┘
/// ```
/// Below 40×12 nothing but a "terminal too small" message is drawn.
public struct Layout: Hashable, Sendable {
    /// Below this size only "terminal too small" is drawn.
    public static let minWidth = 40, minHeight = 12
    /// From this width the detail pane sits beside the list.
    public static let sideBySideWidth = 100

    /// The terminal size laid out.
    public let width, height: Int
    /// Below 40×12.
    public let tooSmall: Bool
    /// Narrower than 100 columns: detail below the list.
    public let stacked: Bool
    /// The list including its header row.
    public let list: Rect
    /// The detail pane (for the stacked layout, below the separator line at `list.y + list.height`).
    public let detail: Rect
    /// The area a form or help overlay uses: everything between title and separator, inside the frame.
    public let main: Rect
    /// Rows of the separator, status line and hint bar.
    public let separatorY, statusY, hintsY: Int

    /// True below 40×12.
    public static func isTooSmall(width: Int, height: Int) -> Bool { width < minWidth || height < minHeight }

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        tooSmall = Self.isTooSmall(width: width, height: height)
        stacked = width < Self.sideBySideWidth
        separatorY = height - 4
        statusY = height - 3
        hintsY = height - 2
        let innerW = max(0, width - 2)
        let mainH = max(0, height - 5)
        main = Rect(x: 1, y: 1, width: innerW, height: mainH)
        if stacked {
            let listH = max(2, (mainH - 1) * 55 / 100)
            list = Rect(x: 1, y: 1, width: innerW, height: listH)
            detail = Rect(x: 1, y: 1 + listH + 1, width: innerW, height: mainH - listH - 1)
        } else {
            let listW = max(44, (innerW - 1) / 2)
            list = Rect(x: 1, y: 1, width: listW, height: mainH)
            detail = Rect(x: 1 + listW + 1, y: 1, width: innerW - listW - 1, height: mainH)
        }
    }

    /// Rows of widgets the list shows (its height minus the header).
    public var listRows: Int { max(0, list.height - 1) }
}
