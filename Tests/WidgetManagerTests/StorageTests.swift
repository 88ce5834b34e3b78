import AmoCRM
import Foundation
import Testing
@testable import WidgetManager

@Suite struct StorageTests {
    @Test func pathsFollowXDGAndAmowidgetsHomeOverrides() {
        let xdg = AppPaths(environment: ["HOME": "/home/u", "XDG_DATA_HOME": "/d", "XDG_CONFIG_HOME": "relative/ignored"])
        #expect(xdg.data == "/d/amowidgets")
        #expect(xdg.config == "/home/u/.config/amowidgets")
        #expect(xdg.state == "/home/u/.local/state/amowidgets")
        let home = AppPaths(environment: ["HOME": "/home/u", "XDG_DATA_HOME": "/d", "AMOWIDGETS_HOME": "/t/aw"])
        #expect(home == AppPaths(config: "/t/aw/config", state: "/t/aw/state", data: "/t/aw/data"))
        #expect(home.backupsDirectory(host: "example.amocrm.ru") == "/t/aw/data/backups/example.amocrm.ru")
        #expect(AppPaths.safeName("127.0.0.1:8080") == "127.0.0.1_8080")
        #expect(AppPaths.safeName("..") == "_")
        #expect(AppPaths.safeName("a/../b") == "a_.._b")
    }

    @Test func backupsAreWrittenPrivatelyAndTheNewestIsFound() throws {
        let dir = Fixtures.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = SettingsStore(paths: AppPaths(environment: ["AMOWIDGETS_HOME": dir]))
        let older = try store.save(code: "amo_asterisk", host: "example.amocrm.ru", kind: .uninstallBackup,
                                   settings: ["password": .string("old")], at: Date(timeIntervalSince1970: 1_700_000_000))
        let newer = try store.save(code: "amo_asterisk", host: "example.amocrm.ru", kind: .uninstallBackup,
                                   settings: ["password": .string("new")], at: Date(timeIntervalSince1970: 1_700_000_100))
        // A widget whose code starts the same way must not be confused with this one.
        try store.save(code: "amo_asterisk-2", host: "example.amocrm.ru", kind: .uninstallBackup, settings: [:],
                       at: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(older.hasPrefix(dir + "/data/backups/example.amocrm.ru/amo_asterisk-20231114T"))
        let attributes = try FileManager.default.attributesOfItem(atPath: newer)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let latest = store.latest(code: "amo_asterisk", host: "example.amocrm.ru", kind: .uninstallBackup)
        #expect(latest?.path == newer)
        #expect(latest?.record.settings == ["password": .string("new")])
        #expect(latest?.record.kind == .uninstallBackup)
        #expect(store.latest(code: "amo_asterisk", host: "example.amocrm.ru", kind: .sent) == nil)
        #expect(store.latest(code: "amo_asterisk", host: "other", kind: .uninstallBackup) == nil)
        // No temporary files are left behind.
        #expect(AtomicFile.list(dir + "/data/backups/example.amocrm.ru").allSatisfy { $0.hasSuffix(".json") })
    }

    @Test func aCorruptNewestRecordFallsBackToTheOneBefore() throws {
        let dir = Fixtures.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = SettingsStore(paths: AppPaths(environment: ["AMOWIDGETS_HOME": dir]))
        let good = try store.save(code: "w", host: "h", kind: .sent, settings: ["a": .integer(1)], at: Date(timeIntervalSince1970: 1))
        try AtomicFile.write(Array("not json".utf8), to: dir + "/data/sent/h/w-20991231T000000.000Z.json")
        #expect(store.latest(code: "w", host: "h", kind: .sent)?.path == good)
    }

    @Test func writingIntoAnUnwritablePlaceThrowsWithThePath() {
        #expect(throws: AtomicFile.Failure.self) {
            try AtomicFile.write([1, 2, 3], to: "/proc/amowidgets-test/x.json")
        }
    }
}
