import Foundation

extension ParseState {
    /// Reads a field bullet (`- **Name:** value` or `- Name: value`); false when the line is not one.
    mutating func readField(_ line: Substring, number: Int) throws(ReportError) -> Bool {
        guard let (name, value) = Self.fieldBullet(line) else { return false }
        guard let field = Self.fieldNames[name.lowercased()] else { return false }
        if let first = seenFields[field] {
            throw error(number, "field \"\(name)\" is given twice (first on line \(first))")
        }
        seenFields[field] = number
        // Templates leave "?", "??" or "TBD" where a number belongs: that is missing, not zero.
        let missing =
            value.isEmpty || value.allSatisfy { $0 == "?" } || ["tbd", "n/a", "-"].contains(value.lowercased())
        switch field {
        case "description":
            report.description = value
        case "date":
            guard !missing else { return true }
            guard let date = ReportDate.parse(value) else {
                throw error(
                    number, "date \"\(value)\" is not YYYY-MM-DD HH:MM (with optional UTC or ±HH:MM) or ISO 8601")
            }
            report.startedAt = date
            report.fieldLines[.date] = number
        case "outage time":
            guard !missing else { return true }
            guard let minutes = ReportDate.minutes(value) else {
                throw error(number, "outage time \"\(value)\" is not hh:mm (hours may exceed 24)")
            }
            report.outageMinutes = minutes
            report.fieldLines[.outageTime] = number
        case "severity":
            guard !missing else { return true }
            guard let severity = Severity(parsing: value) else {
                throw error(number, "severity \"\(value)\" is not one of SEV1..SEV4, P1..P4 or 1..4")
            }
            report.severity = severity
            report.fieldLines[.severity] = number
        case "detected by":
            guard !missing else { return true }
            guard let source = DetectionSource(parsing: value) else {
                throw error(number, "detected by \"\(value)\" is not one of alert, customer, staff or unknown")
            }
            report.detectedBy = source
            report.fieldLines[.detectedBy] = number
        case "tickets":
            guard !missing else { return true }
            guard let tickets = Int(value), tickets >= 0 else {
                throw error(number, "number of support tickets \"\(value)\" is not a whole number of zero or more")
            }
            report.tickets = tickets
            report.fieldLines[.tickets] = number
        case "components":
            report.components = Self.list(value)
            report.fieldLines[.components] = number
        case "categories":
            let keys = Self.list(value).map { $0.lowercased() }
            if let bad = keys.first(where: { !Self.isCategoryKey($0) }) {
                throw error(number, "category \"\(bad)\" is not a category key (lower-case letters, digits, dashes)")
            }
            report.categories = keys
            report.fieldLines[.categories] = number
        case "team":
            guard !missing else { return true }
            report.team = value.uppercased()
            report.fieldLines[.team] = number
        default:
            return false
        }
        return true
    }

    /// Field names as reports write them, lower-cased, to the field they fill.
    static let fieldNames: [String: String] = [
        "description": "description",
        "date": "date", "started at": "date", "start time": "date", "started": "date",
        "outage time": "outage time", "outage duration": "outage time", "duration": "outage time",
        "severity": "severity", "incident severity": "severity",
        "detected by": "detected by", "detection": "detected by",
        "number of support tickets raised": "tickets", "support tickets raised": "tickets",
        "support tickets": "tickets", "tickets": "tickets", "support requests raised": "tickets",
        "affected functionality": "components", "components": "components",
        "affected components": "components",
        "categories": "categories", "category": "categories", "weakness categories": "categories",
        "team": "team",
    ]

    /// Splits `- **Name:** value`, `- **Name**: value` and `- Name: value` into name and value.
    static func fieldBullet(_ line: Substring) -> (String, String)? {
        var rest = line.trimmingCharacters(in: .whitespaces)[...]
        guard rest.hasPrefix("- ") || rest.hasPrefix("* ") else { return nil }
        rest = rest.dropFirst(2).drop(while: { $0 == " " })
        let name: Substring
        if rest.hasPrefix("**") {
            let inner = rest.dropFirst(2)
            guard let close = inner.range(of: "**") else { return nil }
            var bold = inner[..<close.lowerBound]
            rest = inner[close.upperBound...]
            if bold.hasSuffix(":") {
                bold = bold.dropLast()
            } else {
                guard rest.hasPrefix(":") else { return nil }
                rest = rest.dropFirst()
            }
            name = bold
        } else {
            guard let colon = rest.firstIndex(of: ":") else { return nil }
            name = rest[..<colon]
            guard name.count <= 40, name.allSatisfy({ $0.isLetter || $0 == " " }) else { return nil }
            rest = rest[rest.index(after: colon)...]
        }
        return (name.trimmingCharacters(in: .whitespaces), rest.trimmingCharacters(in: .whitespaces))
    }

    static func list(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func isCategoryKey(_ key: String) -> Bool {
        guard let first = key.first, first.isASCII, first.isLowercase, key.count <= 40 else { return false }
        return key.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }
}
