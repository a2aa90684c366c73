public import FirebreakCore
public import FirebreakStore

/// A file's import failing: the error that names the file and its line, in every face and mode.
extension ReportError {
    /// The error of one file's import as the file's (`FILE:LINE: reason`): a ``ReportError`` as it is, a
    /// store error the file caused (a rule it breaks, a team it names that does not exist, a conflict) on
    /// its line 1. Nil for an error that is not the file's (the database is down), which is the whole
    /// import's.
    public init?(importing error: any Error, file: String) {
        if let error = error as? ReportError {
            self = error
        } else if let error = error as? StoreError, [.invalid, .notFound, .conflict].contains(error.kind) {
            self.init(file: file, line: 1, reason: error.message)
        } else {
            return nil
        }
    }

    /// The error the service answered (a problem's detail, `FILE:LINE: reason`) when it names `file`,
    /// so that a refused row reads the same through the service as on the database.
    init?(answered detail: String, file: String) {
        let prefix = file + ":"
        guard detail.hasPrefix(prefix) else { return nil }
        let rest = detail.dropFirst(prefix.count)
        let digits = rest.prefix(while: \.isNumber)
        guard let line = Int(digits), rest.dropFirst(digits.count).hasPrefix(": ") else { return nil }
        self.init(file: file, line: line, reason: String(rest.dropFirst(digits.count + 2)))
    }
}
