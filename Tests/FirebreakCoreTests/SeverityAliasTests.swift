import FirebreakCore
import Foundation
import Testing

@Suite("Severity aliases")
struct SeverityAliasTests {
    static let team = Team(
        key: "CORE", name: "Core", severityAliases: ["critical": .sev1, "major": .sev2, "sev-a": .sev1, "minor": .sev4])

    /// A report's severity text, and what the team's table makes of it (nil: a draft, never a guess).
    @Test(
        arguments: [
            ("SEV2", Severity.sev2), ("sev-3", .sev3), ("P1", .sev1), ("4", .sev4), (" Sev 2 ", .sev2),
            ("Critical", .sev1), ("CRITICAL", .sev1), ("  critical\t", .sev1), ("Major", .sev2), ("minor", .sev4),
            ("SEV-A", .sev1),
        ] as [(String, Severity)])
    func namedScalesAndAliasesAreRead(_ text: String, _ expected: Severity) {
        #expect(Self.team.severity(named: text) == expected)
        #expect(Team.severity(named: text, aliases: Self.team.severityAliases) == expected)
    }

    @Test(arguments: ["", "High", "SEV5", "P0", "crit", "critical!", "major minor"])
    func unknownTextIsNoSeverity(_ text: String) {
        #expect(Self.team.severity(named: text) == nil)
    }

    @Test func aNamedScaleComesBeforeTheTable() {
        // An alias can never shadow a named scale: the table is asked only when the scale does not know the text.
        let odd = Team(key: "ODD", name: "Odd", severityAliases: ["p1": .sev4])
        #expect(odd.severity(named: "P1") == .sev1)
        #expect(odd.validationError() == "severity alias \"p1\" already means SEV1 on the named scale")
    }

    @Test func settingAndRemovingNormalisesTheAlias() {
        var team = Team(key: "CORE", name: "Core")
        #expect(team.setSeverityAlias("  Critical ", to: .sev1) == nil)
        #expect(team.severityAliases == ["critical": .sev1])
        #expect(team.setSeverityAlias("CRITICAL", to: .sev2) == .sev1)
        #expect(team.setSeverityAlias("Major", to: .sev2) == nil)
        #expect(team.severityAliasList == ["critical=SEV2", "major=SEV2"])
        #expect(team.setSeverityAlias("critical", to: nil) == .sev2)
        #expect(team.setSeverityAlias("nope", to: nil) == nil)
        #expect(team.severityAliases == ["major": .sev2])
        #expect(team.validationError() == nil)
    }

    @Test(arguments: [
        ("", "a severity alias is empty"),
        ("Critical", "severity alias \"Critical\" must be lower-case, without surrounding spaces"),
        ("a=b", "severity alias \"a=b\" must be one line of text without '='"),
        ("two\nlines", "severity alias \"two\nlines\" must be one line of text without '='"),
        ("sev2", "severity alias \"sev2\" already means SEV2 on the named scale"),
        (String(repeating: "x", count: 51), "severity alias \"xxxxxxxxxxxxxxxxxxxx...\" is longer than 50 characters"),
    ])
    func badAliasesAreNamed(_ alias: String, _ problem: String) {
        #expect(Team.severityAliasProblem(alias) == problem)
        let team = Team(key: "CORE", name: "Core", severityAliases: [alias: .sev1])
        #expect(team.validationError() == problem)
    }

    /// `NAME=SEVERITY` as a person writes it (`team set --severity-alias`, the web app's settings).
    @Test(
        arguments: [
            ("Critical=SEV1", "Critical", Severity.sev1 as Severity?),
            ("Blocker = P1", "Blocker ", .sev1),
            ("minor=4", "minor", .sev4),
            ("old=", "old", nil),
        ] as [(String, String, Severity?)])
    func anAliasSpecIsRead(_ spec: String, _ alias: String, _ severity: Severity?) throws {
        let read = try Team.severityAliasSpec(spec)
        #expect(read.alias == alias && read.severity == severity)
    }

    @Test(arguments: [
        ("Critical", "\"Critical\" is not NAME=SEVERITY (e.g. Critical=SEV1)"),
        ("=SEV1", "a severity alias is empty"),
        ("sev2=SEV1", "severity alias \"sev2\" already means SEV2 on the named scale"),
        ("a=b=SEV2", "severity alias \"a=b\" must be one line of text without '='"),
        ("Critical=high", "\"Critical=high\": \"high\" is not one of SEV1..SEV4, P1..P4 or 1..4"),
    ])
    func aBadAliasSpecSaysWhy(_ spec: String, _ problem: String) {
        #expect(throws: SeverityAliasSpecError.self) { try Team.severityAliasSpec(spec) }
        do {
            _ = try Team.severityAliasSpec(spec)
        } catch {
            #expect(error.description == problem)
        }
    }

    @Test func aTeamDocumentWithoutAliasesStillDecodes() throws {
        let encoded = try JSONEncoder().encode(Self.team)
        #expect(try JSONDecoder().decode(Team.self, from: encoded) == Self.team)
        var object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(object["severityAliases"] as? [String: Int] == ["critical": 1, "major": 2, "sev-a": 1, "minor": 4])
        object["severityAliases"] = nil
        let older = try JSONSerialization.data(withJSONObject: object)
        #expect(try JSONDecoder().decode(Team.self, from: older).severityAliases == [:])
    }
}
