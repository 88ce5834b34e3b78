import AmoCRM
import ArgumentParser
import Foundation

/// `amowidgets users`: the account's users (`GET /api/v4/users`, every page): the ids that `users`
/// and `users_lp` settings are keyed by.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "List the account's users: the ids that users and users_lp settings take.",
        discussion: """
            Needs a token that may list users (an admin's); others get 403.

            Examples:
              amowidgets users
              amowidgets users --json --jq '.users[] | select(.is_admin == true) | .id'

            \(ExitStatus.helpText)
            """
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON: {\"users\": [{\"id\", \"name\", \"email\", \"is_admin\", \"is_active\"}]}.") var json = false

    func run() async throws {
        let account = try AccountResolver(options: global).resolve()
        let users = try await AccountSession.with(account, options: global) { try await $0.users() }.sorted { $0.id < $1.id }
        if json {
            try JSONOutput.print(JSONValue.object(["users": .array(users.map { u in
                .object(["id": .integer(Int64(u.id)), "name": .string(u.name), "email": u.email.map(JSONValue.string) ?? .null,
                         "is_admin": .bool(u.isAdmin), "is_active": .bool(u.isActive)])
            })]))
            return
        }
        let rows = users.map { [String($0.id), $0.name.isEmpty ? "-" : $0.name, $0.email ?? "-", $0.isAdmin ? "yes" : "no", $0.isActive ? "yes" : "no"] }
        Console.out(TableOutput.render(header: ["ID", "NAME", "EMAIL", "ADMIN", "ACTIVE"], rows: rows))
        Console.message("\(users.count) user\(users.count == 1 ? "" : "s") in \(account.host).")
    }
}
