import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where a listing is printed: a terminal of some width, with or without colour, or a pipe or file
/// (`width` nil), as `gh` tells them apart.
struct Screen: Equatable {
    /// The terminal's columns; nil when the output is not a terminal.
    var width: Int?
    /// Whether escape codes for colour and bold may be written.
    var colour: Bool

    /// Standard output as it is now: its width from the terminal (else `$COLUMNS`, else 80), and
    /// colour only on a terminal, never with `NO_COLOR` set or `TERM=dumb`.
    static func standardOutput(environment: [String: String] = ProcessInfo.processInfo.environment) -> Screen {
        guard Terminal.stdoutIsTerminal else { return Screen(width: nil, colour: false) }
        return Screen(width: terminalWidth(environment), colour: colourAllowed(environment))
    }

    /// Whether colour may be written to a terminal under `environment` (https://no-color.org).
    static func colourAllowed(_ environment: [String: String]) -> Bool {
        (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    private static func terminalWidth(_ environment: [String: String]) -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return 80
    }

    /// `text` in bold, when colour is allowed.
    func bold(_ text: String) -> String { colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
}
