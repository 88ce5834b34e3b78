import Foundation
import Testing
@testable import AmoCRM

/// Long settings labels read from different pages end up as one copy (issue 6, peak RSS), and
/// sharing never changes what a widget says.
@Suite struct FieldTextInternerTests {
    static let long = "ID магазина в системе"          // 38 UTF-8 bytes: a heap string
    static let longKey = "integration_api_secret_key"  // 26 bytes

    /// A widgets page as the API sends it, decoded the way the client does (each string its own copy).
    static func page(_ codes: [String], name: String = long) throws -> WidgetPage {
        let items = codes.map { code in
            #"{"id":1,"code":"\#(code)","settings_template":[{"key":"\#(longKey)","name":"\#(name)","type":"text","is_required":true},"#
                + #"{"key":"login","name":"Логин","type":"text","is_required":false}]}"#
        }
        let body = #"{"_page":1,"_embedded":{"widgets":[\#(items.joined(separator: ","))]}}"#
        return HALDecoding.widgetPage(document: try HALDocument(bytes: Array(body.utf8), key: "widgets"), requestedPage: 1)
    }

    /// Where a native string keeps its bytes (equal addresses = one shared copy).
    static func storage(_ s: String) -> UnsafeRawPointer? {
        s.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
    }

    @Test func equalLongLabelsAcrossPagesShareOneCopyAndKeepTheirText() throws {
        var first = try Self.page(["a", "b"]), second = try Self.page(["c"])
        let before = first.widgets + second.widgets
        #expect(Self.storage(first.widgets[0].settingsTemplate[0].name) != Self.storage(second.widgets[0].settingsTemplate[0].name))
        var interner = FieldTextInterner()
        interner.share(&first.widgets)
        interner.share(&second.widgets)
        #expect(first.widgets + second.widgets == before)
        let names = (first.widgets + second.widgets).map { Self.storage($0.settingsTemplate[0].name) }
        let keys = (first.widgets + second.widgets).map { Self.storage($0.settingsTemplate[0].key) }
        #expect(Set(names).count == 1 && names[0] != nil)
        #expect(Set(keys).count == 1 && keys[0] != nil)
    }

    @Test func remembersAtMostItsLimitOfDistinctTexts() throws {
        var interner = FieldTextInterner(limit: 2)  // the shared key and the first label
        var pages = try (0..<3).map { try Self.page(["w\($0)", "x\($0)"], name: "\(Self.long) \($0)") }
        let before = pages.map(\.widgets)
        for i in pages.indices { interner.share(&pages[i].widgets) }
        #expect(pages.map(\.widgets) == before)
        // Page 0's label was remembered: both its widgets share it. Page 2's came after the limit.
        #expect(Self.storage(pages[0].widgets[0].settingsTemplate[0].name) == Self.storage(pages[0].widgets[1].settingsTemplate[0].name))
        #expect(Self.storage(pages[2].widgets[0].settingsTemplate[0].name) != Self.storage(pages[2].widgets[1].settingsTemplate[0].name))
    }
}
