// --state FILE: installs survive a restart; the file is replaced atomically; corrupt -> clear error.
import AmoSandbox
import Foundation
import Testing

@Suite struct StateFileTests {
    @Test func installsAndUninstallsSurviveARestart() async throws {
        let file = try temporaryDirectory().appendingPathComponent("state.json")
        let configure: (inout SandboxConfiguration) -> Void = { $0.stateFile = file.path }
        let uninstalled = try await withSandbox(configure) { s in
            #expect(!FileManager.default.fileExists(atPath: file.path), "no file until something changes")
            let install = try await s.send(.POST, "/api/v4/widgets/amo_asterisk", body: ValidationTests.valid)
            #expect(install.status == 200)
            let victim = try #require(s.installedCodes.first { $0 != "amo_asterisk" })
            let delete = try await s.send(.DELETE, "/api/v4/widgets/\(victim)")
            #expect(delete.status == 204)
            return victim
        }
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("\"amo_asterisk\""))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
        #expect(leftovers == ["state.json"], "no temporary files left behind")

        try await withSandbox(configure) { s in
            #expect(s.installedSettings(code: "amo_asterisk")?["login"]?.stringValue == "a")
            #expect(!s.installedCodes.contains(uninstalled))
            let get = try await s.send(.GET, "/api/v4/widgets/amo_asterisk")
            #expect(get.object["is_active_in_account"] as? Bool == true)
            let gone = try await s.send(.GET, "/api/v4/widgets/\(uninstalled)")
            #expect(gone.object["is_active_in_account"] as? Bool == false)
        }
    }

    @Test(arguments: [
        ("{broken", "not valid JSON"),
        (#"{"version":2,"installed":{}}"#, "version"),
        (#"{"version":1,"installed":{"no_such_widget":{"settings":{},"pipeline_id":null}}}"#, "no_such_widget"),
        (#"{"version":1,"installed":{"amo_dropbox":{"settings":[]}}}"#, "settings"),
    ])
    func corruptStateFileIsAClearErrorAndIsLeftAlone(_ content: String, _ mention: String) async throws {
        let file = try temporaryDirectory().appendingPathComponent("state.json")
        try Data(content.utf8).write(to: file)
        var c = SandboxConfiguration()
        c.stateFile = file.path
        await #expect {
            _ = try await Sandbox.start(c)
        } throws: { error in
            "\(error)".contains(file.path) && "\(error)".contains(mention)
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == content)
    }

    @Test func unwritableStateFileGives500AndChangesNothing() async throws {
        let dir = try temporaryDirectory().appendingPathComponent("missing-dir")
        try await withSandbox({ $0.stateFile = dir.appendingPathComponent("state.json").path }) { s in
            let r = try await s.send(.POST, "/api/v4/widgets/amo_asterisk", body: ValidationTests.valid)
            #expect(r.status == 500)
            #expect(r.contentType.hasPrefix("application/problem+json"))
            #expect(s.installedSettings(code: "amo_asterisk") == nil)
        }
    }
}
