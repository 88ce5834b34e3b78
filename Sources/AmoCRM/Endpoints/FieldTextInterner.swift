import NIOConcurrencyHelpers

/// Keeps one copy of each settings-template key and label while the catalogue is read.
///
/// Why (issue 6, peak RSS): labels repeat across widgets ("ID магазина", "Номер телефона", …) and
/// every widget read from a page holds its own heap copy of each one longer than a small string
/// (15 UTF-8 bytes; shorter ones live inline in the `String` and cost nothing). Sharing them saves
/// about 0.7 MB with the 10,000-widget bench catalogue (26,000 fields, 20 distinct long labels).
/// Bounded: after `limit` distinct texts it only reuses what it has, so a catalogue of unique
/// labels cannot make it grow without end.
struct FieldTextInterner {
    private var kept: Set<String> = []
    /// Distinct texts remembered at most.
    let limit: Int

    init(limit: Int = 4096) { self.limit = limit }

    /// Replaces the long keys and labels of `widgets`' settings templates by the copies already seen.
    mutating func share(_ widgets: inout [Widget]) {
        for w in widgets.indices {
            for f in widgets[w].settingsTemplate.indices {
                share(&widgets[w].settingsTemplate[f].name)
                share(&widgets[w].settingsTemplate[f].key)
            }
        }
    }

    private mutating func share(_ text: inout String) {
        guard text.utf8.count > 15 else { return }
        if let index = kept.firstIndex(of: text) {
            text = kept[index]
        } else if kept.count < limit {
            kept.insert(text)
        }
    }
}

extension WidgetPage {
    /// This page's widgets with their long settings labels shared through `interner` (in place).
    mutating func shareLabels(_ interner: borrowing NIOLockedValueBox<FieldTextInterner>) {
        interner.withLockedValue { $0.share(&widgets) }
    }
}
