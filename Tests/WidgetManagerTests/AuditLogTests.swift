import Foundation
import Testing
@testable import WidgetManager

@Suite struct AuditLogTests {
    func tempLog() -> AuditLog {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("auditlog-\(UUID().uuidString)")
        return AuditLog(fileURL: dir.appendingPathComponent("state/audit.log"))
    }

    @Test func appendsOneLinePerRecordAndReadsThemBack() throws {
        let log = tempLog()
        let t = Date(timeIntervalSince1970: 1_800_000_000)
        try log.append(AuditRecord(time: t, profile: "work", accountHost: "example.amocrm.ru", widgetCode: "amo_asterisk",
                                   action: .install, outcome: .ok, httpStatus: 200, requestID: nil,
                                   settingsKeys: ["password", "login"]))
        try log.append(AuditRecord(time: t, profile: nil, accountHost: "127.0.0.1:9", widgetCode: "amo_dropbox",
                                   action: .uninstall, outcome: .failed, httpStatus: 403, requestID: "abc", error: "Forbidden"))
        let text = try String(contentsOf: log.fileURL, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].contains(#""settings_keys":["login","password"]"#))
        #expect(lines[0].contains(#""time":"2027-01-15T08:00:00Z""#))
        #expect(lines[1].contains(#""profile":null"#))
        let (records, bad) = try log.read()
        #expect(bad == 0)
        #expect(records.map(\.widgetCode) == ["amo_asterisk", "amo_dropbox"])
        #expect(records[1].httpStatus == 403 && records[1].requestID == "abc" && records[1].outcome == .failed)
        let mode = try FileManager.default.attributesOfItem(atPath: log.fileURL.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func skipsAndCountsUnreadableLines() throws {
        let log = tempLog()
        try log.append(AuditRecord(profile: "p", accountHost: "h", widgetCode: "a", action: .restore, outcome: .ok, httpStatus: 200, requestID: nil))
        let handle = try FileHandle(forWritingTo: log.fileURL)
        handle.seekToEndOfFile()
        handle.write(Data("{\"time\": cut in the mid\n".utf8))
        try handle.close()
        try log.append(AuditRecord(profile: "p", accountHost: "h", widgetCode: "b", action: .reconfigure, outcome: .ok, httpStatus: 200, requestID: nil))
        let (records, bad) = try log.read()
        #expect(records.map(\.widgetCode) == ["a", "b"])
        #expect(bad == 1)
    }

    @Test func aMissingFileIsAnEmptyLog() throws {
        let (records, bad) = try tempLog().read()
        #expect(records.isEmpty && bad == 0)
    }
}
