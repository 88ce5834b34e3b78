import Foundation
import Testing

extension CLITests {
    /// A 401 says where the rejected token came from: logging in cannot fix a token in AMO_TOKEN.
    @Suite struct CLITokenSourceTests {
        @Test func aRejectedAMOTokenIsNamedAndAProfileTokenSaysLogIn() async throws {
            let h = try await CLIHarness.make()
            defer { Task { await h.finish() } }
            let env = ["AMO_TOKEN": "not-a-valid-token", "AMO_BASE_URL": h.baseURL]
            let r = try await h.run(["list"], environment: env)
            #expect(r.status == 4)
            #expect(r.stderr.contains("the token from AMO_TOKEN was rejected"), "\(r.stderr)")
            #expect(r.stderr.contains("Set a valid token in AMO_TOKEN"))
            #expect(!r.stderr.lowercased().contains("log in again"))
            #expect(!r.stderr.contains("not-a-valid-token"))
            // The same for a change: refused, audited as failed with the request id of the 401.
            let install = try await h.run(["install", "tg_notes", "--set", "client_id=1"], environment: env)
            #expect(install.status == 4 && install.stderr.contains("the token from AMO_TOKEN was rejected"), "\(install.stderr)")
        }
    }
}
