import AmoSandbox
import Foundation
import Testing

/// ^E in a form opens the focused value in `$EDITOR` (the real binary in tmux; the editor a script
/// that writes a known JSON, or a broken one): the value comes back compact, a broken JSON names its
/// place and is kept for another edit, and the install sends what the editor wrote.
@Suite struct EditorTUITests {
    /// An editor script: checks the file it got is the pretty JSON of the box, then writes `json`.
    static func editor(in dir: URL, writing json: String, name: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        let script = """
            #!/bin/sh
            cp "$1" "\(dir.path)/\(name).seen"
            printf '%s\\n' '\(json)' > "$1"
            """
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    @Test func ctrlEEditsACustomValueInTheEditorAndTheInstallSendsIt() async throws {
        let sandbox = try await Sandbox.start(SandboxConfiguration())
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("amowidgets-editor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = try Self.editor(in: dir, writing: #"{"folder": "/in", "depth": }"#, name: "broken")
        let tmux = try TmuxHarness([], width: 100, height: 30,
                                   environment: ["AMO_TOKEN": SandboxTokens.admin, "AMO_BASE_URL": sandbox.baseURL, "EDITOR": broken])
        defer { tmux.close() }
        await tmux.waitFor("600 shown / 600 loaded")
        try await tmux.press("/")
        try await tmux.type("amo_dropbox")
        try await tmux.press("Enter")
        try await tmux.press("i")
        await tmux.waitFor("Install amo_dropbox")
        try await tmux.type(#"{"folder":"/x"}"#)
        try await tmux.press("C-e")
        let bad = await tmux.waitFor("not valid JSON")
        #expect(bad.contains("line 1") || bad.contains("column"), "the place is named: \(bad)")
        #expect(bad.contains(#"{"folder": "/in", "depth": }"#), "what the editor wrote is kept: \(bad)")
        let seen = (try? String(contentsOf: dir.appendingPathComponent("broken.seen"), encoding: .utf8)) ?? ""
        #expect(seen == "{\n  \"folder\" : \"/x\"\n}\n", "the editor got pretty JSON: \(seen)")
        // Quit the form and the app; then again with an editor that writes good JSON.
        try await tmux.press("C-q")
        await tmux.waitFor("y yes")
        try await tmux.press("y")
        #expect(await tmux.waitForExit() == 0)

        let good = try Self.editor(in: dir, writing: #"{"folder": "/inbox", "depth": 2}"#, name: "good")
        let second = try TmuxHarness([], width: 100, height: 30,
                                     environment: ["AMO_TOKEN": SandboxTokens.admin, "AMO_BASE_URL": sandbox.baseURL, "EDITOR": good])
        defer { second.close() }
        await second.waitFor("600 shown / 600 loaded")
        try await second.press("/")
        try await second.type("amo_dropbox")
        try await second.press("Enter")
        try await second.press("i")
        await second.waitFor("Install amo_dropbox")
        try await second.press("C-e")
        await second.waitFor(#"{"depth":2,"folder":"/inbox"}"#)
        try await second.press("C-s")
        await second.waitFor("amo_dropbox installed")
        #expect(sandbox.installedSettings(code: "amo_dropbox")?["conf"]?["depth"]?.intValue == 2)
        try await second.press("q")
        #expect(await second.waitForExit() == 0)
        await sandbox.shutdown()
    }
}
