import AmoSandbox
import Foundation
import Logging
import Testing
@testable import AmoCRM

/// Log lines captured by a test handler.
final class CapturedLog: Sendable {
    let lines = Locked<[String]>([])

    var logger: Logger {
        var logger = Logger(label: "test") { _ in Handler(sink: self) }
        logger.logLevel = .trace
        return logger
    }

    struct Handler: LogHandler {
        let sink: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
            let meta = (metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            sink.lines.withLock { $0.append("\(level) \(message) \(meta)") }
        }
    }
}

@Suite struct SecretsTests {
    @Test func credentialsNeverPrintTheirSecrets() throws {
        let token = "eyJhbGciOiJub25lIn0.eyJleHAiOjF9.long-lived-SECRET"
        var config = AmoClientConfiguration(baseURL: try BaseURL(parsing: "example"), credentials: .longLivedToken(token))
        let oauth = Credentials.oauth(OAuthApp(clientID: "id", clientSecret: "client-SECRET", redirectURI: "https://x/cb"), CredentialStore(path: "/tmp/c.json"))
        var texts = ["\(config)", String(reflecting: config), "\(config.credentials)", "\(oauth)", String(reflecting: oauth)]
        var dumped = ""
        dump(config, to: &dumped)
        dump(oauth, to: &dumped)
        texts.append(dumped)
        config.credentials = oauth
        texts.append("\(config)")
        for text in texts {
            #expect(!text.contains("SECRET"), "\(text)")
        }
        #expect("\(oauth)".contains("/tmp/c.json"))
    }

    @Test func logsCarryEndpointStatusAndRequestIdButNoSecrets() async throws {
        let log = CapturedLog()
        try await withSandbox({ $0.faults = try? FaultSpec(parsing: "503@GET/api/v4/account#1") }) { sandbox in
            let config = try clientConfig(sandbox) { $0.logger = log.logger }
            try await withClient(config) { client in
                _ = try await client.account()
                _ = try await client.install(code: "amo_asterisk", settings: try InstallTests.seedSettings())
            }
        }
        let lines = log.lines.withLock { $0 }
        let account = lines.filter { $0.contains("endpoint=GET /api/v4/account") && $0.hasPrefix("info request") }
        #expect(account.count == 2)
        #expect(account.first?.contains("status=503") == true)
        #expect(account.last?.contains("status=200") == true)
        #expect(account.allSatisfy { $0.contains("duration_ms=") && $0.range(of: #"request_id=[0-9a-f]{32}"#, options: .regularExpression) != nil })
        #expect(lines.contains { $0.hasPrefix("notice retry") && $0.contains("reason=server busy (503)") })
        #expect(lines.contains { $0.contains("endpoint=POST /api/v4/widgets/amo_asterisk") && $0.contains("status=200") })
        for line in lines {
            #expect(!line.contains(SandboxTokens.admin) && !line.contains("eXaMp1E") && !line.contains("Bearer"), "\(line)")
        }
    }
}

@Suite struct OAuthAppTests {
    @Test func authorizationURLCarriesClientIDAndStateButNoSecret() throws {
        let app = OAuthApp(clientID: "440a9a11-167d", clientSecret: "s3cr3t", redirectURI: "https://example.com/cb")
        let url = app.authorizationURL(state: "a b&c")
        #expect(url == "https://www.amocrm.ru/oauth?client_id=440a9a11-167d&state=a%20b%26c&mode=post_message")
        #expect(app.authorizationURL(state: "x", serviceDomain: "kommo.com").hasPrefix("https://www.kommo.com/oauth?"))
        #expect(!url.contains("s3cr3t"))
    }
}
