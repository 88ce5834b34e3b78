import AmoSandbox
import Foundation
import Testing

extension CLITests {
    /// The command line as gh users expect it: piped output is tab-separated and complete, `--jq`,
    /// "did you mean" for an unknown code, `rating` as a number, and the account's users.
    @Suite struct CLIPipeTests {
        @Test func aPipedListIsEveryWidgetTabSeparatedWithATotal() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login()
            let r = try await h.run(["list"])  // stdout is a file here: a pipe, not a terminal
            #expect(r.status == 0, "\(r.stderr)")
            let lines = r.stdout.split(separator: "\n")
            #expect(lines.first == "CODE\tVERSION\tRATING\tFLAGS\tFIELDS")
            #expect(lines.count == 1 + (h.sandbox?.widgetCount ?? -1))
            #expect(lines.dropFirst().allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 5 })
            #expect(lines.contains { $0.hasPrefix("amo_backup_1394\t") }, "a widget of page 2+ is there")
            #expect(r.stderr.contains("\(h.sandbox?.widgetCount ?? -1) widgets."), "\(r.stderr)")
            let page = try await h.run(["list", "--page", "2", "--limit", "50"])
            #expect(page.stderr.contains("Page 2: 50 widgets; more: --page 3, or --all."), "\(page.stderr)")
        }

        @Test func jqSelectsFromTheJSONAndRatingIsANumber() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login()
            let r = try await h.run(["list", "--json", "--jq", ".widgets[] | select(.code == \"amo_asterisk\") | .rating"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout == "2.7\n")
            let raw = try await h.run(["show", "amo_asterisk", "--json", "--jq", ".rating_raw"])
            #expect(raw.stdout == "2,7\n", "strings print raw: \(raw.stdout)")
            let json = try await h.run(["show", "amo_asterisk", "--json"])
            #expect(json.jsonObject["rating"] as? Double == 2.7)
            let count = try await h.run(["list", "--all", "--json", "--jq", ".widgets | length"])
            #expect(count.stdout == "\(h.sandbox?.widgetCount ?? -1)\n")
            let bad = try await h.run(["list", "--json", "--jq", ".widgets[0:2]"])
            #expect(bad.status == 2)
            #expect(bad.stderr.contains("--jq: cannot read"), "\(bad.stderr)")
        }

        @Test func anUnknownCodeSuggestsTheClosestAndUsersAreListed() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login()
            let r = try await h.run(["show", "amo_asterix"])
            #expect(r.status == 1)
            #expect(r.stderr.contains("404") && r.stderr.contains("Did you mean amo_asterisk?"), "\(r.stderr)")
            let none = try await h.run(["show", "zzzzzzzzzzzzzz"])
            #expect(!none.stderr.contains("Did you mean"))
            let users = try await h.run(["users", "--json"])
            #expect(users.status == 0, "\(users.stderr)")
            let list = try #require(users.jsonObject["users"] as? [[String: Any]])
            #expect(list.count == 22)
            #expect(list.first?["id"] as? Int == 504141 && list.first?["is_admin"] as? Bool == true)
            let text = try await h.run(["users"])
            #expect(text.stdout.hasPrefix("ID\tNAME\tEMAIL\tADMIN\tACTIVE\n504141\t"), "\(text.stdout)")
        }
    }
}
