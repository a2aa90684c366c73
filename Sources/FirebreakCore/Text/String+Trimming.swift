import Foundation

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)`, the same characters trimmed, without bridging to
    /// `NSString`: on Linux that call costs microseconds, and the report parser and the Jira reader
    /// make it for every line and cell (it was half of the time of importing 10,000 reports).
    func trimmingWhitespace() -> String {
        // Nothing to trim when both ends are ASCII and not a space or a tab: most cells.
        let text = String(self)
        if let first = text.utf8.first, let last = text.utf8.last, first < 0x80, last < 0x80, first != 0x20,
            first != 0x09, last != 0x20, last != 0x09
        {
            return text
        }
        return text.trimming {
            $0 == 0x20 || $0 == 0x09
        } other: {
            WhitespaceSets.whitespaces.contains($0)
        }
    }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, without bridging to `NSString`.
    func trimmingWhitespaceAndNewlines() -> String {
        let text = String(self)
        if let first = text.utf8.first, let last = text.utf8.last, (0x21..<0x80).contains(first),
            (0x21..<0x80).contains(last)
        {
            return text
        }
        return text.trimming {
            $0 == 0x20 || (0x09...0x0D).contains($0)
        } other: {
            WhitespaceSets.whitespacesAndNewlines.contains($0)
        }
    }

    /// Trims the Unicode scalars at both ends for which `ascii` (below 0x80) or `other` holds, as
    /// Foundation trims a `CharacterSet`: by scalars, so a combining mark after a trimmed space stays.
    private func trimming(ascii: (UInt32) -> Bool, other: (Unicode.Scalar) -> Bool) -> String {
        func trimmed(_ scalar: Unicode.Scalar) -> Bool { scalar.value < 0x80 ? ascii(scalar.value) : other(scalar) }
        let text = String(self)
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !trimmed($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !trimmed($0) })!
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return text }
        return String(Substring(scalars[first...last]))
    }
}

/// Foundation's sets, made once: `CharacterSet.whitespaces` builds a new set on every use.
private enum WhitespaceSets {
    static let whitespaces = CharacterSet.whitespaces
    static let whitespacesAndNewlines = CharacterSet.whitespacesAndNewlines
}

extension StringProtocol {
    /// Whether `other`'s UTF-8 bytes occur in this text's. A quick test before Foundation's
    /// `range(of:)` (slow on Linux), for text that Foundation could find only where its bytes are: ASCII
    /// text, which no other text is canonically equivalent to (except `` ` `` and `;`, and `k` after
    /// `lowercased()`).
    package func utf8Contains(_ other: String) -> Bool {
        let needle = other.utf8
        guard let first = needle.first else { return true }
        let haystack = utf8
        var index = haystack.startIndex
        while let found = haystack[index...].firstIndex(of: first) {
            if haystack[found...].starts(with: needle) { return true }
            index = haystack.index(after: found)
        }
        return false
    }
}
