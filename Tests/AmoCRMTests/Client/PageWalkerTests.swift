import Testing
@testable import AmoCRM

@Suite struct PageWalkerTests {
    /// Feeds pages (number, item count, next link) and returns the paths fetched and pages kept.
    func walk(_ pages: [String: (Int?, Int, String?)]) -> (fetched: [String], kept: [Int?]) {
        var walker = PageWalker(firstPath: "/api/v4/widgets?page=1&limit=250")
        var fetched: [String] = []
        var kept: [Int?] = []
        while let path = walker.nextPath, fetched.count < 50 {
            walker.willFetch(path)
            fetched.append(path)
            guard let (page, count, next) = pages[path] else { walker.finished(); break }  // 204
            if walker.received(page: page, itemCount: count, nextLink: next) { kept.append(page) }
        }
        return (fetched, kept)
    }

    @Test func shortPageWithNextLinkContinues() {
        let r = walk([
            "/api/v4/widgets?page=1&limit=250": (1, 100, "https://x.amocrm.ru/api/v4/widgets?page=2&limit=250"),
            "/api/v4/widgets?page=2&limit=250": (2, 250, "https://x.amocrm.ru/api/v4/widgets?page=3&limit=250"),
            "/api/v4/widgets?page=3&limit=250": (3, 7, nil),
        ])
        #expect(r.kept == [1, 2, 3])
        #expect(r.fetched.count == 3)
    }

    @Test func stopsOn204EmptyPageOrNoNext() {
        #expect(walk(["/api/v4/widgets?page=1&limit=250": (1, 5, "/api/v4/widgets?page=2&limit=250")]).fetched.count == 2)
        let empty = walk([
            "/api/v4/widgets?page=1&limit=250": (1, 5, "/api/v4/widgets?page=2&limit=250"),
            "/api/v4/widgets?page=2&limit=250": (2, 0, "/api/v4/widgets?page=3&limit=250"),
        ])
        #expect(empty.fetched.count == 2)
    }

    @Test func linkToAPageAlreadySeenStops() {
        let r = walk([
            "/api/v4/widgets?page=1&limit=250": (1, 250, "/api/v4/widgets?page=2&limit=250"),
            "/api/v4/widgets?page=2&limit=250": (2, 250, "/api/v4/widgets?limit=250&page=2"),  // same page, other spelling
            "/api/v4/widgets?limit=250&page=2": (2, 250, "/api/v4/widgets?page=3&limit=250"),
        ])
        #expect(r.kept == [1, 2])  // a link pointing back (page 2 -> page 2) ends the walk
        #expect(r.fetched.count == 2)
    }

    @Test func linkPointingBackStops() {
        let r = walk([
            "/api/v4/widgets?page=1&limit=250": (1, 250, "/api/v4/widgets?page=2&limit=250"),
            "/api/v4/widgets?page=2&limit=250": (2, 250, "/api/v4/widgets?page=1&limit=250"),
        ])
        #expect(r.fetched.count == 2)
        #expect(r.kept == [1, 2])
    }

    @Test func repeatedPageNumberIsDroppedAndStops() {
        let r = walk([
            "/api/v4/widgets?page=1&limit=250": (1, 250, "/api/v4/widgets?cursor=b"),
            "/api/v4/widgets?cursor=b": (1, 250, "/api/v4/widgets?cursor=c"),
        ])
        #expect(r.kept == [1])
        #expect(r.fetched.count == 2)
    }

    @Test func linksWithoutPageNumbersStopOnRepeatedURL() {
        let r = walk([
            "/api/v4/widgets?page=1&limit=250": (nil, 3, "/api/v4/widgets?cursor=b"),
            "/api/v4/widgets?cursor=b": (nil, 3, "/api/v4/widgets?cursor=c"),
            "/api/v4/widgets?cursor=c": (nil, 3, "/api/v4/widgets?cursor=b"),
        ])
        #expect(r.fetched == ["/api/v4/widgets?page=1&limit=250", "/api/v4/widgets?cursor=b", "/api/v4/widgets?cursor=c"])
    }
}
