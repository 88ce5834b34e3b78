import AmoCRM
import AsyncHTTPClient
import Foundation
import NIOCore

/// Decode: the raw bodies of the first pages of `GET /api/v4/widgets?limit=250` are fetched once,
/// then decoded again and again with the client's own decoder (`WidgetPage.decode`, the same code as
/// `AmoClient.widgetsPage` after the transport). Reports pages per second (median round).
/// `decodeFile` does the same with saved bodies and no network or threads, for
/// `valgrind --tool=callgrind` (which counts instructions, so it is steady on a busy machine).
enum DecodeBench {
    static func run(url: String, rounds: Int) async throws -> [String: Any] {
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        var replies: [HTTPReply] = []
        do {
            for page in 1...4 {
                var request = HTTPClientRequest(url: "\(url)/api/v4/widgets?page=\(page)&limit=250")
                request.headers.add(name: "Authorization", value: "Bearer sandbox-admin-token")
                let response = try await http.execute(request, timeout: .seconds(30))
                let body = try await response.body.collect(upTo: 64 << 20)
                if response.status.code != 200 { break }  // 204 past the end of a small catalogue
                replies.append(HTTPReply(status: Int(response.status.code), headers: response.headers,
                                         body: Array(body.readableBytesView)))
            }
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
        if replies.isEmpty { fail("the catalogue has no widgets") }
        return try measure(replies, rounds: rounds)
    }

    /// Decodes the bodies in `paths` (saved `GET /api/v4/widgets` replies) `rounds` times in all.
    static func decodeFile(paths: [String], rounds: Int) throws -> [String: Any] {
        let replies = paths.map { path -> HTTPReply in
            guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
            return HTTPReply(status: 200, headers: ["Content-Type": "application/hal+json"], body: Array(data))
        }
        if replies.isEmpty { fail("decode-file needs at least one --file") }
        return try measure(replies, rounds: rounds)
    }

    /// Decodes `replies` round-robin `rounds` times, timing each decode.
    static func measure(_ replies: [HTTPReply], rounds: Int) throws -> [String: Any] {
        let clock = ContinuousClock()
        var perPage: [Double] = []
        var widgets = 0
        for round in 0..<max(1, rounds) {
            let reply = replies[round % replies.count]
            let start = clock.now
            guard let page = try WidgetPage.decode(reply, requestedPage: 1 + round % replies.count) else {
                fail("page \(1 + round % replies.count) is empty (is the catalogue smaller than 1,000 widgets?)")
            }
            perPage.append((clock.now - start).microseconds)
            widgets = page.widgets.count
        }
        let median = Stats.quantile(perPage, 0.5)
        return ["pages_per_second": 1e6 / median, "median_us": median, "p99_us": Stats.quantile(perPage, 0.99),
                "widgets_per_page": widgets, "bytes_per_page": replies[0].body.count, "rounds": perPage.count]
    }
}
