import FirebreakCore
import NIOCore

/// An issue as a row of `COPY`'s text format: tab-separated columns, `\N` for none, a backslash
/// before a backslash, tab, line feed or carriage return of a value, lists as array literals.
extension JiraStaging {
    /// Appends issue number `n` as the row `columns` name (`skipped`: an epic or a sub-task); false when
    /// one of its texts holds a NUL character, which no text column can (nothing is then appended of it).
    func encode(_ issue: JiraIssue, n: Int, skipped: Bool, into buffer: inout ByteBuffer) -> Bool {
        let start = buffer.writerIndex
        let status = issue.firebreakStatus
        var reserved: (prefix: String, number: Int)?
        for prefix in KeyAllocator.prefixes {
            if let number = ItemKey.assignedNumber(issue.key, prefix: prefix) { reserved = (prefix, number) }
        }
        var clean = true
        func text(_ value: String?) {
            if let value { clean = Self.escape(value, into: &buffer) && clean } else { buffer.writeStaticString("\\N") }
            buffer.writeInteger(UInt8(ascii: "\t"))
        }
        func number(_ value: (some CustomStringConvertible)?) {
            text(value.map(\.description))
        }
        func list(_ values: [String]) {
            buffer.writeInteger(UInt8(ascii: "{"))
            for (index, value) in values.enumerated() {
                if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
                clean = Self.escapeElement(value, into: &buffer) && clean
            }
            buffer.writeStaticString("}\t")
        }
        func flag(_ value: Bool) { buffer.writeStaticString(value ? "t\t" : "f\t") }
        number(n)
        number(issue.line)
        text(issue.key)
        text(JiraImporter.firebreakKey(in: issue.description))
        text(issue.summary)
        text(JiraCSVWriter.ownDescription(issue.description))
        text((issue.kind ?? .prevent).rawValue)
        text(issue.labels.first { categories.contains($0) })
        number(issue.estimate)
        text((status == .claimed ? ActionStatus.open : status).rawValue)
        if let due = issue.due {
            Self.write(due, into: &buffer)
        } else {
            buffer.writeStaticString("\\N\t")
        }
        list(issue.labels)
        list(issue.components)
        list(issue.sprints)
        flag(issue.listColumns.contains(.labels))
        flag(issue.listColumns.contains(.components))
        flag(issue.listColumns.contains(.sprints))
        list(issue.incidentKeys)
        text(reserved?.prefix)
        number(reserved?.number)
        flag(skipped)
        // The last column ends the row instead of a tab.
        buffer.moveWriterIndex(to: buffer.writerIndex - 1)
        buffer.writeInteger(UInt8(ascii: "\n"))
        if !clean { buffer.moveWriterIndex(to: start) }
        return clean
    }

    /// Appends `date` as `YYYY-MM-DD` and a tab (`CalendarDate.description` goes through `String(format:)`).
    static func write(_ date: CalendarDate, into buffer: inout ByteBuffer) {
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            var value = value
            while divisor > 0 {
                buffer.writeInteger(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                value %= divisor
                divisor /= 10
            }
        }
        guard (1...9999).contains(date.year) else {
            buffer.writeString(date.description)
            buffer.writeInteger(UInt8(ascii: "\t"))
            return
        }
        digits(date.year, 4)
        buffer.writeInteger(UInt8(ascii: "-"))
        digits(date.month, 2)
        buffer.writeInteger(UInt8(ascii: "-"))
        digits(date.day, 2)
        buffer.writeInteger(UInt8(ascii: "\t"))
    }

    /// Appends `value` escaped for `COPY`'s text format; false when it holds a NUL character.
    static func escape(_ value: String, into buffer: inout ByteBuffer) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            guard bytes.contains(where: { $0 < 0x20 || $0 == 0x5C }) else {
                buffer.writeBytes(bytes)
                return true
            }
            for byte in bytes {
                switch byte {
                case 0: return false
                case 0x5C: buffer.writeStaticString("\\\\")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
            return true
        }
    }

    /// Appends `value` as a quoted element of an array literal (a backslash before `"` and `\`),
    /// escaped for `COPY`'s text format in turn; false when it holds a NUL character.
    static func escapeElement(_ value: String, into buffer: inout ByteBuffer) -> Bool {
        buffer.writeInteger(UInt8(ascii: "\""))
        var value = value
        let clean = value.withUTF8 { bytes in
            for byte in bytes {
                switch byte {
                case 0: return false
                case 0x5C: buffer.writeStaticString("\\\\\\\\")  // \\ in the literal, each doubled for COPY
                case 0x22: buffer.writeStaticString("\\\\\"")  // \" in the literal, its backslash doubled
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
            return true
        }
        buffer.writeInteger(UInt8(ascii: "\""))
        return clean
    }
}
