import Testing
import WidgetManager
@testable import TerminalUI

/// Style roles -> colour pairs (with colours) or attributes (monochrome / NO_COLOR).
@Suite struct PaletteTests {
    @Test func colourPairsWhenColoursAreOn() {
        #expect(Palette.look(for: Style(.error), colors: true) == CellLook(attributes: [], pair: 4))
        #expect(Palette.look(for: Style(.accent, .underline), colors: true) == CellLook(attributes: [.underline], pair: 1))
        #expect(Palette.look(for: .plain, colors: true) == CellLook(attributes: [], pair: 0))
        #expect(Palette.look(for: Style(.title), colors: true) == CellLook(attributes: [.reverse, .bold], pair: 0))
    }

    @Test func theSelectionBarIsItsColourPairNotReversed() {
        // The list asks for reverse (it matters without colours); with colours the pair is the bar,
        // and reverse would swap it to cyan on black.
        #expect(Palette.look(for: Style(.selection, .reverse), colors: true) == CellLook(attributes: [], pair: 5))
        #expect(Palette.look(for: Style(.selection, .underline), colors: true) == CellLook(attributes: [.underline], pair: 5))
        #expect(Palette.look(for: Style(.selection, .reverse), colors: false) == CellLook(attributes: [.reverse], pair: 0))
    }

    @Test func attributesWithoutColours() {
        #expect(Palette.look(for: Style(.error), colors: false) == CellLook(attributes: [.bold], pair: 0))
        #expect(Palette.look(for: Style(.selection), colors: false) == CellLook(attributes: [.reverse], pair: 0))
        #expect(Palette.look(for: Style(.muted), colors: false) == CellLook(attributes: [.dim], pair: 0))
        #expect(Palette.look(for: Style(.success, .underline), colors: false) == CellLook(attributes: [.underline], pair: 0))
    }

    @Test func everyColouredRoleHasItsOwnPair() {
        let numbers = Palette.pairs.map(\.pair)
        #expect(Set(numbers).count == numbers.count)
        #expect(!numbers.contains(0))
        // Without colours, the roles that carry meaning stay distinguishable from plain text.
        for role in [Style.Role.accent, .warning, .error, .selection, .title, .muted] {
            #expect(Palette.look(for: Style(role), colors: false) != Palette.look(for: .plain, colors: false), "\(role)")
        }
    }

    @Test func utf8CodesetNames() {
        #expect(CursesSession.isUTF8(codeset: "UTF-8"))
        #expect(CursesSession.isUTF8(codeset: "utf8"))
        #expect(!CursesSession.isUTF8(codeset: "ANSI_X3.4-1968"))
        #expect(!CursesSession.isUTF8(codeset: "KOI8-R"))
    }
}
