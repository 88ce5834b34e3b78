import ArgumentParser

/// The `amowidgets` command: the TUI by default, scriptable subcommands beside it.
@main
struct AmoWidgets: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "amowidgets",
        abstract: "Manage the widgets of an amoCRM / Kommo account from the terminal.",
        subcommands: [SandboxCommand.self]
    )
}
