import Foundation

import Testing
@testable import AmoCRM

@Suite struct CredentialStoreTests {
    @Test func savesAtomicallyPrivatelyAndKeepsOtherMembers() throws {
        let dir = try TempDir(); defer { dir.remove() }
        let store = CredentialStore(path: dir.path + "/creds.json")
        #expect(try store.load() == nil)
        try store.saveDocument(["client_id": "abc", "note": ["x": 1]])
        let pair = TokenPair(accessToken: "a1", refreshToken: "r1", expiresAt: Date(timeIntervalSince1970: 1_900_000_000))
        try store.save(pair)
        #expect(try store.load() == pair)
        let doc = try #require(try store.loadDocument())
        #expect(doc["client_id"] == "abc")
        #expect(doc["note"]?["x"] == .integer(1))
        #expect(doc["expires_at"] == .integer(1_900_000_000))
        let mode = (try FileManager.default.attributesOfItem(atPath: store.path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode.map { $0 & 0o777 } == 0o600)
    }

    @Test func corruptFileIsAClearError() throws {
        let dir = try TempDir(); defer { dir.remove() }
        let store = CredentialStore(path: dir.path + "/creds.json")
        try Data("{\"access_token\": \"abc".utf8).write(to: URL(fileURLWithPath: store.path))
        do {
            _ = try store.load()
            Issue.record("a truncated file was accepted")
        } catch {
            guard case .configuration(let text) = error else { Issue.record("\(error)"); return }
            #expect(text.contains("creds.json") && !text.contains("abc"))
        }
    }

    @Test func aReaderNeverSeesAHalfWrittenFile() async throws {
        let dir = try TempDir(); defer { dir.remove() }
        let store = CredentialStore(path: dir.path + "/creds.json")
        let pad = String(repeating: "x", count: 64 * 1024)  // large enough that a write takes several syscalls
        try store.save(TokenPair(accessToken: "A0" + pad, refreshToken: "R0" + pad))
        let bad = Locked(0)
        let reads = Locked(0)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for i in 1...150 { try? store.save(TokenPair(accessToken: "A\(i)" + pad, refreshToken: "R\(i)" + pad)) }
            }
            for _ in 0..<2 {
                group.addTask {
                    for _ in 0..<300 {
                        reads.withLock { $0 += 1 }
                        guard let pair = try? store.load(),
                              pair.accessToken.dropFirst().prefix(while: \.isNumber) == pair.refreshToken.dropFirst().prefix(while: \.isNumber),
                              pair.accessToken.hasSuffix(pad) else {
                            bad.withLock { $0 += 1 }
                            continue
                        }
                    }
                }
            }
        }
        #expect(bad.withLock { $0 } == 0)
        #expect(reads.withLock { $0 } == 600)
        #expect(try store.load()?.accessToken == "A150" + pad)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["creds.json"])  // no temporary files left
    }

    @Test func lockExcludesASecondHolderUntilReleased() async throws {
        let dir = try TempDir(); defer { dir.remove() }
        let store = CredentialStore(path: dir.path + "/creds.json")
        let order = Locked<[String]>([])
        try await store.withExclusiveLock { () async throws(AmoError) in
            order.withLock { $0.append("first in") }
            let second = Task {
                try await CredentialStore(path: store.path).withExclusiveLock { () async throws(AmoError) in
                    order.withLock { $0.append("second in") }
                }
            }
            try? await Task.sleep(for: .milliseconds(150))
            order.withLock { $0.append("first out") }
            _ = second
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(order.withLock { $0 } == ["first in", "first out", "second in"])
    }

    @Test func lockWaitTimesOut() async throws {
        let dir = try TempDir(); defer { dir.remove() }
        let store = CredentialStore(path: dir.path + "/creds.json")
        try await store.withExclusiveLock { () async throws(AmoError) in
            let error = await amoError {
                try await CredentialStore(path: store.path).withExclusiveLock(timeout: .milliseconds(100)) { () async throws(AmoError) in }
            }
            guard case .configuration(let text)? = error else { Issue.record("\(String(describing: error))"); return }
            #expect(text.contains("creds.json.lock"))
        }
    }

    @Test func longLivedJWTNearExpiryIsReported() async throws {
        func b64(_ s: String) -> String {
            Data(s.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        }
        let soon = Int(Date().timeIntervalSince1970) + 3600
        let late = Int(Date().timeIntervalSince1970) + 365 * 86400
        for (exp, warns) in [(soon, true), (late, false)] {
            let token = b64(#"{"alg":"RS256"}"#) + "." + b64(#"{"exp":\#(exp)}"#) + ".sig"
            let events = EventLog()
            let auth = Authenticator(credentials: .longLivedToken(token), expiryWarning: 7 * 86400, onEvent: events.handler) { _, _ async throws(AmoError) -> TokenPair in
                throw .configuration("never called")
            }
            #expect(try await auth.accessToken() == token)
            #expect(try await auth.accessToken() == token)
            #expect(events.all == (warns ? [.tokenExpiresSoon(at: Date(timeIntervalSince1970: TimeInterval(exp)))] : []))
        }
    }
}
