import ArgumentParser
import FirebreakCore
import FirebreakOperations
import FirebreakStore
import Foundation

/// Runs the command line and maps every outcome to the exit codes of DESIGN.md section 7:
/// 0 ok, 1 error, 2 usage, 3 conflict, 4 not found. Every error is one line on stderr.
public enum FirebreakMain {
    public static func run(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Int32 {
        do {
            var command: any ParsableCommand
            do {
                command = try Firebreak.parseAsRoot(arguments)
            } catch {
                // A mistyped command or option is named with the nearest right one.
                guard Firebreak.exitCode(for: error) != .success, let mistake = Mistyped.suggestion(for: arguments)
                else { throw error }
                throw mistake
            }
            if let group = Self.group(without: command) { throw group }
            let path = Self.command(named: arguments).path
            if LocalOnlyCommands.contains(path) { try GlobalOptions.refuseRemote(path) }
            try await CommandPath.$current.withValue(path) {
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
            }
            return 0
        } catch {
            return report(error, arguments: arguments)
        }
    }

    /// Prints `error` as one line on stderr (help and the version on stdout) and answers the exit status.
    static func report(_ error: any Error, arguments: [String]) -> Int32 {
        switch error {
        case let error as StoreError:
            Terminal.error(oneLine(error.message))
            switch error.kind {
            case .notFound: return 4
            case .conflict, .stale: return 3
            // A flag's value that breaks a rule is refused by the command's validate(), before the
            // store is asked: a usage error (2). What the store refuses is the data's state: 1.
            case .invalid, .unavailable, .internal: return 1
            }
        case let error as ReportError:
            Terminal.error(oneLine(error.description))
            return 1
        case let error as Refusal:
            Terminal.error(oneLine(error.message))
            return 1
        case let error as CLIFailure:
            if !error.message.isEmpty { Terminal.error(oneLine(error.message)) }
            return error.code
        case let error as UsageError:
            usage(error.message, command: error.command)
            return 2
        default:
            let code = Firebreak.exitCode(for: error)
            if code == .success {
                let message = Firebreak.fullMessage(for: error)
                if !message.isEmpty { print(message) }
                return 0
            }
            if code == .validationFailure {
                usage(Firebreak.message(for: error), command: Self.command(named: arguments).path)
                return 2
            }
            let message = Firebreak.message(for: error)
            Terminal.error(oneLine(message.isEmpty ? String(describing: error) : message))
            return code.rawValue == 0 ? 1 : code.rawValue
        }
    }

    /// `firebreak: error: MESSAGE (see firebreak COMMAND --help)`: ArgumentParser's usage errors take
    /// three or four lines (the error, the flag's help, the usage, a pointer to --help); one is enough.
    static func usage(_ message: String, command: String) {
        var text = oneLine(message)
        if text.hasPrefix("Error: ") { text.removeFirst("Error: ".count) }
        Terminal.standardError("firebreak: error: \(text) (see \(command) --help)\n")
    }

    /// `text` on one line: its lines joined with "; ", without blank ones.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "; ")
    }

    /// The command `arguments` name, as a user types it (`firebreak action add`), and its type: the
    /// subcommand names at their start, as far as they go.
    static func command(named arguments: [String]) -> (path: String, type: any ParsableCommand.Type) {
        var type: any ParsableCommand.Type = Firebreak.self
        var path = ["firebreak"]
        for argument in arguments {
            guard
                let next = type.configuration.subcommands.first(where: {
                    $0._commandName == argument || $0.configuration.aliases.contains(argument)
                })
            else { break }
            type = next
            path.append(next._commandName)
        }
        return (path.joined(separator: " "), type)
    }

    /// The usage error for a command group run without a subcommand (`firebreak db`): ArgumentParser
    /// prints the group's help and exits 0, as if it had done something.
    static func group(without command: any ParsableCommand) -> UsageError? {
        group(of: Swift.type(of: command))
    }

    static func group(of kind: any ParsableCommand.Type) -> UsageError? {
        let subcommands = kind.configuration.subcommands.filter { $0.configuration.shouldDisplay }
        guard !subcommands.isEmpty, kind.configuration.defaultSubcommand == nil else { return nil }
        let path = Self.path(of: kind) ?? "firebreak \(kind._commandName)"
        let names = subcommands.map { $0._commandName }
        let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " or " + names.last!
        let root = ObjectIdentifier(kind) == ObjectIdentifier(Firebreak.self)
        let what = root ? "name a command: \(list)" : "\(path) needs a subcommand: \(list)"
        return UsageError(message: what, command: path)
    }

    /// How a user types the command `type`: its names from the root down.
    static func path(of type: any ParsableCommand.Type) -> String? {
        func search(_ node: any ParsableCommand.Type, _ names: [String]) -> [String]? {
            if ObjectIdentifier(node) == ObjectIdentifier(type) { return names }
            for child in node.configuration.subcommands {
                if let found = search(child, names + [child._commandName]) { return found }
            }
            return nil
        }
        return search(Firebreak.self, ["firebreak"])?.joined(separator: " ")
    }
}

/// A command used wrongly, found by Firebreak rather than by ArgumentParser: exit status 2.
struct UsageError: Error {
    var message: String
    /// The command whose `--help` explains the right use: `firebreak db`.
    var command: String
}

/// A failure already explained to the user, with the exit status to leave with.
struct CLIFailure: Error {
    var code: Int32
    var message: String

    static func notFound(_ message: String) -> CLIFailure { CLIFailure(code: 4, message: message) }
    static func error(_ message: String) -> CLIFailure { CLIFailure(code: 1, message: message) }
    /// Something already printed its own errors (an import with failed files).
    static let silent = CLIFailure(code: 1, message: "")
}
