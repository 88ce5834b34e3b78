import AmoCRM
import AsyncHTTPClient
import NIOCore

/// Decode: the raw bodies of the first pages of `GET /api/v4/widgets?limit=250` are fetched once,
/// then decoded again and again with the client's own decoder (`WidgetPage.decode`, the same code as
/// `AmoClient.widgetsPage` after the transport). Reports pages per second (median round).
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
