import ArgumentParser
import FirebreakCore
import FirebreakStore
import Foundation

/// Runs the command line and maps every outcome to the exit codes of DESIGN.md section 7:
/// 0 ok, 1 error, 2 usage, 3 conflict, 4 not found.
public enum FirebreakMain {
    public static func run(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Int32 {
        do {
            var command = try Firebreak.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            return report(error)
        }
    }

    static func report(_ error: any Error) -> Int32 {
        switch error {
        case let error as StoreError:
            Terminal.error(error.message)
            switch error.kind {
            case .notFound: return 4
            case .conflict, .stale: return 3
            case .invalid, .unavailable, .internal: return 1
            }
        case let error as ReportError:
            Terminal.error(error.description)
            return 1
        case let error as CLIFailure:
            if !error.message.isEmpty { Terminal.error(error.message) }
            return error.code
        default:
            let code = Firebreak.exitCode(for: error)
            let message = Firebreak.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                return 0
            }
            if code == .validationFailure {
                Terminal.standardError(message + "\n")
                return 2
            }
            Terminal.error(message.isEmpty ? String(describing: error) : message)
            return code.rawValue == 0 ? 1 : 1
        }
    }
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
