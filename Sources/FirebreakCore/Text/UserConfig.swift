import Foundation

/// The user's defaults (`firebreak config set team CORE`): a small text file of `key = value`
/// lines, `#` comments and blank lines. Read and written here; where the file is, and the
/// environment that overrides it (`FIREBREAK_TEAM`, `FIREBREAK_ENGINEER`), are the CLI's.
public struct UserConfig: Sendable, Equatable {
    /// The keys a user may set, as they type them.
    public enum Key: String, Sendable, CaseIterable {
        /// The team every command with `--team` uses when none is given.
        case team
        /// The engineer `claim`, `release`, `done` and `next` act as when `--as` is not given.
        case engineer

        /// The environment variable that overrides the file's value.
        public var environmentVariable: String { "FIREBREAK_\(rawValue.uppercased())" }

        /// The value's problem, in words; nil when it is a valid value of this key.
        public func problem(with value: String) -> String? {
            switch self {
            case .team:
                Team.isValidKey(value)
                    ? nil : "team \"\(value)\" is not a team key (an upper-case letter, then letters, digits or _)"
            case .engineer:
                Engineer.isValidHandle(value)
                    ? nil : "engineer \"\(value)\" is not a handle (lower-case letters, digits, '.', '-', '_')"
            }
        }

        /// The keys, for messages: `team, engineer`.
        public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
    }

    /// The values set, by key.
    public private(set) var values: [Key: String] = [:]

    public init(values: [Key: String] = [:]) { self.values = values }

    public subscript(key: Key) -> String? {
        get { values[key] }
        set { values[key] = newValue }
    }

    /// Reads the file's `text`; `file` names it in errors. An unknown key, a line without `=`, a
    /// key given twice or a value its key does not take is an error naming the line.
    public static func parse(_ text: String, file: String) throws -> UserConfig {
        var config = UserConfig()
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            func fail(_ reason: String) -> ReportError { ReportError(file: file, line: number, reason: reason) }
            guard let equals = line.firstIndex(of: "=") else {
                throw fail("\"\(line)\" is not KEY = VALUE")
            }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            guard let key = Key(rawValue: name) else {
                throw fail("unknown key \"\(name)\"; the keys are \(Key.names)")
            }
            if config.values[key] != nil { throw fail("\(name) is set twice") }
            if let problem = key.problem(with: value) { throw fail(problem) }
            config.values[key] = value
        }
        return config
    }

    /// The file's text: a comment, then one line per key set, in the order of ``Key``.
    public var text: String {
        var lines = ["# Firebreak defaults: firebreak config set|unset KEY; the environment overrides them."]
        for key in Key.allCases { if let value = values[key] { lines.append("\(key.rawValue) = \(value)") } }
        return lines.joined(separator: "\n") + "\n"
    }
}
