import Foundation
import Testing
@testable import AmoCRM

/// `HALHead` reads `_links.next.href` from the head of a page body, or gives up; whenever it answers,
/// the answer must be what Foundation's full parse (`HALDocument`) finds.
@Suite struct HALHeadTests {
    static let next = "http://127.0.0.1:8080/api/v4/widgets?limit=250&page=3"
    static let page = #"{"_page":2,"_links":{"self":{"href":"http://127.0.0.1:8080/api/v4/widgets?limit=250&page=2"},"next":{"href":"http://127.0.0.1:8080/api/v4/widgets?limit=250&page=3"}},"_embedded":{"widgets":[{"id":1,"code":"a"}]}}"#

    /// Bodies the reader is sure about, with the next link it must find.
    static let sure: [(String, String?)] = [
        (page, next),
        // PHP's json_encode escapes slashes; pretty-printed; other scalar members and link members.
        (#"{ "_total_items" : 600 , "_page": 2, "_page_count": 3, "note": "x", "flag": true, "none": null,"#
            + "\n" + #" "_links": { "self": {"href": "a"}, "next": { "href": "https:\/\/x.amocrm.ru\/api\/v4\/widgets?page=3", "method": "get" } },"#
            + #" "_embedded": {"widgets": []}}"#, "https://x.amocrm.ru/api/v4/widgets?page=3"),
        (#"{"_page":3,"_links":{"self":{"href":"a"}},"_embedded":{"widgets":[{"id":1,"code":"a"}]}}"#, nil),
        (#"{"_links":{},"_embedded":{"widgets":[]}}"#, nil),
        (#"{"_links":{"next":{}},"_embedded":{"widgets":[]}}"#, nil),
        (#"{"_page":-1.5e3,"_links":{"next":{"href":"b"}}}"#, "b"),
    ]

    /// Bodies it must give up on.
    static let unsure: [String] = [
        "<!DOCTYPE html><html><title>502 Bad Gateway</title></html>",
        "",
        "[1, 2]",
        #"{"_embedded":{"widgets":[]},"_links":{"next":{"href":"b"}}}"#,   // an object before `_links`
        #"{"_page":[2],"_links":{"next":{"href":"b"}}}"#,
        #"{"_page":2,"_links":null}"#,
        #"{"_page":2,"_links":{"next":{"href":"a\u0026b"}}}"#,              // an escape other than \/
        #"{"_page":2,"_links":{"next":{"href":"ä"}}}"#,                     // not ASCII
        #"{"_page":2,"_links":{"next":{"href":"a"},"next":{"href":"b"}}}"#,  // a repeated link
        #"{"_page":2,"_links":{"next":{"href":"a","href":"b"}}}"#,
        #"{"_page":2,"_links":{"next":{"href":{"url":"a"}}}}"#,
        #"{"_page":2,"_links":{"next":{"href":"a","x":{}}}}"#,
        #"{"_page":2,"_links":{"next":{"href":"a"}"#,                        // ends inside `_links`
        #"{"_page":2,"_links":{"next":{"href":"a"} "self":{}}}"#,            // a missing comma
        #"{"_page":2 "_links":{"next":{"href":"a"}}}"#,
        #"{"_page":nope,"_links":{"next":{"href":"a"}}}"#,
        #"{"_page":2}"#,                                                      // no `_links` at all
        "{\"pad\":\"" + String(repeating: "x", count: 5000) + "\",\"_links\":{\"next\":{\"href\":\"a\"}}}",
    ]

    @Test func readsTheNextLinkWhenSure() throws {
        for (body, next) in Self.sure {
            let head = HALHead(body: Array(body.utf8))
            #expect(head == HALHead(nextLink: next), "\(body)")
        }
    }

    @Test func givesUpOnAnythingElse() {
        for body in Self.unsure {
            #expect(HALHead(body: Array(body.utf8)) == nil, "\(body)")
        }
    }

    @Test func agreesWithTheFullParse() throws {
        var bodies = Self.sure.map(\.0) + Self.unsure
        bodies.append(String(decoding: try Fixtures.bytes("widgets-list-page.json"), as: UTF8.self))
        var answered = 0
        for body in bodies {
            guard let head = HALHead(body: Array(body.utf8)) else { continue }
            answered += 1
            // Complete bodies only (the reader answers from the head; a truncated tail fails the page).
            guard let document = try? HALDocument(bytes: Array(body.utf8), key: "widgets") else { continue }
            #expect(head.nextLink == document.nextLink, "\(body)")
        }
        #expect(answered == Self.sure.count + 1)
    }
}
