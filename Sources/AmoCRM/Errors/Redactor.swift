/// Removes secrets from text before it reaches an error message, a log line or a description:
/// known secret strings (the tokens a client holds), JWTs (`eyJ….….…`), `Bearer <token>` and
/// `"access_token"/"refresh_token"/"client_secret"/"password": "<value>"` members of JSON text.
public enum Redactor {
    /// What a secret is replaced with.
    public static let placeholder = "<redacted>"

    /// `text` with every secret replaced by `placeholder`. `secrets` shorter than 4 characters are
    /// ignored (they would match ordinary words).
    public static func redact(_ text: String, secrets: [String] = []) -> String {
        var out = text
        for secret in secrets where secret.count >= 4 {
            out = out.replacingOccurrences(of: secret, with: placeholder)
        }
        out = out.replacing(jwt, with: placeholder)
        out = out.replacing(bearer) { "\($0.output.1)\(placeholder)" }
        out = out.replacing(jsonSecret) { "\($0.output.1)\(placeholder)\"" }
        return out
    }

    nonisolated(unsafe) private static let jwt = #/eyJ[A-Za-z0-9_\-]*\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*/#
    nonisolated(unsafe) private static let bearer = #/([Bb]earer\s+)[^\s",;]+/#
    nonisolated(unsafe) private static let jsonSecret =
        #/("(?:access_token|refresh_token|client_secret|password|code)"\s*:\s*")(?:[^"\\]|\\.)*"/#
}

/// One-line, printable, bounded text from the server for messages: control characters and runs of
/// whitespace become one space, secrets are redacted, and the result is cut to `limit` characters.
func oneLine(_ text: String, limit: Int = 200, secrets: [String] = []) -> String {
    var out = ""
    var lastWasSpace = false
    // Bidi embeddings, overrides, isolates and marks go: a terminal showing the message would reorder it.
    var scalars = String.UnicodeScalarView()
    scalars.append(contentsOf: text.unicodeScalars.filter { s in
        !((0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value) || s.value == 0x200E || s.value == 0x200F || s.value == 0x061C)
    })
    for ch in String(scalars) {
        if ch.isWhitespace || ch.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            if !lastWasSpace && !out.isEmpty { out.append(" ") }
            lastWasSpace = true
        } else {
            out.append(ch)
            lastWasSpace = false
        }
    }
    if out.hasSuffix(" ") { out.removeLast() }
    out = Redactor.redact(out, secrets: secrets)
    if out.count > limit { out = String(out.prefix(limit - 1)) + "…" }
    return out
}
