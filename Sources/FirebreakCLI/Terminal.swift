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

    /// A progress line for one large file on stderr, redrawn in place; only on a terminal and only
    /// for a file of a mebibyte or more: how much of the file is read, the rows so far and the rate.
    struct FileProgress {
        let label: String
        let enabled: Bool
        let started = ContinuousClock.now

        init(label: String, size: Int) {
            self.label = label
            self.enabled = Terminal.stderrIsTerminal && size >= 1 << 20
        }

        func update(rows: Int, bytes: Int, size: Int) {
            guard enabled else { return }
            let elapsed = (ContinuousClock.now - started).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            Terminal.standardError(
                "\r\u{1B}[2K" + Self.line(label, rows: rows, bytes: bytes, size: size, seconds: seconds))
        }

        func finish() {
            guard enabled else { return }
            Terminal.standardError("\r\u{1B}[2K")
        }

        /// `Importing ██████░░░░ 60% · 42,000 rows · 8,400 rows/s`.
        static func line(_ label: String, rows: Int, bytes: Int, size: Int, seconds: Double) -> String {
            let width = 20
            let fraction = size <= 0 ? 1 : min(1, Double(bytes) / Double(size))
            let filled = Int(Double(width) * fraction)
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let rate = seconds > 0 ? grouped(Int((Double(rows) / seconds).rounded())) + " rows/s" : "… rows/s"
            return "\(label) \(bar) \(Int(fraction * 100))% · \(grouped(rows)) rows · \(rate)"
        }

        /// `42000` → `42,000`.
        static func grouped(_ value: Int) -> String {
            let digits = Array(String(value.magnitude))
            var out = ""
            for (index, digit) in digits.enumerated() {
                if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
                out.append(digit)
            }
            return value < 0 ? "-" + out : out
        }
    }
}
