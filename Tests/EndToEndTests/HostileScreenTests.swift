import Foundation
import Testing

extension ReliabilityTerminalTests {
    /// Issue 7, hostile text on a real terminal: `amowidgets --sandbox --sandbox-catalog DIR` serves a
    /// catalogue whose codes, names, versions and template carry escape sequences (clear screen, colour,
    /// window title, cursor moves), C1 controls, bidi overrides and marks, zero-width and combining
    /// characters and 10,000-character strings. Browsing every widget, opening the form and quitting
    /// must leave the frame whole on every capture, the pane title untouched, and the terminal restored.
    @Suite(.serialized) struct HostileScreenTests {
        static let hostile: [String] = [
            "ev\u{1B}[2J\u{1B}[31mil\u{1B}[0m",
            "t\u{1B}]2;pwned\u{07}x",
            "a\u{9B}31mb\u{7F}c",
            "row\r\n\u{1B}[10;10Hmoved\tend",
            "abc\u{202E}gnp.exe\u{202C}",
            "\u{200F}mark\u{200E}\u{061C}\u{2067}iso\u{2069}",
            "z\u{200B}w\u{200C}j\u{200D}n\u{FEFF}x",
            "e" + String(repeating: "\u{301}", count: 40) + "Z\u{337}a",
            String(repeating: "Ж", count: 5_000) + String(repeating: "w", count: 5_000),
            "表示テスト",
        ]

        /// A catalogue folder: the embedded one's users, account, pipelines and auth, hostile widgets.
        static func catalogue() throws -> String {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("amowidgets-hostile-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Resources/catalog").standardized
            for name in ["users.json", "account.json", "pipelines.json", "auth.json"] {
                try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: dir.appendingPathComponent(name))
            }
            let widgets: [[String: Any]] = hostile.enumerated().map { i, text in
                ["id": 9000 + i, "code": "h\(i)_" + text, "version": text, "rating": text,
                 "settings_template": [["key": "login", "name": text, "type": "text", "is_required": true],
                                       ["key": "k", "name": "Type " + text, "type": text, "is_required": false]],
                 "is_lead_source": i % 2 == 0, "is_work_with_dp": false, "is_crm_template": false, "client_uuid": text,
                 "is_active_in_account": false, "pipeline_id": NSNull()]
            } + [["id": 9100, "code": "plain_last", "version": "1", "rating": "2,5", "settings_template": [],
                  "is_lead_source": false, "is_work_with_dp": false, "is_crm_template": false, "client_uuid": NSNull(),
                  "is_active_in_account": false, "pipeline_id": NSNull()]]
            try JSONSerialization.data(withJSONObject: widgets).write(to: dir.appendingPathComponent("widgets.json"))
            return dir.path
        }

        /// Frame problems of a captured screen (`capture-pane -p` lines).
        static func frameProblems(_ screen: String, height: Int) -> [String] {
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).prefix(height).map(String.init)
            var out: [String] = []
            guard lines.count == height else { return ["\(lines.count) lines, not \(height)"] }
            if !(lines[0].hasPrefix("┌") && lines[0].hasSuffix("┐")) { out.append("top: \(lines[0].prefix(60))") }
            if !(lines[height - 1].hasPrefix("└") && lines[height - 1].hasSuffix("┘")) { out.append("bottom: \(lines[height - 1].prefix(60))") }
            for (y, line) in lines.enumerated().dropFirst().dropLast() {
                let left = line.first.map { "│├".contains($0) } ?? false
                let right = line.last.map { "│┤".contains($0) } ?? false
                if !left || !right { out.append("row \(y): \(line.prefix(50))…\(line.suffix(10))") }
            }
            return out
        }

        @Test func hostileCatalogueKeepsTheScreenIntact() async throws {
            let dir = try Self.catalogue()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let (width, height) = (100, 30)
            let tmux = try TmuxHarness(["--sandbox", "--sandbox-catalog", dir], width: width, height: height)
            defer { tmux.close() }
            await tmux.waitFor("\(Self.hostile.count + 1) shown / \(Self.hostile.count + 1) loaded")
            var checked = 0
            for _ in 0...Self.hostile.count {
                try await tmux.press("Down")
                try await Task.sleep(for: .milliseconds(250))
                let screen = await tmux.screen()
                let problems = Self.frameProblems(screen, height: height)
                #expect(problems.isEmpty, "\(problems.prefix(4))\n\(screen)")
                checked += 1
            }
            // The form of a hostile widget, typed into, then cancelled.
            try await tmux.press("Home")
            try await Task.sleep(for: .milliseconds(300))
            try await tmux.press("i")
            await tmux.waitFor("Esc")
            try await tmux.type("x")
            try await Task.sleep(for: .milliseconds(300))
            let form = await tmux.screen()
            #expect(Self.frameProblems(form, height: height).isEmpty, "\(form)")
            let title = try await tmux.tmux(["display-message", "-p", "-t", "e2e", "#{pane_title}"])
            #expect(!title.contains("pwned"), "the pane title was set by widget text: \(title)")
            try await tmux.press("Escape")
            try await Task.sleep(for: .milliseconds(200))
            if await tmux.screen().contains("Discard") { try await tmux.press("y") }
            try await tmux.press("q")
            #expect(await tmux.waitForExit() == 0)
            let (before, after) = tmux.sttyBeforeAndAfter()
            #expect(!after.isEmpty && after == before)
            print("hostile screens: \(checked + 1) captures checked, frame intact")
        }
    }
}
