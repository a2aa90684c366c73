import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where output goes: results on stdout, errors and progress on stderr.
enum Terminal {
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// `firebreak: message`, one line on stderr.
    static func error(_ message: String) {
        standardError("firebreak: \(message)\n")
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// A progress line on stderr, redrawn in place; only on a terminal.
    struct Progress {
        let total: Int
        let label: String
        let enabled: Bool

        init(total: Int, label: String, minimum: Int = 20) {
            self.total = total
            self.label = label
            self.enabled = Terminal.stderrIsTerminal && total >= minimum
        }

        func update(_ done: Int) {
            guard enabled else { return }
            let width = 30
            let filled = total == 0 ? width : width * done / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            Terminal.standardError("\r\(label) \(bar) \(done)/\(total)")
        }

        func finish() {
            guard enabled else { return }
            Terminal.standardError("\r\u{1B}[2K")
        }
    }
}
