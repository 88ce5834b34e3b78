import AmoCRM
import Foundation

/// `GET /api/v4/widgets/{code}` for the commands that name a widget, with "did you mean" on a 404:
/// the catalogue is read (every page, paced like any walk) and the closest codes by edit distance
/// are suggested, so `show amo_asterix` answers `did you mean amo_asterisk?`.
enum WidgetLookup {
    /// The widget, or the 404 as a `CLIError` with suggestions.
    /// - Throws: `AmoError` for anything but a 404; `CLIError` (exit 1) for a 404.
    static func widget(_ code: String, client: AmoClient) async throws -> Widget {
        do { return try await client.widget(code: code) } catch let amo {
            guard case .notFound = amo else { throw amo }
            var codes: [String] = []
            // A failure to read the catalogue only loses the suggestion, never the 404 itself.
            if let pages = try? await collect(client) { codes = pages }
            let close = closest(to: code, among: codes)
            throw CLIError(amo.message, hints: close.isEmpty ? ["See `amowidgets list --filter TEXT` for codes."]
                                                              : ["Did you mean " + close.joined(separator: " or ") + "?"])
        }
    }

    private static func collect(_ client: AmoClient) async throws -> [String] {
        var codes: [String] = []
        for try await page in client.allWidgets(limit: 250) { codes += page.widgets.map(\.code) }
        return codes
    }

    /// Up to three codes within a third of `code`'s length (at least 2) edits of it, closest first.
    static func closest(to code: String, among codes: [String]) -> [String] {
        let target = Array(code.lowercased())
        let limit = max(2, target.count / 3)
        var near: [(code: String, edits: Int)] = []
        for candidate in codes {
            let edits = distance(target, Array(candidate.lowercased()))
            if edits > 0 && edits <= limit { near.append((candidate, edits)) }
        }
        near.sort { a, b in a.edits != b.edits ? a.edits < b.edits : a.code < b.code }
        return near.prefix(3).map { $0.code }
    }

    /// Levenshtein distance (insert, delete, substitute: 1 each).
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitute)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
