import Foundation

/// RFC 4180 fields: quoted when they hold a comma, a quote, CR or LF; quotes doubled; rows end in CRLF.
public enum CSVField {
    /// Scans bytes, not characters: an export quotes millions of cells.
    public static func quote(_ field: String) -> String {
        var needsQuotes = false
        var quotes = 0
        for byte in field.utf8 {
            switch byte {
            case UInt8(ascii: "\""):
                quotes += 1
                needsQuotes = true
            case UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r"): needsQuotes = true
            default: break
            }
        }
        guard needsQuotes else { return field }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(field.utf8.count + quotes + 2)
        bytes.append(UInt8(ascii: "\""))
        for byte in field.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func row(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",") + "\r\n"
    }
}
