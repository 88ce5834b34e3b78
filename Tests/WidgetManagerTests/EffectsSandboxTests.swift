import AmoCRM
import AmoSandbox
import Foundation
import Testing
@testable import WidgetManager

/// Runs the app with the real effect performer against the in-process sandbox over loopback HTTP.
/// Effects are performed one after another (ticks skipped), so the flow is deterministic.
struct SandboxDriver {
    var app: WidgetApp
    let performer: WidgetEffects
    let sandbox: RunningSandbox
    let client: AmoClient
    let home: String
    /// Answer the users request with a 403 instead of asking (an admin token without the users
    /// scope), so install still reaches the sandbox with hand-typed user ids.
    var forbidUsers = false

    static func start(token: String = SandboxTokens.admin, readonly: Bool = false, forbidUsers: Bool = false) async throws -> SandboxDriver {
        let sandbox = try await Sandbox.start(SandboxConfiguration())
        var configuration = AmoClientConfiguration(baseURL: try BaseURL(parsing: sandbox.baseURL), credentials: .longLivedToken(token))
        let activity = ClientActivity()
        configuration.onEvent = { activity.record($0) }
        let client = AmoClient(configuration: configuration)
        let home = Fixtures.tempDir()
        let performer = WidgetEffects(client: client, paths: AppPaths(environment: ["AMOWIDGETS_HOME": home]), activity: activity)
        let app = WidgetApp(options: AppOptions(readonly: readonly, accountHost: "sandbox.test", detailDelay: .zero))
        var driver = SandboxDriver(app: app, performer: performer, sandbox: sandbox, client: client, home: home, forbidUsers: forbidUsers)
        await driver.run(driver.app.start(width: 120, height: 40))
        return driver
    }

    func stop() async {
        await client.shutdown()
        await sandbox.shutdown()
        try? FileManager.default.removeItem(atPath: home)
    }

    /// Performs `effects` and every effect their answers ask for, until none is left.
    mutating func run(_ effects: [AppEffect]) async {
        var queue = effects
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            if case .tick = effect { continue }
            if effect.cancels != nil { continue }
            if forbidUsers, case .loadUsers(let id) = effect {
                queue += app.receive(.users(id: id, .failure(.forbidden(.scope, ErrorContext(status: 403, detail: "Invalid scope")))))
                continue
            }
            let message = await performer.perform(effect)
            queue += app.receive(message)
        }
    }

    mutating func key(_ k: KeyEvent) async { await run(app.handle(.key(k))) }
    mutating func type(_ text: String) async { for ch in text { await key(.char(ch)) } }
    var state: AppState { app.state }
}

@Suite(.serialized) struct EffectsSandboxTests {
    @Test func theWholeCatalogueLoadsWithAccountUsersAndPipelines() async throws {
        var d = try await SandboxDriver.start()
        #expect(d.state.load.complete)
        #expect(d.state.catalog.entries.count == 600)
        #expect(d.state.account != nil)
        if case .loaded(let users) = d.state.users { #expect(users.contains { $0.name == "Иван Петров" }) } else { Issue.record("no users") }
        #expect(!d.state.pipelineNames.isEmpty)
        #expect(d.state.details[d.state.selectedCode ?? ""] != nil)
        await d.key(.char("G"))
        #expect(d.state.cursor == 599)
        #expect(d.app.render(width: 120, height: 40).text.contains("600 shown / 600 loaded / total 600"))
        await d.stop()
    }

    @Test func installThroughTheFormThenUninstallWithABackup() async throws {
        var d = try await SandboxDriver.start()
        await d.key(.char("/")); await d.type("amo_asterisk"); await d.key(.enter)
        #expect(d.state.selectedCode == "amo_asterisk")
        await d.key(.char("i"))
        #expect(d.state.form != nil)
        // A required field left empty is caught before anything is sent.
        await d.key(.ctrl("s"))
        #expect(d.sandbox.requestCount(method: "POST", path: "/api/v4/widgets/amo_asterisk") == 0)
        // Shift-Tab from the first box wraps to the last (script_path), Tab wraps back.
        await d.key(.backTab); await d.type("https://pbx.example/"); await d.key(.tab)
        await d.type("оператор"); await d.key(.tab); await d.type("pa55word"); await d.key(.tab); await d.type("101")
        await d.key(.ctrl("s"))
        #expect(d.state.form == nil, "\(d.state.status?.text ?? "")")
        #expect(d.state.catalog.entry("amo_asterisk")?.installed == true)
        let installed = d.sandbox.installedSettings(code: "amo_asterisk")
        #expect(installed?["login"]?.stringValue == "оператор")
        #expect(installed?["password"]?.stringValue == "pa55word")
        #expect(installed?["phones"]?["504141"]?.stringValue == "101")
        let sentPath = try #require(d.state.local["amo_asterisk"]?.sentPath)
        #expect(sentPath.hasPrefix(d.home + "/data/sent/sandbox.test/amo_asterisk-"))
        let mode = (try FileManager.default.attributesOfItem(atPath: sentPath)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        let audit = try String(contentsOfFile: d.home + "/state/audit.log", encoding: .utf8)
        #expect(audit.contains("\"widget_code\":\"amo_asterisk\"") && audit.contains("\"action\":\"install\""))
        #expect(!audit.contains("pa55word"))
        // The audit line names the request the sandbox answered (its X-Request-Id), not a guess.
        let post = try #require(d.sandbox.recordedRequests.last { $0.method == "POST" && $0.path == "/api/v4/widgets/amo_asterisk" })
        let auditLog = AuditLog(fileURL: URL(fileURLWithPath: d.home + "/state/audit.log"))
        let installRecord = try #require(try auditLog.read().records.last)
        #expect(post.requestID.count == 32)
        #expect(installRecord.requestID == post.requestID)
        #expect(installRecord.httpStatus == post.status && post.status == 200)

        await d.key(.char("d"))
        #expect(d.state.dialog?.uninstallCode == "amo_asterisk")
        await d.key(.char("y"))
        #expect(d.sandbox.installedSettings(code: "amo_asterisk") == nil)
        #expect(d.state.catalog.entry("amo_asterisk")?.installed == false)
        let delete = try #require(d.sandbox.recordedRequests.last { $0.method == "DELETE" && $0.path == "/api/v4/widgets/amo_asterisk" })
        let uninstallRecord = try #require(try auditLog.read().records.last)
        #expect(uninstallRecord.action == .uninstall && uninstallRecord.httpStatus == 204)
        #expect(uninstallRecord.requestID == delete.requestID && delete.requestID != post.requestID)
        let status = d.state.status?.text ?? ""
        #expect(status.contains(d.home + "/data/backups/sandbox.test/amo_asterisk-"))
        let backups = AtomicFile.list(d.home + "/data/backups/sandbox.test")
        #expect(backups.count == 1)
        let backup = try String(contentsOfFile: d.home + "/data/backups/sandbox.test/" + backups[0], encoding: .utf8)
        #expect(backup.contains("pa55word") && backup.contains("оператор"))

        // Installing again offers the backup.
        await d.key(.char("i"))
        guard case .prefillFromBackup? = d.state.dialog else { Issue.record("no backup offer: \(String(describing: d.state.dialog))"); await d.stop(); return }
        await d.key(.char("y"))
        #expect(d.state.form?.fields[0].editor == .line(LineEditor("оператор")))
        await d.stop()
    }

    @Test func aUserTokenMayNeitherListUsersNorInstallAndNothingTypedIsLost() async throws {
        var d = try await SandboxDriver.start(token: SandboxTokens.user)
        // The user token may not list users: the users field takes ids typed by hand.
        guard case .unavailable = d.state.users else { Issue.record("users: \(d.state.users)"); await d.stop(); return }
        await d.key(.char("/")); await d.type("amo_asterisk"); await d.key(.enter)
        await d.key(.char("i"))
        await d.key(.backTab); await d.type("https://pbx.example/"); await d.key(.tab)
        await d.type("op"); await d.key(.tab); await d.type("pw"); await d.key(.tab); await d.type("504141"); await d.key(.tab); await d.type("5")
        await d.key(.ctrl("s"))
        let status = d.state.status?.text ?? ""
        #expect(status.contains("403") && status.contains("request "), "\(status)")
        #expect(!status.contains("pw"))
        if case .line(let e)? = d.state.form?.fields[1].editor { #expect(e.text == "pw") } else { Issue.record("form lost") }
        await d.stop()
    }

    @Test func theServersValidationErrorsLandBesideTheirFields() async throws {
        var d = try await SandboxDriver.start(forbidUsers: true)
        await d.key(.char("/")); await d.type("amo_asterisk"); await d.key(.enter)
        await d.key(.char("i"))
        await d.key(.backTab); await d.type("https://pbx.example/"); await d.key(.tab)
        await d.type("op"); await d.key(.tab); await d.type("pw"); await d.key(.tab); await d.type("999"); await d.key(.tab); await d.type("5")
        await d.key(.ctrl("s"))
        let form = try #require(d.state.form)
        if case .users(let rows, true) = form.fields[2].editor {
            #expect(rows[0].error != nil, "\(d.state.status?.text ?? "")")
            #expect(rows[0].cells.map(\.text) == ["999", "5"])
        } else { Issue.record("not free entry") }
        #expect(d.state.status?.isError == true)
        await d.stop()
    }

    @Test func aSupersededDetailLoadNeverReachesTheServer() async throws {
        let d = try await SandboxDriver.start()
        let performer = d.performer
        let task = Task.detached { await performer.perform(.loadDetail(id: 99, code: "amo_dropbox", host: "sandbox.test", delay: .seconds(5))) }
        task.cancel()
        let message = await task.value
        guard case .detail(99, "amo_dropbox", .failure(.cancelled), _) = message else { Issue.record("\(message)"); await d.stop(); return }
        #expect(d.sandbox.requestCount(method: "GET", path: "/api/v4/widgets/amo_dropbox") == 0)
        await d.stop()
    }
}

/// A change whose audit line cannot be written says so (the TUI must not lose records silently), and
/// one left without its answer is recorded as unknown when the program leaves.
@Suite(.serialized) struct AuditFailureTests {
    @Test func anUnwritableAuditLogIsSaidOnTheStatusLine() async throws {
        var d = try await SandboxDriver.start()
        let audit = AppPaths(environment: ["AMOWIDGETS_HOME": d.home]).auditLog
        try FileManager.default.createDirectory(atPath: audit, withIntermediateDirectories: true)  // a folder where the file goes
        await d.key(.char("/"))
        await d.type("tg_notes")
        await d.key(.enter)
        #expect(d.state.selectedCode == "tg_notes")
        await d.key(.char("i"))
        await d.type("42")
        await d.key(.ctrl("s"))
        #expect(d.state.status?.text.hasPrefix("tg_notes installed with 1 setting; but could not record it: the audit log") == true,
                "\(d.state.status?.text ?? "")")
        #expect(d.state.status?.isError == true)
        await d.stop()
    }

    @Test func aChangeLeftWithoutItsAnswerIsRecordedAsUnknown() async throws {
        let d = try await SandboxDriver.start()
        d.sandbox.setFaults(try FaultSpec(parsing: "latency:3000@POST"))
        let performer = d.performer
        let task = Task { await performer.perform(.install(id: 1, code: "tg_notes", host: "sandbox.test", settings: ["client_id": "7"], reconfigure: false)) }
        for _ in 0..<200 where d.sandbox.requestCount(method: "POST", path: "/api/v4/widgets/tg_notes") == 0 { try await Task.sleep(for: .milliseconds(10)) }
        let said = d.performer.recordAbandoned()
        #expect(said.count == 1 && said[0].hasPrefix("the install of tg_notes was sent but the program left before its answer"))
        _ = await task.value  // the answer comes later: it writes nothing more
        let (records, _) = try AuditLog(fileURL: URL(fileURLWithPath: AppPaths(environment: ["AMOWIDGETS_HOME": d.home]).auditLog)).read()
        #expect(records.map(\.outcome) == [.unknown])
        #expect(SettingsStore(paths: AppPaths(environment: ["AMOWIDGETS_HOME": d.home])).latest(code: "tg_notes", host: "sandbox.test", kind: .sent)?.record.settings
                == ["client_id": "7"])
        await d.stop()
    }
}
