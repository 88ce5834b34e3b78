import Testing
@testable import WidgetManager

@Suite struct CatalogTests {
    func codes(_ c: Catalog) -> [String] { c.visible.map { c.entries[$0].widget.code } }

    @Test func filterIsCaseInsensitiveAndBangInverts() {
        var c = Catalog()
        c.add(Fixtures.firstPage + Fixtures.secondPage)
        c.setFilter("AMO_")
        #expect(codes(c) == ["amo_asterisk", "amo_dropbox", "amo_mailchimp"])
        c.setFilter("!amo")
        #expect(codes(c) == ["lead_form", "sip_users"])
        c.setFilter("!")
        #expect(codes(c).count == 5)
        c.setFilter("zzz")
        #expect(codes(c).isEmpty)
    }

    @Test func sortsAndInstalledOnly() {
        var c = Catalog()
        c.add(Fixtures.secondPage + Fixtures.firstPage)
        #expect(codes(c) == ["amo_asterisk", "amo_dropbox", "amo_mailchimp", "lead_form", "sip_users"])
        c.setSort(.rating)
        // 4.9, 3.4, 2.8, 2.7, then no rating.
        #expect(codes(c) == ["sip_users", "amo_mailchimp", "amo_dropbox", "amo_asterisk", "lead_form"])
        c.setSort(.installedFirst)
        #expect(codes(c).first == "amo_mailchimp")
        c.setInstalled("lead_form", true)
        #expect(Array(codes(c).prefix(2)) == ["amo_mailchimp", "lead_form"])
        c.setInstalledOnly(true)
        #expect(codes(c) == ["amo_mailchimp", "lead_form"])
    }

    @Test func aRepeatedCodeReplacesTheEntry() {
        var c = Catalog()
        c.add([Fixtures.asterisk])
        c.add([Fixtures.widget("amo_asterisk", id: 10, version: "2.0.0")])
        #expect(c.entries.count == 1)
        #expect(c.entry("amo_asterisk")?.widget.version == "2.0.0")
    }
}
