import Foundation

/// A team's own names for severities (`Critical` = SEV1): the only way besides a named scale
/// (`SEV1`, `P1`) that a report's severity is read (DESIGN.md section 3).
extension Team {
    /// The most characters an alias may have.
    public static let maxSeverityAliasLength = 50
    /// The most aliases a team may have.
    public static let maxSeverityAliases = 100

    /// The key of `alias` in ``severityAliases``: without surrounding white space, lower-cased.
    public static func severityAliasKey(_ alias: some StringProtocol) -> String {
        alias.trimmingWhitespaceAndNewlines().lowercased()
    }

    /// The severity that `text` names: a named scale first (`SEV2`, `P2`, `2`; ``Severity/init(parsing:)``),
    /// then the team's alias table, case-insensitive and trimmed; nil when neither knows it.
    public func severity(named text: String) -> Severity? {
        Self.severity(named: text, aliases: severityAliases)
    }

    /// ``severity(named:)`` over an alias table alone, for callers that hold the table but not the team
    /// (the report importer, inside its transaction).
    public static func severity(named text: String, aliases: [String: Severity]) -> Severity? {
        if let level = Severity(parsing: text) { return level }
        return aliases[severityAliasKey(text)]
    }

    /// Sets `alias` to `severity`, or removes it when `severity` is nil; returns the severity it
    /// named before (nil when it was not an alias). Rules are checked by ``validationError()``.
    @discardableResult
    public mutating func setSeverityAlias(_ alias: String, to severity: Severity?) -> Severity? {
        let key = Self.severityAliasKey(alias)
        guard let severity else { return severityAliases.removeValue(forKey: key) }
        return severityAliases.updateValue(severity, forKey: key)
    }

    /// Why `alias` (a key of ``severityAliases``) cannot be one; nil when it can.
    public static func severityAliasProblem(_ alias: String) -> String? {
        if alias.isEmpty { return "a severity alias is empty" }
        if alias != severityAliasKey(alias) {
            return "severity alias \"\(alias)\" must be lower-case, without surrounding spaces"
        }
        if alias.count > maxSeverityAliasLength {
            return "severity alias \"\(alias.prefix(20))...\" is longer than \(maxSeverityAliasLength) characters"
        }
        if alias.contains("=") || alias.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "severity alias \"\(alias)\" must be one line of text without '='"
        }
        if let level = Severity(parsing: alias) {
            return "severity alias \"\(alias)\" already means \(level) on the named scale"
        }
        return nil
    }

    /// The first problem of the alias table; nil when it is valid.
    func severityAliasesProblem() -> String? {
        if severityAliases.count > Self.maxSeverityAliases {
            return "a team has at most \(Self.maxSeverityAliases) severity aliases (got \(severityAliases.count))"
        }
        for alias in severityAliases.keys.sorted() {
            if let problem = Self.severityAliasProblem(alias) { return problem }
        }
        return nil
    }

    /// One alias as written by hand, `NAME=SEVERITY` (`Critical=SEV1`, `Blocker=P1`, `Minor=4`):
    /// the alias and the severity it names, nil severity for `NAME=` (remove it). Throws the
    /// problem in words that quote `spec` (`team set --severity-alias` and the web app's settings).
    public static func severityAliasSpec(
        _ spec: String
    ) throws(SeverityAliasSpecError) -> (
        alias: String, severity: Severity?
    ) {
        guard let equals = spec.lastIndex(of: "=") else {
            throw SeverityAliasSpecError("\"\(spec)\" is not NAME=SEVERITY (e.g. Critical=SEV1)")
        }
        let alias = String(spec[..<equals]), value = spec[spec.index(after: equals)...]
        if let problem = severityAliasProblem(severityAliasKey(alias)) { throw SeverityAliasSpecError(problem) }
        if value.trimmingCharacters(in: .whitespaces).isEmpty { return (alias, nil) }
        guard let level = Severity(parsing: value) else {
            throw SeverityAliasSpecError("\"\(spec)\": \"\(value)\" is not one of SEV1..SEV4, P1..P4 or 1..4")
        }
        return (alias, level)
    }

    /// The aliases as `alias=SEVn`, most severe first, then by alias: for `team show`.
    public var severityAliasList: [String] {
        severityAliases.sorted { ($0.value.rawValue, $0.key) < ($1.value.rawValue, $1.key) }
            .map { "\($0.key)=\($0.value)" }
    }
}

/// Why a hand-written `NAME=SEVERITY` is not an alias.
public struct SeverityAliasSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
