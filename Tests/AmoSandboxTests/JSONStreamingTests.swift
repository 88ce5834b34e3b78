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

/// The direct widget reader builds exactly what the checked tree way builds, and leaves every
/// unusual widget to it (whose error messages are the ones users see).
@Suite struct WidgetFastReaderTests {
    func treeWay(_ bytes: [UInt8]) throws -> [CatalogWidget] {
        var strings = Interner()
        return try JSONReader(try SandboxJSON.parse(bytes), file: "w").elements().map { try CatalogDecoder.widget($0, &strings) }
    }

    func same(_ a: CatalogWidget, _ b: CatalogWidget) -> Bool {
        a.id == b.id && a.code == b.code && a.version == b.version && a.rating == b.rating && a.template == b.template
            && a.isLeadSource == b.isLeadSource && a.isWorkWithDP == b.isWorkWithDP && a.isCRMTemplate == b.isCRMTemplate
            && a.clientUUID == b.clientUUID && a.initiallyInstalled == b.initiallyInstalled
            && a.initialPipelineID == b.initialPipelineID && a.initialSettings == b.initialSettings
    }

    @Test func theEmbeddedCatalogueReadsTheSameBothWays() throws {
        let bytes = Array(try #require(SandboxCatalog.embeddedFiles["widgets.json"]).utf8)
        let fast = try CatalogDecoder.widgets((bytes, "w")).0
        let tree = try treeWay(bytes)
        #expect(fast.count == tree.count && fast.count > 500)
        #expect(zip(fast, tree).allSatisfy(same))
        #expect(fast.contains { $0.initialSettings != nil } && fast.contains { $0.version.intValue != nil })
    }

    @Test(arguments: [
        #"{"id":1,"code":"a","version":2,"rating":"4,5","settings_template":[{"key":"k","name":"Имя поля длиннее","type":"text","is_required":true,"x":[1]}],"is_lead_source":true,"is_work_with_dp":false,"is_crm_template":false,"client_uuid":"u","is_active_in_account":true,"pipeline_id":7,"settings":{"k":"v"},"_links":{}}"#,
        #"{"id":1,"code":"a","version":"1","settings_template":[],"is_lead_source":false,"is_work_with_dp":false,"is_crm_template":false,"is_active_in_account":false}"#,
        #"{"id":1,"id":2,"code":"a","version":"1","settings_template":[],"is_lead_source":false,"is_work_with_dp":false,"is_crm_template":false,"is_active_in_account":false}"#,
        #"{"id":1,"code":"a\u0062","version":"1","rating":1.5,"settings_template":[],"is_lead_source":false,"is_work_with_dp":false,"is_crm_template":false,"is_active_in_account":false,"settings":null}"#,
    ])
    func oddButValidWidgetsReadTheSame(_ text: String) throws {
        let bytes = Array("[\(text)]".utf8)
        let fast = try CatalogDecoder.widgets((bytes, "w")).0
        let tree = try treeWay(bytes)
        #expect(fast.count == 1 && tree.count == 1 && same(fast[0], tree[0]))
    }

    @Test(arguments: [
        (#"{"id":"1","code":"a","version":"1","settings_template":[],"is_lead_source":false,"is_work_with_dp":false,"is_crm_template":false,"is_active_in_account":false}"#, "w: [0].id: expected an integer"),
        (#"{"id":1,"code":"a","version":true}"#, "w: [0].version: expected a string or an integer"),
        (#"{"id":1,"code":"a","version":"1","settings_template":[{"key":1}]}"#, "w: [0].settings_template[0].key: expected a string"),
    ])
    func wrongWidgetsAreWordedByTheCheckedWay(_ text: String, _ message: String) {
        #expect { _ = try CatalogDecoder.widgets((Array("[\(text)]".utf8), "w")) } throws: { "\($0)" == message }
    }
}
