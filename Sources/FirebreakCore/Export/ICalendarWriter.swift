import Foundation

/// The plan as an iCalendar file (RFC 5545): one all-day event per sprint (DESIGN.md section 6).
///
/// The output depends only on the plan. `DTSTAMP` is the plan's as-of time rather than the
/// clock, and each event's `UID` is `<team>-sprint-<number>@firebreak`, so that importing a
/// newer plan of the same team updates the same events instead of adding copies; `SEQUENCE` is
/// the plan number, which grows with every stored plan, so that calendars take the newer one.
public enum ICalendarWriter {
    /// The product identifier of the files Firebreak writes.
    static let productID = "-//Firebreak//Firebreak plan//EN"

    /// Writes the calendar to `out`, one content line at a time, each folded and ended by CRLF.
    public static func write(plan: Plan, to out: inout some TextOutputStream) {
        let stamp = timestamp(plan.asOf)
        writeLine("BEGIN:VCALENDAR", to: &out)
        writeLine("VERSION:2.0", to: &out)
        writeLine("PRODID:" + productID, to: &out)
        writeLine("CALSCALE:GREGORIAN", to: &out)
        writeLine("METHOD:PUBLISH", to: &out)
        writeLine("X-WR-CALNAME:" + escape("\(plan.team) plan \(plan.number) (Firebreak)"), to: &out)
        for sprint in plan.sprints {
            let improvement = sprint.kind == .improvement
            writeLine("BEGIN:VEVENT", to: &out)
            writeLine("UID:" + escape("\(plan.team)-sprint-\(sprint.number)@firebreak"), to: &out)
            writeLine("DTSTAMP:" + stamp, to: &out)
            writeLine("SEQUENCE:\(max(0, plan.number))", to: &out)
            writeLine("DTSTART;VALUE=DATE:" + dateValue(sprint.startsOn), to: &out)
            // All-day events end on the day after the last day: DTEND is exclusive.
            writeLine("DTEND;VALUE=DATE:" + dateValue(sprint.endsOn.adding(days: 1)), to: &out)
            writeLine(
                "SUMMARY:" + escape("\(sprint.name) — \(improvement ? "improvement" : "feature") sprint"), to: &out)
            writeLine("DESCRIPTION:" + escape(description(of: sprint, plan: plan)), to: &out)
            writeLine("CATEGORIES:" + (improvement ? "IMPROVEMENT" : "FEATURE"), to: &out)
            // A sprint spans the whole day but should not show the team as busy.
            writeLine("TRANSP:TRANSPARENT", to: &out)
            writeLine("END:VEVENT", to: &out)
        }
        writeLine("END:VCALENDAR", to: &out)
    }

    /// `line` folded so that no physical line is longer than 75 octets (RFC 5545 section 3.1):
    /// a CRLF and one space are inserted before the octet that would pass the limit. A multi-byte
    /// UTF-8 character is never split; unfolding (removing each CRLF followed by a space) gives
    /// `line` back. The result has no final CRLF.
    public static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var folded = ""
        folded.reserveCapacity(line.utf8.count + line.utf8.count / 24)
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            if octets + size > 75 {
                folded += "\r\n "
                // The space that starts a continuation line counts against its 75 octets.
                octets = 1
            }
            folded.unicodeScalars.append(scalar)
            octets += size
        }
        return folded
    }

    /// Writes one content line, folded, with its CRLF.
    private static func writeLine(_ line: String, to out: inout some TextOutputStream) {
        out.write(fold(line))
        out.write("\r\n")
    }

    /// A TEXT value escaped (RFC 5545 section 3.3.11): backslash, semicolon and comma get a
    /// backslash; a line break (CRLF, LF or CR) becomes `\n`. Other control characters are not
    /// allowed in TEXT and become a space.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": escaped += "\\\\"
            case ";": escaped += "\\;"
            case ",": escaped += "\\,"
            case "\r": escaped += "\\n"
            case "\n": if !previousWasCR { escaped += "\\n" }
            case "\t": escaped += "\t"
            case "\u{0}"..."\u{1F}", "\u{7F}": escaped += " "
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// What the event says about the sprint: its kind, capacity, value and planned items.
    static func description(of sprint: PlannedSprint, plan: Plan) -> String {
        var kind = "Feature sprint"
        if sprint.kind == .improvement {
            kind = "Improvement sprint" + (sprint.reason.map { " (\($0.rawValue))" } ?? "")
        }
        var lines = [
            "\(kind) of \(plan.team) plan \(plan.number).",
            "Capacity \(NumberText.decimals(sprint.capacity)) points, \(sprint.backlogCapacity) for the backlog, "
                + "\(NumberText.decimals(sprint.used)) planned.",
            "Outage cost addressed: \(NumberText.decimals(sprint.value)).",
        ]
        if sprint.items.isEmpty {
            lines.append("No items planned.")
        } else {
            lines.append("Items:")
            for item in sprint.items {
                var line = "- \(item.key) \(item.title) (effort \(NumberText.decimals(item.effort))"
                if !item.estimated { line += ", unestimated" }
                line += ", value \(NumberText.decimals(item.value))"
                if let claimant = item.claimedBy { line += ", claimed by \(claimant)" }
                lines.append(line + ")")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A DATE value: `YYYYMMDD`.
    static func dateValue(_ date: CalendarDate) -> String {
        String(format: "%04d%02d%02d", date.year, date.month, date.day)
    }

    /// A UTC DATE-TIME value, `YYYYMMDDTHHMMSSZ`, of `date` to the whole second below.
    static func timestamp(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.isFinite ? Int(date.timeIntervalSince1970.rounded(.down)) : 0
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let inDay = seconds - days * 86_400
        let day = CalendarDate(daysSinceEpoch: days)
        return dateValue(day) + String(format: "T%02d%02d%02dZ", inDay / 3600, inDay % 3600 / 60, inDay % 60)
    }
}
