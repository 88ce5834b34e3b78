import AmoCRM
import Testing
@testable import WidgetManager

/// A keystroke over 10,000 widgets at 200×60 (update + render) must stay cheap: the filtered and
/// sorted index is cached, and only visible rows are drawn. Wall-clock bounds in a debug build on a
/// shared machine running tests in parallel are noisy, so the bounds only catch a pathological
/// (quadratic, whole-list) cost; the benchmarks measure the release build.
@Suite struct PerformanceTests {
    static func bigCatalogue() -> Harness {
        var h = Harness(width: 200, height: 60)
        let widgets = (0..<10_000).map { i in
            Widget(id: i, code: "widget_\(String(i * 7919 % 10_000))", version: "1.\(i % 10)", rating: nil,
                   settingsTemplate: [SettingsField(key: "k", name: "Ключ", type: .text, isRequired: true)],
                   isActiveInAccount: i % 13 == 0)
        }
        h.page(1, widgets, next: false)
        return h
    }

    @Test func aKeystrokeOverTenThousandWidgetsIsCheap() {
        var h = Self.bigCatalogue()
        #expect(h.state.catalog.visible.count == 10_000)
        let clock = ContinuousClock()
        let rounds = 40
        let elapsed = clock.measure {
            for i in 0..<rounds {
                h.key(i % 2 == 0 ? .down : .pageDown)
                _ = AppView.render(h.state, width: 200, height: 60)
            }
        }
        let perKey = elapsed / rounds
        #expect(perKey < .milliseconds(250), "per keystroke: \(perKey)")
        // Typing the filter recomputes the shown list, still far under a frame.
        let filtering = clock.measure {
            h.key(.char("/"))
            for ch in "widget_99" { h.key(.char(ch)); _ = AppView.render(h.state, width: 200, height: 60) }
        }
        #expect(h.state.catalog.visible.count == 111)
        #expect(filtering / 9 < .milliseconds(250), "per filter keystroke: \(filtering / 9)")
        print("per move keystroke \(perKey), per filter keystroke \(filtering / 9)")
    }
}
