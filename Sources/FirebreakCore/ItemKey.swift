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

    /// Natural order: `ACT-2` before `ACT-10`; digit runs compare as numbers.
    public static func naturalLess(_ a: String, _ b: String) -> Bool {
        var i = a.unicodeScalars.makeIterator()
        var j = b.unicodeScalars.makeIterator()
        var ca = i.next()
        var cb = j.next()
        while let x = ca, let y = cb {
            if x.properties.numericType != nil, isDigit(x), isDigit(y) {
                var na = "", nb = ""
                while let d = ca, isDigit(d) {
                    na.unicodeScalars.append(d)
                    ca = i.next()
                }
                while let d = cb, isDigit(d) {
                    nb.unicodeScalars.append(d)
                    cb = j.next()
                }
                let ta = na.drop(while: { $0 == "0" }), tb = nb.drop(while: { $0 == "0" })
                if ta.count != tb.count { return ta.count < tb.count }
                if ta != tb { return ta < tb }
                if na.count != nb.count { return na.count < nb.count }
                continue
            }
            if x != y { return x.value < y.value }
            ca = i.next()
            cb = j.next()
        }
        return ca == nil && cb != nil
    }

    private static func isLetter(_ c: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c)
    }
    private static func isDigit(_ c: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) }
    private static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
