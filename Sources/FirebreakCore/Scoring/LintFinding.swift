/// One gap a manager must close, found by `firebreak lint`.
public struct LintFinding: Sendable, Codable, Equatable {
    /// What kind of gap it is; its raw value is the stable code that JSON and every listing show.
    public enum Code: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
        /// A customer found the outage and no `detect` action is linked.
        case noDetectAction = "no-detect-action"
        case noAction = "no-action"
        case draft, unestimated, unlinked, overdue

        public var description: String { rawValue }
    }

    public var code: Code
    /// The incident or action it is about.
    public var key: String
    public var message: String

    public init(code: Code, key: String, message: String) {
        self.code = code
        self.key = key
        self.message = message
    }
}
