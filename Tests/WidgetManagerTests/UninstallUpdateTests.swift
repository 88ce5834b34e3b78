import AmoCRM
import Testing
@testable import WidgetManager

@Suite struct UninstallUpdateTests {
    @Test func uninstallAsksNamingTheWidgetThenBacksUpAndDeletes() {
        var h = Harness()
        h.loadCatalog()
        h.select("amo_mailchimp")
        let withSettings = Fixtures.widget("amo_mailchimp", id: 796, fields: [("api", "custom", "custom", false)], installed: true, settings: ["api": ["k": 1]])
        h.answerDetail(withSettings)
        h.open(.char("в"))  // d on ЙЦУКЕН
        #expect(h.state.dialog?.uninstallCode == "amo_mailchimp")
        #expect(h.screen(120, 40).contains("Uninstall amo_mailchimp from example.amocrm.ru?"))
        h.key(.char("n"))
        #expect(h.state.dialog == nil)
        h.open(.char("d"))
        let effects = h.key(.char("y"))
        guard case .uninstall(let id, "amo_mailchimp", "example.amocrm.ru", let backup)? = effects.first else {
            Issue.record("no uninstall: \(effects)"); return
        }
        #expect(backup == ["api": .object(["k": .integer(1)])])
        h.send(.message(.uninstalled(id: id, code: "amo_mailchimp", .done(backupPath: "/data/backups/x/amo_mailchimp-1.json"))))
        #expect(h.state.catalog.entry("amo_mailchimp")?.installed == false)
        #expect(h.state.status?.text.contains("/data/backups/x/amo_mailchimp-1.json") == true)
    }

    @Test func aFailedBackupOrDeleteSaysSo() {
        var h = Harness()
        h.loadCatalog()
        h.select("amo_mailchimp")
        h.open(.char("d"))
        h.answerLocal()  // the question waits for the local records (it names what is backed up)
        guard case .uninstall(let id, _, _, _)? = h.key(.char("y")).first else { Issue.record("no uninstall"); return }
        h.send(.message(.uninstalled(id: id, code: "amo_mailchimp", .backupFailed("Permission denied"))))
        #expect(h.state.catalog.entry("amo_mailchimp")?.installed == true)
        #expect(h.state.status?.text == "Not uninstalled: the backup could not be written (Permission denied)")
    }

    @Test func uninstallOfAWidgetNotInstalledIsRefused() {
        var h = Harness()
        h.loadCatalog()
        h.open(.char("d"))
        #expect(h.state.dialog == nil)
        #expect(h.state.status?.text == "amo_asterisk is not installed")
    }

    @Test func installOffersToPrefillFromABackup() {
        var h = Harness()
        h.loadCatalog()
        h.select("amo_asterisk")
        let effects = h.key(.char("i"))  // no detail yet: local records first
        #expect(effects.contains { if case .loadLocal(_, "amo_asterisk", "example.amocrm.ru") = $0 { true } else { false } })
        let backup = SettingsRecord(code: "amo_asterisk", host: "example.amocrm.ru", kind: .uninstallBackup, savedAt: "2026-11-20T00:00:00Z",
                                    settings: ["login": .string("old"), "password": .string("pw"), "phones": .object(["504142": .integer(459)])])
        h.answerLocal(LocalRecords(backup: backup, backupPath: "/b/amo_asterisk-x.json"))
        #expect(h.state.dialog == .prefillFromBackup(code: "amo_asterisk", path: "/b/amo_asterisk-x.json"))
        h.key(.char("y"))
        #expect(h.state.form?.fields[0].editor == .line(LineEditor("old")))
        h.answerUsers()
        if case .users(let rows, false)? = h.state.form?.fields[2].editor {
            #expect(rows.first { $0.userID == 504142 }?.cells[0].text == "459")
        } else { Issue.record("no users rows") }
        #expect(h.screen(120, 40).contains("Prefilled from the backup /b/amo_asterisk-x.json"))
    }
}
