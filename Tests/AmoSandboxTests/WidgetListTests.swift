// GET /api/v4/widgets: HAL pages, limits, 204 past the end, 400 for bad paging.
import AmoSandbox
import Foundation
import Testing

@Suite struct WidgetListTests {
    @Test func pagesThroughAllWidgetsAt250ThenGets204() async throws {
        try await withSandbox { s in
            var codes: [String] = []
            var page = 1
            var nextLinks: [Bool] = []
            while true {
                let r = try await s.send(.GET, "/api/v4/widgets?limit=250&page=\(page)")
                if r.status == 204 {
                    #expect(r.body.isEmpty)
                    #expect(isRequestID(r.requestID))
                    break
                }
                #expect(r.status == 200)
                #expect(r.contentType.hasPrefix("application/hal+json"))
                #expect(r.object["_page"] as? Int == page)
                let links = r.object["_links"] as? [String: Any] ?? [:]
                let selfHref = (links["self"] as? [String: Any])?["href"] as? String
                #expect(selfHref == "\(s.baseURL)/api/v4/widgets?limit=250&page=\(page)")
                nextLinks.append(links["next"] != nil)
                let widgets = (r.object["_embedded"] as? [String: Any])?["widgets"] as? [[String: Any]] ?? []
                codes += widgets.compactMap { $0["code"] as? String }
                page += 1
                if page > 10 { break }
            }
            #expect(page == 4, "three pages of 250, then 204")
            #expect(nextLinks == [true, true, false])
            #expect(codes.count == s.widgetCount)
            #expect(codes.count >= 600)
            #expect(Set(codes).count == codes.count, "codes are unique")
            #expect(s.requestCount(method: "GET", path: "/api/v4/widgets") == 4)
        }
    }

    @Test func followingNextLinksReachesTheSandboxAgain() async throws {
        try await withSandbox { s in
            let first = try await s.send(.GET, "/api/v4/widgets?limit=2&page=1")
            let next = ((first.object["_links"] as? [String: Any])?["next"] as? [String: Any])?["href"] as? String ?? ""
            #expect(next.hasPrefix(s.baseURL))
            let second = try await s.send(.GET, String(next.dropFirst(s.baseURL.count)))
            #expect(second.object["_page"] as? Int == 2)
        }
    }

    @Test func firstPageMatchesTheSeedFixture() async throws {
        try await withSandbox { s in
            let r = try await s.send(.GET, "/api/v4/widgets?limit=2&page=1")
            // The fixture's host is the live one; the sandbox links to itself.
            let text = try fixture("widgets-list-page.json").replacingOccurrences(of: "https://example.amocrm.ru", with: s.baseURL)
            let expected = try JSONSerialization.jsonObject(with: Data(text.utf8))
            #expect(canonical(r.object) == canonical(expected))
        }
    }

    @Test func limitDefaultsTo50AndIsCappedAt250() async throws {
        try await withSandbox { s in
            let plain = try await s.send(.GET, "/api/v4/widgets")
            #expect(((plain.object["_embedded"] as? [String: Any])?["widgets"] as? [Any])?.count == 50)
            let big = try await s.send(.GET, "/api/v4/widgets?limit=1000")
            #expect(((big.object["_embedded"] as? [String: Any])?["widgets"] as? [Any])?.count == 250)
        }
    }

    @Test(arguments: ["limit=0", "limit=-5", "limit=abc", "page=0", "page=x", "page=1.5", "limit="])
    func badPagingIs400ProblemJSON(_ query: String) async throws {
        try await withSandbox { s in
            let r = try await s.send(.GET, "/api/v4/widgets?\(query)")
            #expect(r.status == 400)
            #expect(r.contentType.hasPrefix("application/problem+json"))
            #expect(r.object["status"] as? Int == 400)
            #expect(r.object["title"] as? String == "Bad Request")
            #expect(isRequestID(r.requestID))
        }
    }

    @Test func farPastTheEndIs204() async throws {
        try await withSandbox { s in
            let r = try await s.send(.GET, "/api/v4/widgets?limit=250&page=99999999999")
            #expect(r.status == 204)
            #expect(r.body.isEmpty)
            #expect(r.headers.first(name: "Content-Type") == nil)
        }
    }

    @Test func installedWidgetsShowTheirPipelineButNoSettingsToAnAdmin() async throws {
        try await withSandbox { s in
            let r = try await s.send(.GET, "/api/v4/widgets?limit=250&page=1")
            let widgets = (r.object["_embedded"] as? [String: Any])?["widgets"] as? [[String: Any]] ?? []
            let installed = widgets.filter { $0["is_active_in_account"] as? Bool == true }
            #expect(!installed.isEmpty)
            #expect(widgets.allSatisfy { $0["settings"] == nil })
            #expect(installed.contains { $0["pipeline_id"] is Int })
        }
    }
}
