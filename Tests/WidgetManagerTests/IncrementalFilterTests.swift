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
        // Letters typed on a Russian layout also read as the Latin keys under them (`фьщ` finds `amo`).
        let hasCyrillic = needle.contains { !$0.isASCII && Keymap.russianToLatin[$0] != nil }
        let latin = hasCyrillic ? String(needle.map { $0.isASCII ? $0 : Keymap.russianToLatin[$0] ?? $0 }) : nil
        return Set(c.entries.filter { e in
            let code = e.widget.code.lowercased()
            let hit = code.contains(needle) || latin.map { code.contains($0) } == true
            return (!c.installedOnly || e.installed) && (needle.isEmpty || hit != invert)
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
        #expect(FilterQuery("AMO").narrows(FilterQuery("mo")))  // compared lower-cased
        // Cyrillic has a second, Latin-layout reading: searched whole, not narrowed.
        #expect(!FilterQuery("АМО").narrows(FilterQuery("мо")))
        #expect(!FilterQuery("abd").narrows(FilterQuery("ad")))
        #expect(!FilterQuery("!amo").narrows(FilterQuery("!am")))  // inverted: more letters show more
        #expect(!FilterQuery("amo").narrows(FilterQuery("!am")))
        #expect(!FilterQuery("amo").narrows(FilterQuery("")))
    }

    @Test func lettersTypedOnARussianLayoutFindLatinCodesAndTheSelectionGoesToTheBestMatch() {
        var h = Harness()
        h.page(1, [Fixtures.widget("amo_import_2469", id: 1), Fixtures.widget("amo_import", id: 2),
                   Fixtures.widget("x_amo_import_tool", id: 3), Fixtures.widget("zzz", id: 4)], next: false)
        h.key(.char("/"))
        h.type("фьщ")  // a-m-o on the ЙЦУКЕН keys
        #expect(h.state.catalog.visible.count == 3)
        h.key(.backspace); h.key(.backspace); h.key(.backspace)
        h.type("amo_import")
        #expect(h.state.selectedCode == "amo_import", "the exact code, not the first in the list")
        h.key(.enter)
        h.key(.char("/"))
        h.key(.backspace)  // amo_impor: amo_import_2469 and amo_import both start with it; list order decides
        #expect(h.state.selectedCode == "amo_import")
        for _ in 0..<9 { h.key(.backspace) }
        h.type("import_t")  // only inside x_amo_import_tool
        #expect(h.state.selectedCode == "x_amo_import_tool")
    }
}
