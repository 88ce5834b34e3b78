import Foundation
import Testing
@testable import AmoCRM

/// Replies read through Foundation (`JSONTree`): values as `JSONValue.init(from:)` gives them,
/// malformed text refused as a whole, HAL pages in two steps.
@Suite struct JSONTreeTests {
    static func parse(_ text: String) throws -> JSONValue { try JSONTree.value(of: Array(text.utf8)) }

    @Test func readsEveryKindOfValueLikeJSONDecoder() throws {
        let text = #"{"s":"a\"b\\c\/d\n\t\u00e9\ud83d\ude00","i":459,"n":-12,"d":2.5,"e":1e2,"z":2.0,"b":[true,false,null],"o":{"k":{}},"big":100000000000000000000,"min":-9223372036854775808,"max":9223372036854775807,"one":1,"zero":0}"#
        let value = try Self.parse(text)
        #expect(value["s"] == .string("a\"b\\c/d\n\té😀"))
        #expect(value["i"] == .integer(459))
        #expect(value["n"] == .integer(-12))
        #expect(value["d"] == .double(2.5))
        #expect(value["e"] == .integer(100))
        #expect(value["z"] == .integer(2))
        #expect(value["b"] == .array([.bool(true), .bool(false), .null]))
        #expect(value["o"] == .object(["k": .object([:])]))
        #expect(value["big"] == .double(1e20))
        #expect(value["min"] == .integer(Int64.min))
        #expect(value["max"] == .integer(Int64.max))
        // Foundation's booleans and the integers 1 and 0 are both NSNumbers: they must not mix.
        #expect(value["one"] == .integer(1))
        #expect(value["zero"] == .integer(0))
        // The same document through JSONDecoder and JSONValue.init(from:) gives the same value.
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) == value)
        #expect(try Self.parse(" [1,2,] ") == .array([.integer(1), .integer(2)]))  // as JSONDecoder
        #expect(try Self.parse("7") == .integer(7))  // a top-level scalar
    }

    static let malformed = [
        "", "{", #"{"a":1"#, #"{"a" 1}"#, "[1 2]", "01", "-", "1.", ".5", "1e", "tru", "nul", #"{"a":1}x"#,
        "[,1]", "{,}", #"{"a":1,,"b":2}"#, "\"abc", String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
    ]

    @Test(arguments: malformed)
    func malformedJSONThrowsDataCorrupted(text: String) {
        do {
            _ = try Self.parse(text)
            Issue.record("accepted \(text.prefix(40))")
        } catch {
            guard case DecodingError.dataCorrupted(let c) = error else { Issue.record("got \(error)"); return }
            #expect(c.codingPath.isEmpty)
        }
    }

    static let badText: [[UInt8]] = [
        Array(#"["ok_"#.utf8) + [0xFF, 0xFE] + Array(#"",1]"#.utf8),   // invalid UTF-8
        Array(#"["a"#.utf8) + [0x1B] + Array(#"b",1]"#.utf8),           // raw control character
        Array(#"["\ud800x",1]"#.utf8),                                 // lone surrogate
        Array(#"[1e999,1]"#.utf8),                                      // number out of range
    ]

    @Test(arguments: badText)
    func badTextInsideAStringRefusesTheDocument(bytes: [UInt8]) {
        #expect(throws: DecodingError.self) { try JSONTree.value(of: bytes) }
    }

    /// Foundation refuses a document with invalid UTF-8 anywhere, so one broken string fails the
    /// whole page (the old own parser dropped just its widget): reported like any malformed reply.
    @Test func aBrokenStringFailsThePageAsMalformedJSON() {
        var bytes = Array(#"{"_page":1,"_embedded":{"widgets":[{"id":1,"code":"ok_"#.utf8)
        bytes += [0xFF, 0xFE, 0xC3, 0x28, 0x1B]
        bytes += Array(#""},{"id":2,"code":"second","rating":" 4,25 "}]},"_links":{"next":{"href":"/n"}}}"#.utf8)
        let error = amoError { try HALDecoding.widgetPage(from: HTTPReply(status: 200, body: bytes), requestedPage: 1) }
        guard case .unexpectedBody(let what, let c)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(what.reason == "truncated or malformed JSON")
        #expect(c.status == 200)
        #expect(!what.snippet.unicodeScalars.contains { $0.value == 0x1B })
    }

    @Test func tolerantFieldsAndUnreadableItemsOnAValidPage() throws {
        let text = #"{"_page":"3","_embedded":{"widgets":[{"id":"1","code":"first","rating":" 4,25 ","is_lead_source":1},7,{"id":2},{"id":3,"code":"third","version":12,"is_lead_source":"true"}]}}"#
        let page = try #require(try HALDecoding.widgetPage(from: HTTPReply(status: 200, body: Array(text.utf8)), requestedPage: 1))
        #expect(page.page == 3)
        #expect(page.widgets.map(\.code) == ["first", "third"])
        #expect(page.widgets.map(\.id) == [1, 3])
        #expect(page.widgets.first?.rating?.value == 4.25)
        #expect(page.widgets.map(\.isLeadSource) == [true, true])
        #expect(page.widgets.last?.version == "12")
        #expect(page.skipped == 2)  // 7 is not an object; {"id":2} has no code
    }

    @Test func aPageDecodesTheSameThroughFoundationAndThroughJSONDecoder() throws {
        let bytes = try Fixtures.bytes("widgets-list-page.json")
        let page = try #require(try HALDecoding.widgetPage(from: HTTPReply(status: 200, body: bytes), requestedPage: 1))
        guard case .object(let root) = try JSONDecoder().decode(JSONValue.self, from: Data(bytes)),
              case .array(let items)? = root["_embedded"]?["widgets"] else { Issue.record("fixture shape"); return }
        let viaDecoder = try items.map { try JSONDecoder().decode(Widget.self, from: JSONEncoder().encode($0)) }
        #expect(page.widgets == viaDecoder)
        #expect(!page.widgets.isEmpty)
    }
}

@Suite struct NextLinkTests {
    @Test func theParsedPageKnowsItsNextLinkBeforeItsItemsAreRead() throws {
        let linksFirst = #"{"_page":1,"_links":{"self":{"href":"/a"},"next":{"href":"/api/v4/widgets?page=2"}},"_embedded":{"widgets":[{"id":1,"code":"w"}]}}"#
        let document = try HALDocument(bytes: Array(linksFirst.utf8), key: "widgets")
        #expect(document.nextLink == "/api/v4/widgets?page=2")
        #expect(document.selfLink == "/a")
        #expect(HALDecoding.widgetPage(document: document, requestedPage: 1).widgets.map(\.code) == ["w"])
        // Member order does not matter: the items may come before the links.
        let itemsFirst = #"{"_embedded":{"widgets":[]},"_links":{"next":{"href":"/n"}}}"#
        #expect(try HALDocument(bytes: Array(itemsFirst.utf8), key: "widgets").nextLink == "/n")
        for other in [#"{"_links":{"self":{"href":"/a"}}}"#, #"{"_links":{"next":"/n"}}"#, "{}"] {
            #expect(try HALDocument(bytes: Array(other.utf8), key: "widgets").nextLink == nil, "\(other)")
        }
        for broken in ["", "<html>", #"{"_links":"#] {
            #expect(throws: DecodingError.self, "\(broken)") { try HALDocument(bytes: Array(broken.utf8), key: "widgets") }
        }
        #expect(throws: DecodingError.self) { try HALDocument(bytes: Array("[]".utf8), key: "widgets") }
    }

    @Test func theWalkerFollowsOnlyForwardUnseenLinks() {
        var walker = PageWalker(firstPath: "/api/v4/widgets?page=1&limit=2")
        walker.willFetch("/api/v4/widgets?page=1&limit=2")
        #expect(walker.follow("https://x.amocrm.ru/api/v4/widgets?page=2&limit=2", after: 1) == "/api/v4/widgets?page=2&limit=2")
        #expect(walker.follow("/api/v4/widgets?page=1&limit=2", after: 1) == nil)  // already fetched
        #expect(walker.follow("/api/v4/widgets?page=1&limit=9", after: 1) == nil)  // points back
        #expect(walker.follow(nil, after: 1) == nil)
    }
}
