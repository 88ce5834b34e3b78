import Foundation
import Testing
@testable import AmoCRM

@Suite struct JSONReaderTests {
    static func parse(_ text: String) throws -> JSONValue { try JSONReader.parse(Array(text.utf8)) }

    @Test func readsEveryKindOfValueLikeJSONDecoder() throws {
        let text = #"{"s":"a\"b\\c\/d\n\t\u00e9\ud83d\ude00","i":459,"n":-12,"d":2.5,"e":1e2,"z":2.0,"b":[true,false,null],"o":{"k":{}},"big":100000000000000000000,"min":-9223372036854775808}"#
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
        // The same document through JSONDecoder and JSONValue.init(from:) gives the same value.
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) == value)
        #expect(try Self.parse(" [1,2,] ") == .array([.integer(1), .integer(2)]))  // as JSONDecoder
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

    @Test func badTextInsideAStringIsAContentErrorNotAStructuralOne() throws {
        let cases: [[UInt8]] = [
            Array(#"["ok_"#.utf8) + [0xFF, 0xFE] + Array(#"",1]"#.utf8),   // invalid UTF-8
            Array(#"["a"#.utf8) + [0x1B] + Array(#"b",1]"#.utf8),           // raw control character
            Array(#"["\ud800x",1]"#.utf8),                                 // lone surrogate
            Array(#"[1e999,1]"#.utf8),                                      // number out of range
        ]
        for bytes in cases {
            #expect(throws: DecodingError.self) { try JSONReader.parse(bytes) }
            let errors = try JSONReader.read(bytes) { (reader: inout JSONReader) throws(DecodingError) -> Int in
                _ = try reader.readValue()
                return reader.contentErrors
            }
            #expect(errors == 1)
        }
    }

    @Test func aBrokenStringCostsOnlyItsOwnWidget() throws {
        var bytes = Array(#"{"_page":1,"_embedded":{"widgets":[{"id":1,"code":"ok_"#.utf8)
        bytes += [0xFF, 0xFE, 0xC3, 0x28, 0x1B]
        bytes += Array(#""},{"id":2,"code":"second","rating":" 4,25 "}]},"_links":{"next":{"href":"/n"}}}"#.utf8)
        let page = try #require(try HALDecoding.widgetPage(from: HTTPReply(status: 200, body: bytes), requestedPage: 1))
        #expect(page.widgets.map(\.code) == ["second"])
        #expect(page.widgets.first?.rating?.value == 4.25)
        #expect(page.skipped == 1)
        #expect(page.nextLink == "/n")
    }

    @Test func aPageDecodesTheSameThroughTheReaderAndThroughJSONDecoder() throws {
        let bytes = try Fixtures.bytes("widgets-list-page.json")
        let page = try #require(try HALDecoding.widgetPage(from: HTTPReply(status: 200, body: bytes), requestedPage: 1))
        guard case .object(let root) = try JSONDecoder().decode(JSONValue.self, from: Data(bytes)),
              case .array(let items)? = root["_embedded"]?["widgets"] else { Issue.record("fixture shape"); return }
        let viaDecoder = try items.map { try JSONDecoder().decode(Widget.self, from: JSONEncoder().encode($0)) }
        #expect(page.widgets == viaDecoder)
        #expect(!page.widgets.isEmpty)
    }
}

@Suite struct NextLinkPeekTests {
    @Test func readsTheNextLinkBeforeTheItemsOnly() {
        let first = #"{"_page":1,"_links":{"self":{"href":"/a"},"next":{"href":"/api/v4/widgets?page=2"}},"_embedded":{"widgets":[{"id":1,"#
        // Truncated after the link: the peek never reads the items, so it still finds it.
        #expect(HALCollection<Widget>.peekNextLink(Array(first.utf8)) == "/api/v4/widgets?page=2")
        let itemsFirst = #"{"_embedded":{"widgets":[]},"_links":{"next":{"href":"/n"}}}"#
        #expect(HALCollection<Widget>.peekNextLink(Array(itemsFirst.utf8)) == nil)
        for other in ["", "[]", "<html>", #"{"_links":{"self":{"href":"/a"}}}"#, #"{"_links":"#] {
            #expect(HALCollection<Widget>.peekNextLink(Array(other.utf8)) == nil, "\(other)")
        }
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
