import Testing
@testable import WidgetManager

@Suite struct KeymapTests {
    @Test func lettersOnTheRussianLayoutMeanTheSameCommands() {
        let pairs: [(Character, Command)] = [("й", .quit), ("ш", .install), ("у", .reconfigure), ("в", .uninstall),
                                             ("ф", .toggleInstalledOnly), ("ы", .cycleSort), ("к", .reload),
                                             ("о", .moveDown), ("л", .moveUp), ("п", .first), ("П", .last), (".", .startFilter), (",", .help)]
        for (ch, command) in pairs {
            #expect(Keymap.command(for: .char(ch), in: .browser) == command, "\(ch)")
        }
        #expect(Keymap.command(for: .char("н"), in: .dialog) == .confirmYes)
        #expect(Keymap.command(for: .char("т"), in: .dialog) == .confirmNo)
    }

    @Test func textContextsKeepLettersAsText() {
        #expect(Keymap.command(for: .char("q"), in: .form) == nil)
        #expect(Keymap.command(for: .char("й"), in: .filter) == nil)
        #expect(Keymap.command(for: .tab, in: .form) == .nextField)
        #expect(Keymap.command(for: .escape, in: .filter) == .cancelFilter)
    }

    @Test func hintBarComesFromTheTableAndReadonlyHidesDangerous() {
        let normal = Keymap.hintText(for: .browser, readonly: false)
        #expect(normal.contains("i install"))
        #expect(normal.contains("d uninstall"))
        #expect(normal.contains("? help"))
        let readonly = Keymap.hintText(for: .browser, readonly: true)
        #expect(!readonly.contains("i install") && !readonly.contains("uninstall") && !readonly.contains("e edit"))
        #expect(readonly.contains("q quit"))
        for b in Keymap.hints(for: .browser, readonly: false) {
            #expect(normal.contains(b.description))
        }
    }

    @Test func helpListsEveryBindingOnce() {
        let lines = Keymap.helpLines(readonly: false)
        for binding in Keymap.bindings where binding.context != .help {
            #expect(lines.contains { $0.contains(binding.label) && $0.contains(binding.description) }, "\(binding.command)")
        }
        #expect(lines.contains { $0.contains("uninstall") && $0.hasSuffix("!") })
        #expect(!Keymap.helpLines(readonly: true).contains { $0.contains("uninstall") })
    }
}
