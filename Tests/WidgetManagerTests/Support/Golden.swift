import Foundation
import Testing

/// Golden screens: `Tests/WidgetManagerTests/Golden/<name>.txt` hold the expected text of a rendered
/// Canvas. To accept new screens after a deliberate change, run
/// `UPDATE_GOLDEN=1 swift test --filter ViewGoldenTests` and review the diff with `git diff`.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden")

    static func check(_ name: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".txt")
        let content = text + "\n"
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            do { try content.write(to: url, atomically: true, encoding: .utf8) } catch {
                Issue.record("cannot write \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(url.path): run UPDATE_GOLDEN=1 swift test --filter ViewGoldenTests", sourceLocation: sourceLocation)
            return
        }
        if expected != content {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = content.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
            Issue.record("""
                screen differs from \(name).txt at line \(line + 1):
                expected: \(line < e.count ? String(e[line]) : "<none>")
                actual:   \(line < a.count ? String(a[line]) : "<none>")
                whole screen:
                \(content)
                """, sourceLocation: sourceLocation)
        }
    }
}
