// The catalogue's element-by-element parse gives the same values as the whole-tree parse.
import Foundation
import Testing
@testable import AmoSandbox

@Suite struct JSONStreamingTests {
    @Test func elementsArriveInOrderEqualToTheWholeParse() throws {
        let text = #" [ {"a":1,"b":"Ж\n"} , [2.5,-0,123456789012345678,9223372036854775807], "x\"y", null ,true] "#
        var seen: [(Int, SandboxJSON)] = []
        #expect(try SandboxJSON.parseElements(Array(text.utf8)) { seen.append(($0, $1)) })
        let whole = try #require(try SandboxJSON.parse(text).arrayValue)
        #expect(seen.map(\.0) == [0, 1, 2, 3, 4])
        #expect(seen.map(\.1) == whole)
        #expect(whole[1].arrayValue?[2] == .int(123_456_789_012_345_678))
        #expect(whole[1].arrayValue?[3] == .int(Int.max))
        #expect(whole[2] == .string("x\"y"))
        #expect(try SandboxJSON.parseElements(Array("[]".utf8)) { _, _ in Issue.record("no elements") })
    }

    @Test func aNonArrayIsLeftToTheWholeParse() throws {
        #expect(try !SandboxJSON.parseElements(Array(#"{"widgets":[]}"#.utf8)) { _, _ in Issue.record("not an array") })
    }

    @Test(arguments: ["[1,", "[1,]", "[1 2]", "[1] x", "[\"\\ud800\"]", "[01]"])
    func brokenArraysThrowAfterTheGoodElements(_ text: String) {
        #expect(throws: JSONParseError.self) { _ = try SandboxJSON.parseElements(Array(text.utf8)) { _, _ in } }
    }

    @Test func aDuplicateWidgetCodeNamesItsIndex() throws {
        let widget = #"{"id":1,"code":"dup","version":"1","rating":null,"settings_template":[],"is_lead_source":false,"#
            + #""is_work_with_dp":false,"is_crm_template":false,"client_uuid":null,"is_active_in_account":false,"pipeline_id":null}"#
        #expect(throws: SandboxFileError.self) { _ = try CatalogDecoder.widgets((Array("[\(widget),\(widget)]".utf8), "w.json")) }
        do {
            _ = try CatalogDecoder.widgets((Array("[\(widget),\(widget)]".utf8), "w.json"))
        } catch {
            #expect("\(error)" == "w.json: [1].code: widget code dup appears twice")
        }
        let (widgets, index) = try CatalogDecoder.widgets((Array("[\(widget)]".utf8), "w.json"))
        #expect(widgets.map(\.code) == ["dup"] && index == ["dup": 0])
    }
}
