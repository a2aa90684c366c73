import FirebreakCore
import Testing

/// An actions section written as sentences yields no action; the import says so at the first sentence
/// that says something is to be done, and says nothing where the section's prose is no such sentence.
@Suite("Actions written as prose")
struct ProseActionsTests {
    static let cases: [(name: String, section: String, warnedLine: Int?)] = [
        (
            "sentences of what will be done",
            "We will add an alert on the session store's memory. We will also set an eviction policy.", 4
        ),
        (
            "a lead-in sentence, then the list", "We agreed that we will do the following:\n- Add an alert on memory",
            nil
        ),
        ("a template's instruction in italics", "_Each action item should be a Jira ticket._", nil),
        ("an account of what happened", "Sarika reports that some users cannot log in.", nil),
        ("none", "None.", nil),
        ("a table of actions", "| Action | Owner |\n| --- | --- |\n| Add an alert on memory | ana |", nil),
    ]

    @Test(arguments: cases.indices)
    func aSectionOfProseSaysItYieldsNoAction(_ index: Int) throws {
        let (_, section, line) = Self.cases[index]
        let text = "# Login failures\n\n## Preventative measures and actions\n" + section + "\n"
        let report = try OutageReportParser().parse(text, file: "report.md")
        let warned = report.warnings.filter { $0.message.hasPrefix("no action is read from prose") }
        #expect(warned.map(\.line) == (line.map { [$0] } ?? []), "\(Self.cases[index].name)")
        if line == nil, section.contains("Add an alert") { #expect(report.actions.count == 1) }
    }
}
