import Foundation
import Testing

@testable import FirebreakCore

/// The parser's and the Jira reader's trimming is Foundation's, character for character.
@Suite("Trimming whitespace")
struct TrimmingTests {
    /// Every scalar of the Basic Multilingual Plane and a few beyond it, at either end, alone, doubled,
    /// around text and after a combining mark: trimmed as `trimmingCharacters(in:)` trims them.
    @Test func everyScalarIsTrimmedAsFoundationTrimsIt() {
        let scalars =
            (0..<0x1_0000).compactMap(Unicode.Scalar.init)
            + [0x1_F600, 0xE_0020, 0x10_FFFF].compactMap(
                Unicode.Scalar.init)
        var differences: [String] = []
        for scalar in scalars {
            let c = String(scalar)
            for text in [c, c + c, c + "a b" + c, " " + c + "x", "x\t" + c, c + "\u{301}e", "e" + c + "\u{301}"] {
                if text.trimmingWhitespace() != text.trimmingCharacters(in: .whitespaces) {
                    differences.append("whitespaces U+\(String(scalar.value, radix: 16)) in \(text.debugDescription)")
                }
                if text.trimmingWhitespaceAndNewlines() != text.trimmingCharacters(in: .whitespacesAndNewlines) {
                    differences.append("and newlines U+\(String(scalar.value, radix: 16)) in \(text.debugDescription)")
                }
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(20))")
    }

    @Test(arguments: ["", " ", "\t\r\n", "a", " a ", "\u{A0}a\u{3000}", "a\r\n", "\r\na b\r\n"])
    func substringsTrimAsStrings(_ text: String) {
        let sub = ("[" + text + "]").dropFirst().dropLast()
        #expect(sub.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
        #expect(sub.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
