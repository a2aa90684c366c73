import Testing

@testable import FirebreakCore

/// Audit details as a person reads them.
@Suite("Audit details as text")
struct AuditDetailsTests {
    @Test(arguments: [
        (#"{"estimate": {"before": 5, "after": 13}}"#, "estimate 5 → 13"),
        (#"{"due_on": {"before": null, "after": "2026-12-18"}}"#, #"due on none → "2026-12-18""#),
        (#"{"incident": "INC-7", "coverage": "0.5"}"#, #"coverage "0.5"; incident "INC-7""#),
        (
            #"{"tickets": {"after": 40, "before": 38}, "title": {"after": "B", "before": "A"}}"#,
            #"tickets 38 → 40; title "A" → "B""#
        ),
        (
            #"{"labels": {"before": ["a"], "after": ["a", "b"]}, "claimable": true}"#,
            #"claimable yes; labels ["a"] → ["a", "b"]"#
        ),
        ("", ""),
        ("not json", "not json"),
    ])
    func detailsRead(_ json: String, _ text: String) {
        #expect(AuditDetails.text(json) == text)
    }
}
