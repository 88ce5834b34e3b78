import AmoCRM

/// Which account users a `users` / `users_lp` setting is for, chosen in one answer (the CLI's
/// prompt): comma-separated user ids or names, `all`, or nothing.
///
/// - An id (digits) must be one of `users`' ids.
/// - A name matches a user's name ignoring case: exactly, else as the start of exactly one name,
///   else as part of exactly one name; a name matching several users is refused with their ids.
/// - `all` (or `*`) picks every user; an empty answer picks none.
/// The result keeps the users' own order, each user once.
public enum UserSelection {
    /// The users `answer` names, or a one-line reason naming the part that matched no user (or too many).
    public static func parse(_ answer: String, users: [User]) -> Result<[User], SelectionError> {
        let parts = answer.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var chosen = Set<Int>()
        for part in parts {
            if part.lowercased() == "all" || part == "*" { return .success(users) }
            if part.allSatisfy(\.isASCIIDigit) {
                guard let id = Int(part), users.contains(where: { $0.id == id }) else {
                    return .failure(SelectionError(message: "no user with id \(part)"))
                }
                chosen.insert(id)
                continue
            }
            let wanted = part.lowercased()
            let names = users.map { ($0, $0.name.lowercased()) }
            var found = names.filter { $0.1 == wanted }
            if found.isEmpty { found = names.filter { $0.1.hasPrefix(wanted) } }
            if found.isEmpty { found = names.filter { $0.1.contains(wanted) } }
            switch found.count {
            case 0: return .failure(SelectionError(message: "no user named \"\(TextSanitizer.clean(part))\""))
            case 1: chosen.insert(found[0].0.id)
            default:
                let ids = found.map { "\(TextSanitizer.clean($0.0.name)) (\($0.0.id))" }.joined(separator: ", ")
                return .failure(SelectionError(message: "\"\(TextSanitizer.clean(part))\" matches several users: \(ids); use an id"))
            }
        }
        return .success(users.filter { chosen.contains($0.id) })
    }

    /// Why an answer picks no definite set of users.
    public struct SelectionError: Error, Equatable, Sendable {
        /// One line for people, e.g. `no user with id 999`.
        public let message: String
    }
}

extension Character {
    /// 0-9 only (user ids are ASCII digits; `isNumber` would take other scripts' digits too).
    var isASCIIDigit: Bool { isASCII && isNumber }
}
