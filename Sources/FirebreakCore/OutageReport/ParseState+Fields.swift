import Foundation

extension ParseState {
    /// Reads a field bullet (`- **Name:** value` or `- Name: value`); false when the line is not one.
    ///
    /// `strict` in the header of a report: a field given twice or a value that cannot be read is an
    /// error there, and an unknown bold name a warning with the nearest known field. Elsewhere (a
    /// "Stats" list, a bold paragraph of a foreign report) the first readable value counts.
    mutating func readField(_ line: Substring, number: Int, strict: Bool) throws(ReportError) -> Bool {
        guard let (name, value, bold) = Self.fieldBullet(line) else { return false }
        if Self.fieldNames[name.lowercased()] == nil {
            if strict, bold, value.count < 200 {
                let near = EditDistance.nearest(
                    name.lowercased(), in: Self.fieldNames.keys, limit: max(2, name.count / 4))
                // Only a near miss ("Outage tim") is worth a word: real reports have bold lead-ins of their own.
                if let near {
                    warn(number, "unknown field \"\(name)\" is ignored; did you mean \"\(Self.displayName(near))\"?")
                    ignore(line, number: number)
                    return true  // a misspelt field, not the report's description
                }
            }
            return false
        }
        return try readNamedField(name: name, value: value, number: number, strict: strict)
    }

    /// The field a heading names alone (`## Outage time`, `### 3. Number of support tickets raised:`),
    /// or nil. Not the description (a "Description" or "Summary" section is read as one), nor the
    /// detection (a "Detection" section is read for who noticed first), nor Firebreak's own team and
    /// categories.
    static func fieldNamedByHeading(_ heading: String) -> String? {
        var name = ReportSection.numberStripped(MarkdownText.plain(heading).replacingOccurrences(of: "*", with: ""))
            .trimmed()
        if name.hasSuffix(":") { name = String(name.dropLast()).trimmed() }
        guard let field = fieldNames[name.lowercased()] else { return nil }
        return ["description", "detected by", "team", "categories"].contains(field) ? nil : name
    }

    /// The value of the field `name` that a heading names, from the first line of text below it (a list
    /// item's text, bold marks left out). True when the line gave the field its value; a value that
    /// cannot be read leaves the field for a later line to give, and the line is read as any other.
    mutating func readFieldBelowHeading(_ name: String, line: Substring, number: Int) throws(ReportError) -> Bool {
        let value = (ListItem(line)?.text ?? String(line)).replacingOccurrences(of: "**", with: "").trimmed()
        // A sentence below "Severity" is prose about it, not a name on the team's alias table ("Critical").
        if Self.fieldNames[name.lowercased()] == "severity", value.split(separator: " ").count > 3 { return false }
        let (seen, read) = (seenFields, report.fieldLines)
        // The affected functionality too: a heading names it as the report's own format does.
        _ = try readNamedField(
            name: name, value: value, number: number, strict: false, lenient: Self.lenientFields.union(["components"]))
        guard report.fieldLines != read else {
            seenFields = seen
            return false
        }
        return true
    }

    /// `lenient`: the fields read when not `strict`.
    mutating func readNamedField(
        name: String, value: String, number: Int, strict: Bool, lenient: Set<String> = lenientFields
    ) throws(ReportError)
        -> Bool
    {
        guard let field = Self.fieldNames[name.lowercased()] else { return false }
        if !strict, !lenient.contains(field) { return false }
        // Only the names the canonical form writes are held to it; "Identified: the on-call engineer
        // saw it" or "Downtime: none" in a foreign report is prose, read where it can be.
        let strict = strict && Self.canonicalNames.contains(name.lowercased())
        if let first = seenFields[field] {
            if strict { throw error(number, "field \"\(name)\" is given twice (first on line \(first))") }
            return true
        }
        // Templates leave "?", "??" or "TBD" where a number belongs: that is missing, not zero.
        let missing =
            value.isEmpty || value.allSatisfy { $0 == "?" }
            || ["tbd", "n/a", "-", "unknown"].contains(value.lowercased())
        if missing, field != "description" { return true }
        func refuse(_ reason: String) throws(ReportError) -> Bool {
            if strict { throw error(number, reason) }
            return true
        }
        seenFields[field] = number
        switch field {
        case "description":
            report.description = value
        case "date":
            if let date = ReportDate.parse(value) {
                report.startedAt = date
                dateOnly = value.trimmed().count == 10
            } else if let (date, hasTime) = ForeignFacts.statedInstant(in: value, order: dateOrder) {
                report.startedAt = date  // "Wednesday 20th September 2023, 14:32 UTC"
                dateOnly = !hasTime
            } else {
                return try refuse(
                    "date \"\(value)\" is not YYYY-MM-DD HH:MM (with optional UTC or ±HH:MM) or ISO 8601")
            }
            report.fieldLines[.date] = number
        case "outage time":
            // "~24h40m" in a foreign report's table: an approximate length is the length it states.
            let stated = strict ? value : String(ForeignFacts.withoutHedge(value[...]))
            guard let minutes = ReportDate.minutes(stated) else {
                return try refuse(
                    "outage time \"\(value)\" is not hh:mm (hours may exceed 24), \"1h 20m\" or \"95 minutes\"")
            }
            report.outageMinutes = minutes
            report.fieldLines[.outageTime] = number
        case "severity":
            if let severity = Severity(parsing: value) ?? Severity(leading: value) {
                report.severity = severity
            } else if Severity.looksLikeScale(value) {
                return try refuse("severity \"\(value)\" is not one of SEV1..SEV4, P1..P4 or 1..4")
            } else {
                // Not on a named scale: the team's alias table may name it (the importer asks).
                report.severityText = value
            }
            report.fieldLines[.severity] = number
        case "detected by":
            guard let source = DetectionSource(parsing: value) ?? DetectionPhrases.source(ofField: value) else {
                return try refuse("detected by \"\(value)\" is not one of alert, customer, staff or unknown")
            }
            detection = (source, number)
            report.fieldLines[.detectedBy] = number
        case "tickets":
            // "about 120" in a foreign report: the count it states.
            let lenientCount = strict ? nil : Self.leadingCount(String(ForeignFacts.withoutHedge(value[...])))
            guard let tickets = Int(value) ?? lenientCount, tickets >= 0 else {
                return try refuse(
                    "number of support tickets \"\(value)\" is not a whole number of zero or more")
            }
            report.tickets = tickets
            report.fieldLines[.tickets] = number
        case "ended":
            guard let date = ReportDate.parse(value) else { return true }
            endedAt = date
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
            report.team = value.uppercased()
            report.fieldLines[.team] = number
        default:
            return false
        }
        return true
    }

    /// Field names as reports write them, lower-cased, to the field they fill.
    static let fieldNames: [String: String] = [
        "description": "description", "summary": "description",
        "date": "date", "started at": "date", "start time": "date", "started": "date", "incident date": "date",
        "reported at": "date", "declared at": "date", "impact started": "date",
        "end time": "ended", "ended at": "ended", "ended": "ended", "resolved at": "ended", "recovered at": "ended",
        "outage time": "outage time", "outage duration": "outage time", "duration": "outage time",
        "severity": "severity", "incident severity": "severity",
        "detected by": "detected by", "detection": "detected by", "discovery": "detected by",
        "identified": "detected by", "how was it detected": "detected by",
        "time to repair": "outage time", "time to recovery": "outage time", "time to restore": "outage time",
        "downtime": "outage time", "total downtime": "outage time",
        "number of support tickets raised": "tickets", "support tickets raised": "tickets",
        "support tickets": "tickets", "tickets": "tickets", "support requests raised": "tickets",
        "support cases raised": "tickets", "support cases": "tickets", "support tickets opened": "tickets",
        "tickets raised": "tickets", "customer tickets": "tickets",
        "date of incident": "date", "incident start": "date",
        "incident duration": "outage time",
        "affected functionality": "components", "components": "components",
        "affected components": "components",
        "categories": "categories", "category": "categories", "weakness categories": "categories",
        "team": "team",
    ]

    /// The field names the canonical form writes (``OutageReportWriter``), lower-cased.
    static let canonicalNames: Set<String> = [
        "description", "date", "outage time", "severity", "detected by", "number of support tickets raised",
        "affected functionality", "categories", "team",
    ]

    /// The fields read outside a report's header: facts a foreign report states in prose or a
    /// "Stats" list. Team, categories and components are Firebreak's own words and stay in the header.
    static let lenientFields: Set<String> = [
        "description", "date", "outage time", "severity", "detected by", "tickets", "ended",
    ]

    /// `line` as the facts found in prose read it: without the name of a field other than "Detected by"
    /// where the line writes one as a label (`- **Number of support tickets raised:** 14`, `**Severity:**`,
    /// a table's `| Support Tickets |` cell, a heading that is only a field's name). A name is no prose:
    /// "support tickets" in one does not say a customer noticed, nor is the number on the line before it
    /// a count of tickets. The detection field's own names stay, for ``DetectionPhrases`` reads their value.
    static func withoutFieldLabel(_ line: Substring) -> Substring {
        let trimmed = line.trimmed()
        if trimmed.hasPrefix("|") {
            let cells = trimmed.split(separator: "|", omittingEmptySubsequences: false)
            guard cells.contains(where: isOtherFactLabel) else { return line }
            return Substring(cells.map { isOtherFactLabel($0) ? "" : $0 }.joined(separator: "|"))
        }
        if let colon = line.firstIndex(of: ":"), isOtherFactLabel(line[..<colon]) { return line[colon...] }
        return isOtherFactLabel(line) ? "" : line
    }

    /// Whether `text`, without its Markdown (`- **`, `> `, `## `, `1. `) and a trailing colon, is the name
    /// of a field other than "Detected by".
    static func isOtherFactLabel(_ text: Substring) -> Bool {
        guard text.utf8.count <= 80 else { return false }  // the longest name is 32 characters
        let name = MarkdownText.plain(String(text)).trimmingCharacters(in: labelMarkup).lowercased()
        guard let field = fieldNames[name] else { return false }
        return field != "detected by"
    }

    /// What surrounds a field's name as a label: list markers, bold, quotes, heading marks, the colon.
    static let labelMarkup = CharacterSet(charactersIn: " \t>-*+_#:.)0123456789")

    /// `214`, `1,900 tickets`, `58 (estimated)`: the whole number a value starts with.
    static func leadingCount(_ value: String) -> Int? {
        let digits = value.prefix { $0.isNumber || $0 == "," }
        let rest = value.dropFirst(digits.count)
        guard !digits.isEmpty, rest.isEmpty || rest.first == " " else { return nil }
        return Int(digits.replacingOccurrences(of: ",", with: ""))
    }

    /// A field name as the canonical form writes it: "outage time" → "Outage time".
    static func displayName(_ name: String) -> String { name.prefix(1).uppercased() + name.dropFirst() }

    /// Splits `- **Name:** value`, `- **Name**: value` and `- Name: value` into name, value and
    /// whether the name was bold.
    static func fieldBullet(_ line: Substring) -> (String, String, Bool)? {
        var rest = line.trimmed()[...]
        guard rest.hasPrefix("- ") || rest.hasPrefix("* ") else { return nil }
        rest = rest.dropFirst(2).drop(while: { $0 == " " })
        let name: Substring
        let bold = rest.hasPrefix("**")
        if bold {
            let inner = rest.dropFirst(2)
            guard let close = inner.range(of: "**") else { return nil }
            var boldText = inner[..<close.lowerBound]
            rest = inner[close.upperBound...]
            if boldText.hasSuffix(":") {
                boldText = boldText.dropLast()
            } else {
                guard rest.hasPrefix(":") else { return nil }
                rest = rest.dropFirst()
            }
            name = boldText
        } else {
            guard let colon = rest.firstIndex(of: ":") else { return nil }
            name = rest[..<colon]
            guard name.count <= 40, name.allSatisfy({ $0.isLetter || $0 == " " }) else { return nil }
            rest = rest[rest.index(after: colon)...]
        }
        return (name.trimmed(), rest.trimmed(), bold)
    }

    static func list(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmed() }.filter { !$0.isEmpty }
    }

    static func isCategoryKey(_ key: String) -> Bool {
        guard let first = key.first, first.isASCII, first.isLowercase, key.count <= 40 else { return false }
        return key.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }
}
