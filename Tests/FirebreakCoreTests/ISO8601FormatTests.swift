import FirebreakCore
import Foundation
import Testing

@Suite("ISO 8601 times as Firebreak writes them")
struct ISO8601FormatTests {
    static let cases: [(Double, String)] = [
        (0, "1970-01-01T00:00:00Z"),
        (1_795_824_000, "2026-11-28T00:00:00Z"),
        (1_795_824_000.25, "2026-11-28T00:00:00.250Z"),
        (1_795_824_059.9996, "2026-11-28T00:01:00Z"),  // rounds up into the next second
        (1_795_910_399.9999, "2026-11-29T00:00:00Z"),  // and into the next day
        (-0.5, "1969-12-31T23:59:59.500Z"),
    ]

    @Test(arguments: cases)
    func writesWholeMillisecondsInUTC(seconds: Double, expected: String) {
        #expect(ISO8601Format.string(Date(timeIntervalSince1970: seconds)) == expected)
    }
}
