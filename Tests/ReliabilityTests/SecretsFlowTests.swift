import AmoCRM
import AmoSandbox
import Foundation
import Logging
import Synchronization
import Testing
@testable import WidgetManager

/// Issue 7, secrets: unique secret strings are planted in a `pass` field, two more `pass` fields and
/// `users_lp` passwords, typed through the real form, sent to the in-process sandbox, reconfigured and
/// uninstalled. Every screen drawn on the way (two sizes), every client log line at trace level, the
/// audit log and every status and error line are searched: zero hits, except right after ^R (the
/// positive control that proves the search would see it). Files written are mode 0600.
@Suite struct SecretsFlowTests {
    static let code = "sip_integration_1096"  // text + users_lp + 3 pass + custom in the sandbox catalogue

    @Test func secretsTypedIntoTheFormReachOnlyTheServerAndTheBackup() async throws {
        let secrets = ["pw-S3CRET-7f3a91", "sk-S3CRET-c24e55", "tok-S3CRET-9be01d", "lp-S3CRET-a1b2c3"]
        let sandbox = try await Sandbox.start(SandboxConfiguration())
        let logs = LogCapture()
        var configuration = AmoClientConfiguration(baseURL: try BaseURL(parsing: sandbox.baseURL), credentials: .longLivedToken(SandboxTokens.admin))
        configuration.logger = Logger(label: "secrets-test") { _ in logs.handler() }
        configuration.logger.logLevel = .trace
        let activity = ClientActivity()
        configuration.onEvent = { activity.record($0) }
        let client = AmoClient(configuration: configuration)
        let home = NSTemporaryDirectory() + "amowidgets-secrets-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: home) }
        let performer = WidgetEffects(client: client, paths: AppPaths(environment: ["AMOWIDGETS_HOME": home]), activity: activity)
        var flow = Flow(app: WidgetApp(options: AppOptions(accountHost: "sandbox.test", detailDelay: .zero)), performer: performer)
        await flow.run(flow.app.start(width: 120, height: 40))

        await flow.keys([.char("/")]); await flow.type(Self.code); await flow.keys([.enter, .char("i")])
        let form = try #require(flow.app.state.form)
        // Fill every box by what its field is: pass fields get secrets 0-2, users_lp rows a login and secret 3.
        var passIndex = 0
        for _ in form.slots.indices {
            guard let f = flow.app.state.form, let slot = f.focusedSlot else { break }
            let field = f.fields[slot.field]
            switch field.type {
            case .pass: await flow.type(secrets[passIndex % 3]); passIndex += 1
            case .usersLP: await flow.type(slot.cell == 0 ? "login\(slot.row)" : secrets[3])
            case .custom: await flow.type("{\"a\":1}")
            default: await flow.type("plain")
            }
            await flow.keys([.tab])
        }
        // Positive control: ^R on a secret box shows it, so the scan below can see a leak.
        await flow.keys([.backTab])
        while let f = flow.app.state.form, let slot = f.focusedSlot, !f.isMasked(slot) { await flow.keys([.backTab]) }
        let mark = flow.screens.count
        await flow.keys([.ctrl("r")])
        let revealed = flow.app.render(width: 120, height: 40).text
        #expect(secrets.contains { revealed.contains($0) }, "^R did not reveal the focused secret")
        // The revealed screens were asked for; every other screen, before and after, is scanned.
        flow.screens.removeSubrange(mark..<flow.screens.count)
        await flow.keys([.tab])
        #expect(!secrets.contains { flow.screens.last?.contains($0) == true }, "the secret stayed revealed after Tab")

        await flow.keys([.ctrl("s")])
        if flow.app.state.dialog != nil { await flow.keys([.char("y")]) }
        #expect(flow.app.state.form == nil, "install did not finish: \(flow.app.state.status?.text ?? "")")
        let installed = try #require(sandbox.installedSettings(code: Self.code))
        #expect(installed["password"]?.stringValue != nil && installed["auth_token"]?.stringValue != nil)
        #expect(passIndex >= 3)
        // Reconfigure (the form refills from the server's settings: masked on screen), then uninstall.
        await flow.keys([.char("e")])
        if flow.app.state.dialog != nil { await flow.keys([.char("y")]) }
        await flow.keys([.escape])
        if flow.app.state.dialog != nil { await flow.keys([.char("y")]) }
        await flow.keys([.char("d"), .char("y")])
        #expect(sandbox.installedSettings(code: Self.code) == nil)
        await client.shutdown(); await sandbox.shutdown()

        let audit = (try? String(contentsOfFile: home + "/state/audit.log", encoding: .utf8)) ?? ""
        #expect(audit.contains(Self.code), "no audit line")
        let places: [(String, String)] = [("screens", flow.screens.joined(separator: "\n")), ("client log", logs.text),
                                          ("audit log", audit), ("status lines", flow.statuses.joined(separator: "\n"))]
        var hits = 0
        for (place, text) in places {
            for secret in secrets + [SandboxTokens.admin] where text.contains(secret) {
                hits += 1
                Issue.record("\(secret) found in \(place)")
            }
        }
        #expect(flow.screens.count > 20)
        #expect(!logs.text.isEmpty, "the client logged nothing at trace level")
        print("secrets scan: \(secrets.count + 1) planted, \(flow.screens.count) screens, \(logs.lines) log lines, audit log; \(hits) found")
        // Files this program wrote (sent records, the uninstall backup, the audit log): owner only.
        let files = FileManager.default.enumerator(atPath: home)?.compactMap { $0 as? String } ?? []
        var checked = 0
        for file in files {
            var info = stat()
            guard stat(home + "/" + file, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            #expect(info.st_mode & 0o777 == 0o600, "\(file) is mode \(String(info.st_mode & 0o777, radix: 8))")
            checked += 1
        }
        #expect(checked >= 3, "sent record, backup and audit log expected, found \(files)")
    }

    @Test func plainHTTPToAnotherHostIsRefused() {
        for url in ["http://example.amocrm.ru", "http://10.0.0.1:8080", "http://127.0.0.1.evil.com"] {
            #expect(throws: (any Error).self, "\(url) accepted") { _ = try BaseURL(parsing: url) }
        }
        for url in ["http://127.0.0.1:8080", "https://example.amocrm.ru"] {
            #expect(throws: Never.self) { _ = try BaseURL(parsing: url) }
        }
    }
}

/// Runs the app with the real effect performer, one effect after another (ticks skipped), keeping
/// every screen and status line it drew.
struct Flow {
    var app: WidgetApp
    let performer: WidgetEffects
    var screens: [String] = []
    var statuses: [String] = []

    mutating func run(_ effects: [AppEffect]) async {
        var queue = effects
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            if case .tick = effect { continue }
            if effect.cancels != nil { continue }
            queue += app.receive(await performer.perform(effect))
            snapshot()
        }
        snapshot()
    }

    mutating func snapshot() {
        screens.append(app.render(width: 120, height: 40).text)
        screens.append(app.render(width: 80, height: 24).text)
        if let s = app.state.status?.text { statuses.append(s) }
    }

    mutating func keys(_ keys: [KeyEvent]) async { for k in keys { await run(app.handle(.key(k))) } }
    mutating func type(_ text: String) async { for ch in text { await run(app.handle(.key(.char(ch)))) } }
}

/// A swift-log handler that keeps every line (message and metadata) for searching.
final class LogCapture: Sendable {
    private let store = Mutex<[String]>([])
    var text: String { store.withLock { $0.joined(separator: "\n") } }
    var lines: Int { store.withLock { $0.count } }
    func handler() -> Handler { Handler(capture: self) }
    func append(_ line: String) { store.withLock { $0.append(line) } }

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] } set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
            capture.append("\(level) \(message) \(metadata.merging(extra ?? [:]) { $1 })")
        }
    }
}
