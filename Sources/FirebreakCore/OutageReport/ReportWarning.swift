/// Something a report states that the import could not use, with where it is.
public struct ReportWarning: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `FILE:LINE: warning: message`, as compilers print it.
    public var description: String { "\(file):\(line): warning: \(message)" }
}
