/// Keys of incidents and actions: `INC-7`, `ACT-12`, `PM2021-006`, `OPS-101`.
public enum ItemKey {
    /// A letter, then letters, digits and dashes, with at least one dash followed by a digit.
    public static func isValid(_ text: some StringProtocol) -> Bool {
        let s = Array(text.utf8)
        guard let first = s.first, s.count <= 40, isLetter(first) else { return false }
        var sawDashDigit = false
        for (i, c) in s.enumerated() {
            guard isLetter(c) || isDigit(c) || c == UInt8(ascii: "-") else { return false }
            if c == UInt8(ascii: "-"), i + 1 < s.count, isDigit(s[i + 1]) { sawDashDigit = true }
        }
        return sawDashDigit && s.last != UInt8(ascii: "-")
    }

    /// The number of an assigned key (`ACT-12` → 12 for prefix `ACT`), nil otherwise.
    public static func assignedNumber(_ key: String, prefix: String) -> Int? {
        guard key.hasPrefix(prefix + "-") else { return nil }
        let rest = key.dropFirst(prefix.count + 1)
        guard !rest.isEmpty, rest.allSatisfy(\.isASCIIDigit), rest.first != "0" else { return nil }
        return Int(rest)
    }

    /// The first key-shaped token of a file name (`dfds-PM2021-006-503s.md` → `PM2021-006`).
    ///
    /// Only upper-case tokens count, so that ordinary words with numbers are not taken for keys.
    public static func fromFileName(_ name: String) -> String? {
        var base = Substring(name)
        if let dot = base.lastIndex(of: ".") { base = base[..<dot] }
        let parts = base.split(separator: "-", omittingEmptySubsequences: false)
        for start in parts.indices {
            let head = parts[start]
            guard let f = head.first, f.isASCII, f.isUppercase,
                head.allSatisfy({ ($0.isASCII && $0.isUppercase) || $0.isASCIIDigit })
            else { continue }
            var end = start + 1
            while end < parts.count, !parts[end].isEmpty, parts[end].allSatisfy(\.isASCIIDigit) { end += 1 }
            if end > start + 1 { return parts[start..<end].joined(separator: "-") }
        }
        return nil
    }

    /// The keys of a space-separated list (keys have no spaces), in natural order: how the ranking
    /// reads each action's incidents, a million lists for a large team, so it scans bytes.
    public static func naturallySorted(spaceSeparated list: String) -> [String] {
        var list = list
        var keys = list.withUTF8 { bytes in
            var keys: [String] = []
            // One allocation, not one for each doubling: a million ranked items split three keys each.
            keys.reserveCapacity(bytes.reduce(1) { $1 == UInt8(ascii: " ") ? $0 + 1 : $0 })
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: " ") {
                if end > start {
                    keys.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                }
                start = end + 1
            }
            return keys
        }
        keys.sort(by: naturalLess)
        return keys
    }

    /// Natural order: `ACT-2` before `ACT-10`; digit runs compare as numbers (then by length,
    /// so `ACT-02` sorts after `ACT-2`). Byte-wise, without allocating: it runs on every tie of a
    /// 100,000-item ranking.
    public static func naturalLess(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in naturalLess(x, y) } }
    }

    static func naturalLess(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0, j = 0
        while i < x.count, j < y.count {
            if isDigit(x[i]), isDigit(y[j]) {
                var i2 = i, j2 = j
                while i2 < x.count, isDigit(x[i2]) { i2 += 1 }
                while j2 < y.count, isDigit(y[j2]) { j2 += 1 }
                var si = i, sj = j
                while si < i2 - 1, x[si] == UInt8(ascii: "0") { si += 1 }
                while sj < j2 - 1, y[sj] == UInt8(ascii: "0") { sj += 1 }
                if i2 - si != j2 - sj { return i2 - si < j2 - sj }
                var k = 0
                while si + k < i2 {
                    if x[si + k] != y[sj + k] { return x[si + k] < y[sj + k] }
                    k += 1
                }
                if i2 - i != j2 - j { return i2 - i < j2 - j }
                i = i2
                j = j2
                continue
            }
            if x[i] != y[j] { return x[i] < y[j] }
            i += 1
            j += 1
        }
        return x.count - i < y.count - j
    }

    private static func isLetter(_ c: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c)
    }
    private static func isDigit(_ c: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
