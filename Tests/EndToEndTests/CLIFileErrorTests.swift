import AmoSandbox
import Foundation
import Testing

extension CLITests {
    /// Damaged local files are failures naming the file and why (exit 1), never "logged out" or
    /// "no account"; a refused connection fails within seconds. Tests run as root, where mode bits do
    /// not stop reads: "unreadable" is made with a folder where a file is expected (EISDIR) or a file
    /// where a folder is expected (ENOTDIR), which take the same code path as EACCES.
    @Suite struct CLIFileErrorTests {
        /// A profile `sandbox` at `url` with `credentials` as its credential file's bytes (nil: no file).
        static func profile(_ h: CLIHarness, url: String, credentials: [UInt8]?) throws {
            try FileManager.default.createDirectory(atPath: h.path("config/credentials"), withIntermediateDirectories: true)
            try "current_profile = \"sandbox\"\n[profiles.sandbox]\nbase_url = \"\(url)\"\nauth = \"long-lived-token\"\n"
                .write(toFile: h.path("config/config.toml"), atomically: true, encoding: .utf8)
            if let credentials {
                try Data(credentials).write(to: URL(fileURLWithPath: h.path("config/credentials/sandbox.json")))
            }
        }

        @Test func aCorruptOrUnreadableCredentialFileIsNamedNotLoggedOut() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            let file = h.path("config/credentials/sandbox.json")
            let secret = "SECRET-TOKEN-7f3a"
            let cases: [(name: String, bytes: [UInt8], says: String, label: String)] = [
                ("truncated JSON", Array("{\"long_lived_token\": \"\(secret)".utf8), "is corrupt: not valid JSON", "corrupt"),
                ("number token", Array("{\"access_token\":12}".utf8), "is corrupt: `access_token`", "corrupt"),
                ("not UTF-8", [0xFF, 0xFE], "is corrupt: not UTF-8", "corrupt"),
                ("no token", Array("{\"other\":\"\(secret)\"}".utf8), "is corrupt: it holds no token", "corrupt"),
            ]
            for c in cases {
                try Self.profile(h, url: h.baseURL, credentials: c.bytes)
                let r = try await h.run(["list"])
                #expect(r.status == 1, "\(c.name)")
                #expect(r.stderr.contains("credentials file \(file) \(c.says)"), "\(c.name): \(r.stderr)")
                #expect(r.stderr.contains("amowidgets login --profile sandbox"), "\(c.name)")
                #expect(!r.stderr.contains("logged out"), "\(c.name)")
                #expect(!(r.stdout + r.stderr).contains(secret), "\(c.name): the file's content was printed")
                let table = try await h.run(["profiles"])
                #expect(table.status == 0)
                #expect(table.stdout.contains("long-lived-token  \(c.label)"), "\(c.name): \(table.stdout)")
                #expect(table.stderr.contains(file), "\(c.name)")
                let json = try await h.run(["profiles", "--json"])
                let row = (json.jsonObject["profiles"] as? [[String: Any]])?.first
                #expect(row?["token"] as? String == c.label, "\(c.name)")
                #expect(row?["has_token"] as? Bool == false, "\(c.name)")
            }
            // Unreadable: a folder where the file should be (as root, mode bits cannot make it unreadable).
            try FileManager.default.removeItem(atPath: file)
            try FileManager.default.createDirectory(atPath: file, withIntermediateDirectories: false)
            let dir = try await h.run(["list"])
            #expect(dir.status == 1)
            #expect(dir.stderr.contains("credentials file \(file) cannot be read: Is a directory"), "\(dir.stderr)")
            #expect(try await h.run(["profiles"]).stdout.contains("unreadable"))
            // Unreadable credentials/ folder: here a plain file in its place (ENOTDIR, as EACCES would be).
            try FileManager.default.removeItem(atPath: h.path("config/credentials"))
            try "x".write(toFile: h.path("config/credentials"), atomically: true, encoding: .utf8)
            let folder = try await h.run(["list"])
            #expect(folder.status == 1)
            #expect(folder.stderr.contains("cannot be read: Not a directory"), "\(folder.stderr)")
            // The control: only a missing file means logged out (exit 4); a good file works.
            try FileManager.default.removeItem(atPath: h.path("config/credentials"))
            try Self.profile(h, url: h.baseURL, credentials: nil)
            let missing = try await h.run(["list"])
            #expect(missing.status == 4)
            #expect(missing.stderr.contains("has no saved token (logged out?)"))
            try Self.profile(h, url: h.baseURL, credentials: Array("{\"long_lived_token\":\"\(SandboxTokens.admin)\"}".utf8))
            #expect(try await h.run(["list"]).status == 0)
            #expect(try await h.run(["profiles"]).stdout.contains("long-lived-token  yes"))
        }

        @Test func anUnreadableConfigIsAFailureWithTheReasonNotNoAccount() async throws {
            let h = try await CLIHarness.make(sandbox: false)
            defer { Task { await h.finish() } }
            // The config folder unusable (a file in its place: ENOTDIR, the same path as EACCES).
            try "x".write(toFile: h.path("config"), atomically: true, encoding: .utf8)
            let r = try await h.run(["list"])
            #expect(r.status == 1)
            #expect(r.stderr.contains(h.path("config/config.toml")), "\(r.stderr)")
            #expect(r.stderr.contains("cannot be read: not a directory"), "\(r.stderr)")
            #expect(!r.stderr.contains("no account configured"))
            // config.toml unreadable (a folder): the reason is given.
            try FileManager.default.removeItem(atPath: h.path("config"))
            try FileManager.default.createDirectory(atPath: h.path("config/config.toml"), withIntermediateDirectories: true)
            let p = try await h.run(["profiles"])
            #expect(p.status == 1)
            #expect(p.stderr.contains("cannot be read: is a directory"), "\(p.stderr)")
            // The control: no config at all is "no account" (exit 4).
            try FileManager.default.removeItem(atPath: h.path("config"))
            #expect(try await h.run(["list"]).status == 4)
        }

        @Test func aRefusedConnectionFailsWithinThreeSeconds() async throws {
            let h = try await CLIHarness.make(sandbox: false)
            defer { Task { await h.finish() } }
            let port = try Self.closedPort()
            try Self.profile(h, url: "http://127.0.0.1:\(port)", credentials: Array("{\"long_lived_token\":\"t\"}".utf8))
            let started = ContinuousClock.now
            let r = try await h.run(["list"])
            let took = ContinuousClock.now - started
            #expect(r.status == 1)
            #expect(r.stderr.contains("connection refused"), "\(r.stderr)")
            #expect(r.stderr.contains("retry 1 of 1"), "a refused connection is retried once")
            #expect(!r.stderr.contains("retry 2"))
            #expect(took < .seconds(3), "took \(took)")
        }

        @Test func restoreFromAMissingFileExits1NamingIt() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            try await h.login()
            let missing = h.path("nonexistent/backup.json")
            let r = try await h.run(["restore", "amo_dropbox", "--from", missing])
            #expect(r.status == 1)
            #expect(r.stderr.contains("cannot read the backup \(missing): no such file"), "\(r.stderr)")
            let folder = try await h.run(["restore", "amo_dropbox", "--from", h.home.path])
            #expect(folder.status == 1)
            #expect(folder.stderr.contains("cannot read the backup \(h.home.path): is a directory"), "\(folder.stderr)")
            try "{\"code\":".write(toFile: h.path("bad.json"), atomically: true, encoding: .utf8)
            let bad = try await h.run(["restore", "amo_dropbox", "--from", h.path("bad.json")])
            #expect(bad.status == 1)
            #expect(bad.stderr.contains("is not a settings backup"))
            #expect(h.sandbox?.totalRequestCount == 1, "only the login's check reached the sandbox")
        }

        /// A loopback port nothing listens on: bound (port 0), then closed.
        static func closedPort() throws -> Int {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw POSIXError(.EMFILE) }
            defer { close(fd) }
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            addr.sin_port = 0
            var len = socklen_t(MemoryLayout<sockaddr_in>.size)
            let ok = withUnsafeMutablePointer(to: &addr) { p in
                p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
            }
            guard ok else { throw POSIXError(.EADDRNOTAVAIL) }
            return Int(UInt16(bigEndian: addr.sin_port))
        }
    }
}
