import AmoCRM
import Testing
@testable import WidgetManager

/// Whole screens at 80×24 and 120×40 compared to golden text files (see `Golden`).
@Suite struct ViewGoldenTests {
    /// The catalogue loaded, amo_asterisk's detail with its recorded settings, pipelines known.
    func browsing(ascii: Bool = false) -> Harness {
        var h = Harness(options: AppOptions(asciiOnly: ascii, accountHost: "example.amocrm.ru"))
        h.send(.message(.pipelines(id: 2, .success([Pipeline(id: 3, name: "Воронка продаж", isMain: true, isArchive: false)]))))
        h.answerUsers()
        h.loadCatalog()
        let sent = SettingsRecord(code: "amo_asterisk", host: "example.amocrm.ru", kind: .sent, savedAt: "2026-11-28T10:00:00Z",
                                  settings: ["login": .string("example"), "password": .string("eXaMp1E"),
                                             "phones": .object(["504141": .string("1039")]), "script_path": .string("https://example.com/")])
        h.answerDetail(Fixtures.asterisk, local: LocalRecords(sent: sent, sentPath: "/p"))
        h.send(.message(.tick(id: h.state.tickID, .init())))
        return h
    }

    /// 40×12 is the smallest full layout: the list keeps a readable code column (FIELDS and FLAGS left out).
    @Test(arguments: [(80, 24), (120, 40), (40, 12)])
    func browser(width: Int, height: Int) {
        let h = browsing()
        let screen = h.screen(width, height)
        #expect(!screen.contains("eXaMp1E"))
        Golden.check("browser-\(width)x\(height)", screen)
    }

    @Test func leadSourceDetailNamesItsPipeline() {
        var h = browsing()
        h.select("lead_form")
        h.answerDetail(Fixtures.leadForm)
        let screen = h.screen(120, 40)
        #expect(screen.contains("Pipeline: Воронка продаж (id 3)"))
        Golden.check("lead-source-120x40", screen)
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func form(width: Int, height: Int) {
        var h = browsing()
        h.send(.event(.resize(width: width, height: height)))
        h.key(.char("i"))
        h.key(.tab); h.type("s3cr3tpw"); h.key(.tab); h.type("101")
        h.key(.ctrl("s"))  // login is required: error beside it
        let screen = h.screen(width, height)
        #expect(!screen.contains("s3cr3tpw"))
        Golden.check("form-\(width)x\(height)", screen)
    }

    @Test func uninstallDialog() {
        var h = browsing()
        h.select("amo_mailchimp")
        h.open(.char("d"))
        h.answerLocal()
        h.send(.event(.resize(width: 80, height: 24)))
        Golden.check("dialog-80x24", h.screen(80, 24))
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func help(width: Int, height: Int) {
        var h = browsing()
        h.key(.char("?"))
        Golden.check("help-\(width)x\(height)", h.screen(width, height))
    }

    /// Help in a C locale at the smallest size: inside the frame, arrows as `^`/`v` (not `?`, the
    /// help key), no Cyrillic in the note, and a line saying which lines show (j/k scroll the rest).
    @Test func helpAsciiAtTheSmallestSize() {
        var h = browsing(ascii: true)
        h.key(.char("?"))
        let screen = h.screen(40, 12)
        #expect(screen.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(screen.contains("^ k") && !screen.contains("? k"))
        #expect(screen.contains("lines 1-3 of"))
        for line in screen.split(separator: "\n") where line.hasPrefix("|") { #expect(line.hasSuffix("|"), "frame overrun: \(line)") }
        Golden.check("help-ascii-40x12", screen)
        #expect(!h.screen(80, 24).contains("lines 1-"), "everything fits at 80x24")
    }

    /// The Linux console (`consoleSymbols`): box drawing and Cyrillic stay, the symbols its fonts lack
    /// (`▶`, `…`, braille, `—`) become ASCII, in the list, the form and the status line.
    @Test func consoleSymbolsKeepBoxesAndLetters() {
        var options = AppOptions(accountHost: "example.amocrm.ru")
        options.consoleSymbols = true
        var h = Harness(options: options)
        h.loadCatalog()
        let list = h.screen(80, 24)
        #expect(list.contains("┌") && list.contains("│") && list.contains(">amo_asterisk"))
        h.key(.char("i"))
        _ = h.answerLocal()
        let form = h.screen(80, 24)
        #expect(form.contains("Логин"), "letters stay")
        for screen in [list, form] {
            let lacking = screen.unicodeScalars.filter { (0x2000...0x24FF).contains($0.value) || (0x25A0...0x28FF).contains($0.value) }
            #expect(lacking.isEmpty, "symbols a console font lacks: \(String(String.UnicodeScalarView(lacking)))")
        }
    }

    @Test func filterAndAsciiAndTooSmall() {
        var h = browsing(ascii: true)
        h.key(.char("/")); h.type("amo")
        let ascii = h.screen(80, 24)
        #expect(ascii.unicodeScalars.allSatisfy { $0.isASCII })
        Golden.check("filter-ascii-80x24", ascii)
        Golden.check("too-small-39x11", h.screen(39, 11))
        #expect(AppView.cursor(h.state, width: 80, height: 24)?.y == 21)
    }
}
