import Testing
@testable import WidgetManager

/// The detail header's version: one "v" before a bare number, a version that names itself kept.
@Suite struct DetailVersionTests {
    @Test func aBareNumberGetsOneV() {
        #expect(DetailView.version("1.4.10") == "v1.4.10")
        #expect(DetailView.version("0") == "v0")
    }

    @Test func aVersionThatNamesItselfIsKept() {
        #expect(DetailView.version("v0.11") == "v0.11")
        #expect(DetailView.version("V2") == "V2")
        #expect(DetailView.version("beta-3") == "beta-3")
        #expect(DetailView.version("") == "")
    }
}
