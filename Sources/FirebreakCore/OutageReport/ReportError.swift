/// Why a file (a report, the config file) could not be read: the file, the 1-based line, and what is
/// wrong there.
public struct ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String

    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `FILE:LINE: reason`, as compilers print it.
    public var description: String { "\(file):\(line): \(reason)" }
}
