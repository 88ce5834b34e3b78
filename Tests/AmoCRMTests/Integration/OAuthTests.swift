import AmoSandbox
import Foundation
import Testing
@testable import AmoCRM

@Suite struct OAuthTests {
    static let tokenPath = "/oauth2/access_token"

    static func config(_ sandbox: RunningSandbox, _ store: CredentialStore, events: EventLog? = nil,
                       _ configure: (inout AmoClientConfiguration) -> Void = { _ in }) throws -> AmoClientConfiguration {
        try clientConfig(sandbox) {
            $0.credentials = .oauth(sandboxApp, store)
            $0.onEvent = events?.handler
            configure(&$0)
        }
    }

    /// Exchanges a code, then stores the pair with `access` replaced and `expiresAt` set: a pair
    /// whose access token the sandbox rejects (or that is past its expiry) with a live refresh token.
    static func storeStalePair(_ sandbox: RunningSandbox, _ store: CredentialStore, expired: Bool) async throws -> TokenPair {
        let pair = try await withClient(try config(sandbox, store)) { try await $0.exchangeAuthorizationCode("sandbox-auth-code-1") }
        var stale = pair
        stale.accessToken = "stale-access-token-\(UUID().uuidString)"
        stale.expiresAt = Date().addingTimeInterval(expired ? -60 : 86400)
        try store.save(stale)
        return stale
    }

    static func mode(_ path: String) throws -> Int {
        try ((FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue).map { $0 & 0o777 } ?? -1
    }

    @Test func codeExchangeStoresThePairPrivately() async throws {
        let dir = try TempDir(); defer { dir.remove() }
        let store = CredentialStore(path: dir.path + "/profiles/default.json")
        try await withSandbox { sandbox in
            try await withClient(try Self.config(sandbox, store)) { client in
                let pair = try await client.exchangeAuthorizationCode("sandbox-auth-code-1")
                #expect(try store.load() == pair)
                #expect(try Self.mode(store.path) == 0o600)
                #expect(pair.expiresAt.map { $0.timeIntervalSinceNow > 86000 } == true)
                #expect(try await client.account().currentUserID == 504141)
                let reused = await amoError { try await client.exchangeAuthorizationCode("sandbox-auth-code-1") }
                #expect(reused?.status == 400 || reused?.status == 401)
                #expect(try store.load() == pair)  // a failed exchange leaves the stored pair alone
            }
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/profiles").sorted()
            #expect(files == ["default.json", "default.json.lock"])
        }
    }

    @Test func refreshesAnExpiredTokenBeforeUse() async throws {
        let dir = try TempDir(); defer { dir.remove() }
        let store = CredentialStore(path: dir.path + "/creds.json")
        try await withSandbox { sandbox in
            let stale = try await Self.storeStalePair(sandbox, store, expired: true)
            let events = EventLog()
            let account = try await withClient(try Self.config(sandbox, store, events: events)) { try await $0.account() }
            #expect(account.currentUserID == 504141)
            #expect(sandbox.requestCount(method: "POST", path: Self.tokenPath) == 2)  // exchange + one refresh
            #expect(sandbox.requestCount(method: "GET", path: "/api/v4/account") == 1)  // no 401 first
            let fresh = try #require(try store.load())
            #expect(fresh.refreshToken != stale.refreshToken && fresh.accessToken != stale.accessToken)
            #expect(events.all.contains(.refreshingToken))
            #expect(events.all.contains(.tokenRefreshed(expiresAt: fresh.expiresAt)))
        }
    }

    @Test func refreshesOnceOn401AndRetriesOnce() async throws {
        let dir = try TempDir(); defer { dir.remove() }
        let store = CredentialStore(path: dir.path + "/creds.json")
        try await withSandbox { sandbox in
            _ = try await Self.storeStalePair(sandbox, store, expired: false)
            let account = try await withClient(try Self.config(sandbox, store)) { try await $0.account() }
            #expect(account.currentUserID == 504141)
            #expect(sandbox.requestCount(method: "GET", path: "/api/v4/account") == 2)  // 401, then the retry
            #expect(sandbox.requestCount(method: "POST", path: Self.tokenPath) == 2)
        }
    }

    @Test func twentyConcurrentRequestsAtExpiryRefreshOnce() async throws {
        for expired in [true, false] {
            let dir = try TempDir(); defer { dir.remove() }
            let store = CredentialStore(path: dir.path + "/creds.json")
            try await withSandbox { sandbox in
                _ = try await Self.storeStalePair(sandbox, store, expired: expired)
                let events = EventLog()
                let errors = try await withClient(try Self.config(sandbox, store, events: events)) { client in
                    await withTaskGroup(of: AmoError?.self) { group in
                        for _ in 0..<20 { group.addTask { await amoError { try await client.widget(code: "amo_dropbox") } } }
                        return await group.reduce(into: []) { $0.append($1) }
                    }
                }
                #expect(errors.allSatisfy { $0 == nil }, "\(errors.compactMap { $0 })")
                #expect(sandbox.requestCount(method: "POST", path: Self.tokenPath) == 2, "expired: \(expired)")
                // Requests that waited in the pacer use the refreshed token: only those already on
                // the wire with the stale one get a 401 (and retry with the shared new token) — at
                // most the pacer's burst of 7.
                #expect(sandbox.requestCount(method: "GET", path: "/api/v4/widgets/amo_dropbox") <= 20 + 7, "\(events.all)")
            }
        }
    }

    @Test func twoClientsSharingACredentialFileRefreshOnce() async throws {
        let dir = try TempDir(); defer { dir.remove() }
        let store = CredentialStore(path: dir.path + "/creds.json")
        try await withSandbox { sandbox in
            _ = try await Self.storeStalePair(sandbox, store, expired: true)
            // Two clients = two authenticators with separate in-process single flight, as two
            // processes would have; only the file lock and the re-read keep them from refreshing twice.
            let a = AmoClient(configuration: try Self.config(sandbox, CredentialStore(path: store.path)))
            let b = AmoClient(configuration: try Self.config(sandbox, CredentialStore(path: store.path)))
            let errors = await withTaskGroup(of: AmoError?.self) { group in
                for i in 0..<6 {  // two processes share one token's rate limit: stay under 7 per second
                    let client = i.isMultiple(of: 2) ? a : b
                    group.addTask { await amoError { try await client.account() } }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            await a.shutdown()
            await b.shutdown()
            #expect(errors.allSatisfy { $0 == nil }, "\(errors.compactMap { $0 })")
            #expect(!errors.contains { $0?.isRevokedToken == true })
            #expect(sandbox.requestCount(method: "POST", path: Self.tokenPath) == 2)
        }
    }

    @Test func reusedRefreshTokenIsReportedAsRevoked() async throws {
        let dir = try TempDir(); defer { dir.remove() }
        let store = CredentialStore(path: dir.path + "/creds.json")
        try await withSandbox { sandbox in
            let stale = try await Self.storeStalePair(sandbox, store, expired: true)
            _ = try await withClient(try Self.config(sandbox, store)) { try await $0.refreshTokens() }
            // Another copy of the old pair (e.g. a backup) tries the already used refresh token.
            let old = CredentialStore(path: dir.path + "/old.json")
            try old.save(stale)
            let error = try await withClient(try Self.config(sandbox, old)) { client in await amoError { try await client.account() } }
            #expect(error?.isRevokedToken == true, "\(String(describing: error))")
            #expect(error?.message.hasPrefix("Token revoked (401)") == true)
            #expect(!(error?.message.contains(stale.refreshToken) ?? true))
            #expect(try old.load()?.refreshToken == stale.refreshToken)  // the failed refresh left the file alone
        }
    }

    @Test func longLivedTokensAreNeverRefreshed() async throws {
        try await withSandbox { sandbox in
            let error = try await withClient(try clientConfig(sandbox, token: "not-a-valid-token")) { client in
                await amoError { try await client.account() }
            }
            guard case .unauthorized? = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(sandbox.requestCount(method: "POST", path: Self.tokenPath) == 0)
            #expect(sandbox.requestCount(method: "GET", path: "/api/v4/account") == 1)
        }
    }

    @Test func missingTokensAreAConfigurationError() async throws {
        let dir = try TempDir(); defer { dir.remove() }
        try await withSandbox { sandbox in
            let error = try await withClient(try Self.config(sandbox, CredentialStore(path: dir.path + "/none.json"))) { client in
                await amoError { try await client.account() }
            }
            guard case .configuration(let text)? = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(text.contains("none.json"))
            #expect(sandbox.totalRequestCount == 0)
        }
    }
}
