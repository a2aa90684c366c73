import FirebreakCore
import Foundation
import Testing

/// Published post-mortems (`Tests/Fixtures/postmortems/`, each with its licence) against what a
/// person counted by hand in `expected.json`: the title, every action once with its kind and
/// whether the report says it is done, and only the facts the report states.
@Suite("Real post-mortems")
struct RealPostmortemTests {
    struct Expected: Decodable, Sendable {
        struct Action: Decodable, Sendable {
            var title: String
            var kind: String?
            var done: Bool
        }
        var title: String
        var key: String?
        var startedAt: String?
        var outageMinutes: Int?
        var detectedBy: String
        var severity: String?
        var tickets: Int?
        var actions: [Action]
    }

    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/postmortems")

    static let expected: [String: Expected] = {
        let data = try! Data(contentsOf: folder.appendingPathComponent("expected.json"))
        return try! JSONDecoder().decode([String: Expected].self, from: data)
    }()

    static func parse(_ file: String) throws -> OutageReport {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        return try OutageReportParser().parse(text, file: file)
    }

    @Test(arguments: expected.keys.sorted())
    func actionsAsCountedByHand(_ file: String) throws {
        let e = try #require(Self.expected[file])
        let report = try Self.parse(file)
        #expect(report.actions.map { $0.title ?? "" } == e.actions.map(\.title))
        #expect(report.actions.map(\.completed) == e.actions.map(\.done))
        #expect(report.actions.map { $0.kind?.rawValue } == e.actions.map(\.kind))
    }

    @Test(arguments: expected.keys.sorted())
    func titleKeyAndStatedFacts(_ file: String) throws {
        let e = try #require(Self.expected[file])
        let report = try Self.parse(file)
        #expect(report.title == e.title)
        #expect(report.key == e.key)
        let started = report.startedAt.map(ISO8601Format.string)
        #expect(started == e.startedAt || (e.startedAt?.count == 10 && started == e.startedAt! + "T00:00:00Z"))
        #expect(report.outageMinutes == e.outageMinutes)
        #expect(report.detectedBy.rawValue == e.detectedBy)
        #expect(report.severity?.description == e.severity)
        #expect(report.tickets == e.tickets)
    }

    /// Saved on Windows (CRLF), on an old Mac (CR) or with a byte-order mark, every report reads the same.
    @Test(arguments: expected.keys.sorted())
    func lineEndingsAndByteOrderMarkReadTheSame(_ file: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
        let lf = try OutageReportParser().parse(text, file: file)
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for variant in [lines.joined(separator: "\r\n"), lines.joined(separator: "\r"), "\u{FEFF}" + text] {
            #expect(try OutageReportParser().parse(variant, file: file) == lf)
        }
    }
}
