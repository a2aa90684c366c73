/// The commands that run against a database and not through the service: with `FIREBREAK_SERVER` set,
/// each refuses before it reads a file or a flag's target (exit 2, naming itself). Every other
/// command runs through the operations in both modes; `GlobalOptions.withDatabase` refuses too, so a
/// command missing here still never opens a local database.
enum LocalOnlyCommands {
    /// As a user types them, without `firebreak`; a group stands for all its subcommands.
    static let names: Set<String> = [
        "demo", "db", "serve", "token",
    ]

    /// Whether `path` (`firebreak db migrate`) is one of them or in a group that is.
    static func contains(_ path: String) -> Bool {
        let words = path.split(separator: " ").dropFirst().map(String.init)
        return (1...max(words.count, 1)).contains { names.contains(words.prefix($0).joined(separator: " ")) }
    }
}
