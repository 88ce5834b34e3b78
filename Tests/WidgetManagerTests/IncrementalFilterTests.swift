import AmoCRM
import Testing
@testable import WidgetManager

/// The filter narrows the current matches as letters are typed and reuses earlier results on
/// Backspace (`FilterMemo`); after every step it must show exactly what one full scan shows.
@Suite struct IncrementalFilterTests {
    /// 300 widgets: Latin and Cyrillic codes in mixed case, every third installed.
    static let widgets: [Widget] = {
        let heads = ["amo_", "Lead_", "SIP", "виджет_", "ВИДЖЕТ_", "Ёлка_", "tele", "AmoCRM"]
        let tails = ["crm", "Form", "ПОЧТА", "dp", "x", "почта_2", "Telephony"]
        var out: [Widget] = []
        for (h, head) in heads.enumerated() {
            for (t, tail) in tails.enumerated() {
                for n in 0..<5 {
                    let code = "\(head)\(tail)\(n == 0 ? "" : String(n * 7))"
                    out.append(Fixtures.widget(code, id: out.count + 1, installed: (h + t + n) % 3 == 0))
                }
            }
        }
        return out
    }()

    func codes(_ c: Catalog) -> [String] { c.visible.map { c.entries[$0].widget.code } }

    /// What a catalogue with no filter history shows for the same data and settings (one full scan).
    func fullScan(_ c: Catalog) -> [String] {
        var fresh = Catalog()
        fresh.add(c.entries.map(\.widget))
        for e in c.entries where e.installed != e.widget.isActiveInAccount { fresh.setInstalled(e.widget.code, e.installed) }
        fresh.setSort(c.sort)
        fresh.setInstalledOnly(c.installedOnly)
        fresh.setFilter(c.filter)
        return codes(fresh)
    }

    /// The codes the filter text selects, by plain String comparison (independent of the byte scan).
    func expectedSet(_ c: Catalog) -> Set<String> {
        var text = c.filter
        let invert = text.hasPrefix("!")
        if invert { text.removeFirst() }
        let needle = text.lowercased()
        return Set(c.entries.filter { e in
            (!c.installedOnly || e.installed) && (needle.isEmpty || e.widget.code.lowercased().contains(needle) != invert)
        }.map(\.widget.code))
    }

    func check(_ c: Catalog, _ note: String) {
        let shown = codes(c)
        #expect(shown == fullScan(c), "\(note): filter \(c.filter)")
        #expect(Set(shown) == expectedSet(c), "\(note): filter \(c.filter)")
    }

    /// Types `text` letter by letter (checking each step), then erases it with Backspace.
    func typeAndErase(_ c: inout Catalog, _ text: String) {
        var typed = ""
        for ch in text { typed.append(ch); c.setFilter(typed); check(c, "typed") }
        while !typed.isEmpty { typed.removeLast(); c.setFilter(typed); check(c, "erased") }
    }

    @Test func typingAndBackspaceMatchAFullScanWithCaseFoldingAndCyrillic() {
        var c = Catalog()
        c.add(Self.widgets)
        typeAndErase(&c, "ВИДЖЕТ_поЧТА_2")
        typeAndErase(&c, "амо")  // Cyrillic look-alikes of "amo": matches nothing
        typeAndErase(&c, "AMOcrm")
        typeAndErase(&c, "ёЛКА")
        #expect(codes(c).count == Self.widgets.count)
        c.setFilter("почта")
        #expect(Set(codes(c)) == Set(Self.widgets.map(\.code).filter { $0.lowercased().contains("почта") }))
        #expect(!codes(c).isEmpty)
    }

    @Test func invertingInsertingInTheMiddleAndPastingMatchAFullScan() {
        var c = Catalog()
        c.add(Self.widgets)
        for text in ["a", "am", "amo", "!amo", "!am", "!", "", "ad", "abd", "lead", "le_ad", "lead", "Lead_Form",
                     "lead_form14", "ead_f", "!tele", "!telex", "tele", "x", "", "zzz", "zz"] {
            c.setFilter(text)
            check(c, "step")
        }
    }

    @Test func aFilterLongerThanTheMemoStillErasesCorrectly() {
        var c = Catalog()
        c.add(Self.widgets + [Fixtures.widget(String(repeating: "ab", count: 30), id: 9_999)])
        typeAndErase(&c, String(repeating: "ab", count: 25))  // 50 letters, more than FilterMemo.depth
    }

    @Test func installedOnlySortAndNewPagesBetweenKeysMatchAFullScan() {
        var c = Catalog()
        c.add(Array(Self.widgets.prefix(150)))
        c.setFilter("a"); check(c, "a")
        c.setFilter("am"); check(c, "am")
        c.setInstalledOnly(true); check(c, "installed only")
        c.setFilter("amo"); check(c, "amo, installed only")
        c.setFilter("am"); check(c, "back to am, installed only")
        c.setInstalledOnly(false); check(c, "all again")
        c.setSort(.installedFirst); check(c, "installed first")
        c.setFilter("amo_"); check(c, "amo_")
        c.add(Array(Self.widgets.dropFirst(150))); check(c, "second page")
        c.setFilter("amo"); check(c, "erased after the page")
        c.setInstalled("amo_x", true); check(c, "installed one")
        c.setSort(.rating); c.setFilter("amo_x"); check(c, "by rating")
        c.setInstalledOnly(true); c.setInstalled("amo_x", false); check(c, "uninstalled while installed only")
        c.setFilter("amo"); check(c, "widened while installed only")
        c.removeAll()
        #expect(codes(c).isEmpty)
        c.add(Array(Self.widgets.prefix(40))); check(c, "reloaded")
    }

    @Test func narrowingNeedsTheEarlierTextInsideAndNoInversion() {
        #expect(FilterQuery("amo").narrows(FilterQuery("am")))
        #expect(FilterQuery("xamoy").narrows(FilterQuery("amo")))
        #expect(FilterQuery("АМО").narrows(FilterQuery("мо")))  // compared lower-cased
        #expect(!FilterQuery("abd").narrows(FilterQuery("ad")))
        #expect(!FilterQuery("!amo").narrows(FilterQuery("!am")))  // inverted: more letters show more
        #expect(!FilterQuery("amo").narrows(FilterQuery("!am")))
        #expect(!FilterQuery("amo").narrows(FilterQuery("")))
    }
}
