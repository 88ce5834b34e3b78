// What installs and uninstalls change: which widgets are installed, with which settings.

/// A widget installed in the account.
struct Installation: Sendable, Equatable {
    /// The settings the last install sent (or the catalogue stored); may hold secrets.
    var settings: JSONObject
    /// The pipeline of a lead-source widget; nil otherwise.
    var pipelineID: Int?
}

/// The installed widgets, by widget code.
struct AccountState: Sendable, Equatable {
    var installed: [String: Installation]

    /// The catalogue's initial state: widgets marked `is_active_in_account`.
    init(catalog: CatalogData) {
        installed = [:]
        for w in catalog.widgets where w.initiallyInstalled {
            installed[w.code] = Installation(settings: w.initialSettings ?? JSONObject(), pipelineID: w.initialPipelineID)
        }
    }

    init(installed: [String: Installation]) { self.installed = installed }

    /// The state file's JSON: `{"version": 1, "installed": {"code": {"settings": {...}, "pipeline_id": n|null}}}`,
    /// codes sorted so the file diffs cleanly.
    var json: SandboxJSON {
        let entries = installed.sorted { $0.key < $1.key }.map { code, i -> (String, SandboxJSON) in
            return (code, .obj([("settings", .object(i.settings)), ("pipeline_id", i.pipelineID.map { .int($0) } ?? .null)]))
        }
        return .obj([("version", .int(1)), ("installed", .obj(entries))])
    }

    /// Reads the state file's JSON; widget codes the catalogue lacks are an error (the file
    /// belongs to another catalogue).
    init(json: SandboxJSON, file: String, catalog: CatalogData) throws {
        let r = JSONReader(json, file: file)
        guard try r.int("version") == 1 else { throw r.fail("unsupported version (expected 1)", at: "version") }
        let installedReader = try r.member("installed")
        var installed: [String: Installation] = [:]
        for (code, value) in try installedReader.object().members {
            let e = JSONReader(value, file: file, path: "installed.\(code)")
            guard catalog.widget(code: code) != nil else { throw e.fail("no widget with this code in the catalogue") }
            guard let settings = try e.member("settings").value.objectValue else { throw e.fail("expected an object", at: "settings") }
            installed[code] = Installation(settings: settings, pipelineID: try e.optionalInt("pipeline_id"))
        }
        self.installed = installed
    }
}
