// What `amowidgets --version` reports. This checked-in copy is what dev builds (`swift run`,
// `swift test`) compile; scripts/release builds from a copy of the tree in which it writes this
// file with the release's values, so a release never modifies the git tree.

/// The version, commit and build time of this binary.
enum BuildInfo {
    /// The release version (the latest git tag), or `0.0.0-dev` outside scripts/release.
    static let version = "0.0.0-dev"
    /// The full commit hash built from, or `unknown` outside scripts/release.
    static let commit = "unknown"
    /// When scripts/release built it (UTC, ISO 8601), or `unknown`.
    static let date = "unknown"

    /// The `--version` line: version, commit and build date.
    static var line: String { "amowidgets \(version) (commit \(commit), built \(date))" }
}
