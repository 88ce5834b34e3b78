import AmoCRM
import Foundation
import WidgetManager

/// Fills required settings that `--settings-file` and `--set` left empty: asked for on a terminal
/// (pass values and users_lp passwords without echo), an error naming them anywhere else.
enum SettingsPrompt {
    /// `settings` with every missing required field of `template` filled in.
    /// - Throws: `CLIError.usage` listing the missing keys when stdin is not a terminal;
    ///   `CLIError.cancelled` when the user presses Ctrl-C or Ctrl-D at a prompt.
    static func fillMissing(_ settings: [String: JSONValue], template: [SettingsField], client: AmoClient) async throws -> [String: JSONValue] {
        let missing = SettingsInput.missingRequired(in: settings, template: template)
        if missing.isEmpty { return settings }
        guard Console.stdinIsTerminal else {
            throw CLIError.usage("missing required settings: " + missing.map(\.key).joined(separator: ", ") + "; nothing was sent",
                                 hints: missing.map { "  " + SettingsInput.example($0) })
        }
        var out = settings
        var users: [User]?
        for field in missing {
            let label = "\(TextSanitizer.clean(field.name)) [\(field.key), \(field.type)]"
            switch field.type {
            case .text:
                out[field.key] = .string(try askNonEmpty("\(label): "))
            case .pass:
                out[field.key] = .string(try askNonEmpty("\(label) (hidden): ", secret: true))
            case .users, .usersLP:
                if users == nil { users = try? await client.users().filter(\.isActive) }
                out[field.key] = .object(try askUsers(field, label: label, users: users ?? []))
            case .custom, .unknown:
                out[field.key] = try askJSON("\(label), JSON: ")
            }
        }
        return out
    }

    private static func askNonEmpty(_ question: String, secret: Bool = false) throws -> String {
        while true {
            let answer = try Console.ask(question, secret: secret)
            if !answer.trimmingCharacters(in: .whitespaces).isEmpty { return answer }
            Console.message("A value is required (Ctrl-C cancels).")
        }
    }

    /// Asks until the text parses as JSON; a typed value is never dropped silently.
    private static func askJSON(_ question: String) throws -> JSONValue {
        while true {
            let text = try Console.ask(question)
            if let v = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)), v != .null { return v }
            Console.message("Not valid JSON: \(text) (Ctrl-C cancels).")
        }
    }

    /// The users first, in one answer (`UserSelection`: ids or names, comma-separated, `all`; empty
    /// = none, asked again since the field is required), then each chosen user's extension, or login
    /// and password (hidden, never empty). Without a user list, `ID=EXT` / `ID=LOGIN` pairs.
    private static func askUsers(_ field: SettingsField, label: String, users: [User]) throws -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        while out.isEmpty {
            if users.isEmpty {
                Console.message("\(label): fill at least one user.")
                let text = try Console.ask("User ids and \(field.type == .users ? "extensions" : "logins"), like 504141=1039, 504142=1040: ")
                for pair in text.split(separator: ",") {
                    let kv = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard kv.count == 2, !kv[0].isEmpty, kv[0].allSatisfy(\.isNumber) else {
                        Console.message("Skipped \"\(pair.trimmingCharacters(in: .whitespaces))\": not ID=VALUE.")
                        continue
                    }
                    if field.type == .users {
                        out[kv[0]] = .string(kv[1])
                    } else {
                        let password = try askNonEmpty("Password for user \(kv[0]) (hidden): ", secret: true)
                        out[kv[0]] = .object(["login": .string(kv[1]), "password": .string(password)])
                    }
                }
                continue
            }
            Console.message("\(label): the account's users:")
            for user in users { Console.message("  \(user.id)  \(TextSanitizer.clean(user.name))") }
            let answer = try Console.ask("Users for \(field.key) (ids or names, comma-separated; all; empty = none): ")
            let chosen: [User]
            switch UserSelection.parse(answer, users: users) {
            case .success(let picked): chosen = picked
            case .failure(let error):
                Console.message("\(error.message) (Ctrl-C cancels).")
                continue
            }
            if chosen.isEmpty { Console.message("\(field.key) is required: choose at least one user (Ctrl-C cancels)."); continue }
            for user in chosen {
                let who = "\(TextSanitizer.clean(user.name)) (id \(user.id))"
                if field.type == .users {
                    out[String(user.id)] = .string(try askNonEmpty("  Extension for \(who): ").trimmingCharacters(in: .whitespaces))
                } else {
                    let login = try askNonEmpty("  Login for \(who): ").trimmingCharacters(in: .whitespaces)
                    let password = try askNonEmpty("  Password for \(who) (hidden): ", secret: true)
                    out[String(user.id)] = .object(["login": .string(login), "password": .string(password)])
                }
            }
        }
        return out
    }
}
