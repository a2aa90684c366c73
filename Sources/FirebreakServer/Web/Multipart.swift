import Foundation

/// A `multipart/form-data` body (RFC 7578), as a browser sends a form with a file input: its parts
/// in order, each with its field name, its file name when it holds a file, and its bytes exactly as
/// sent (a CRLF inside a file stays a CRLF).
///
/// The body is read whole first, within the server's body limit; this type refuses what the limit
/// cannot: too many parts, a part's headers too long, and a body that is not multipart.
package struct Multipart: Sendable, Equatable {
    package struct Part: Sendable, Equatable {
        /// The form field's name (`name=` of `Content-Disposition`).
        package var name: String
        /// The file's name as the browser sent it (`filename=`); nil for a plain field, "" for a file
        /// input with no file chosen.
        package var filename: String?
        package var contentType: String?
        package var data: [UInt8]

        /// The bytes as UTF-8 text; nil when they are not UTF-8.
        package var text: String? { String(validating: data, as: UTF8.self) }

        package init(name: String, filename: String? = nil, contentType: String? = nil, data: [UInt8]) {
            self.name = name
            self.filename = filename
            self.contentType = contentType
            self.data = data
        }
    }

    /// How much one body may hold beyond its size.
    package struct Limits: Sendable, Equatable {
        /// Parts, fields and files together.
        package var parts: Int
        /// The bytes of one part's headers (browsers send about 100-200).
        package var headerBytes: Int

        /// `parts` at most, and 8 KiB of headers a part unless said.
        package init(parts: Int, headerBytes: Int = 8 << 10) {
            self.parts = parts
            self.headerBytes = headerBytes
        }
    }

    /// Why a body could not be read: one line, in the words a user can act on.
    package struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        package enum Kind: Sendable, Equatable {
            /// Not `multipart/form-data` at all (HTTP 415).
            case mediaType
            /// Multipart, but not well formed (HTTP 400).
            case malformed
            /// Over one of the ``Limits`` (HTTP 413).
            case tooLarge
        }

        package var kind: Kind
        package var reason: String
        package var description: String { reason }
    }

    package var parts: [Part]

    /// The parts without a file: the form's plain fields, the first value of each name.
    package func field(_ name: String) -> String? {
        parts.first { $0.name == name && $0.filename == nil }?.text
    }

    /// The parts that are files, in the order sent.
    package var files: [Part] { parts.filter { $0.filename != nil } }

    /// The boundary that a `Content-Type` of `multipart/form-data` names (quoted or not).
    package static func boundary(contentType: String?) throws(Failure) -> String {
        guard let contentType, let media = contentType.split(separator: ";").first else {
            throw Failure(kind: .mediaType, reason: "send the form as multipart/form-data (got no Content-Type)")
        }
        let mediaType = media.trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType == "multipart/form-data" else {
            throw Failure(kind: .mediaType, reason: "send the form as multipart/form-data (got \(mediaType))")
        }
        let parameters = Self.parameters(contentType[media.endIndex...].dropFirst())
        guard let boundary = parameters["boundary"], !boundary.isEmpty else {
            throw Failure(kind: .malformed, reason: "the Content-Type multipart/form-data names no boundary")
        }
        // RFC 2046 section 5.1.1: 1 to 70 characters, not ending in a space.
        guard boundary.utf8.count <= 70, !boundary.hasSuffix(" "), boundary.allSatisfy(Self.isBoundaryCharacter)
        else {
            throw Failure(
                kind: .malformed, reason: "the multipart boundary must be 1 to 70 letters, digits or '()+_,-./:=? '")
        }
        return boundary
    }

    /// The parts of `body`, delimited by `boundary`. Text before the first delimiter and after the
    /// last (preamble, epilogue) is ignored, as RFC 2046 says.
    package static func parse(_ body: [UInt8], boundary: String, limits: Limits) throws(Failure) -> Multipart {
        let delimiter = Array(("--" + boundary).utf8)
        let crlf: [UInt8] = [13, 10]
        // The first delimiter opens the body, or follows the preamble's CRLF.
        var position: Int
        if Self.starts(body, with: delimiter, at: 0) {
            position = delimiter.count
        } else if let found = Self.find(crlf + delimiter, in: body, from: 0) {
            position = found + 2 + delimiter.count
        } else {
            throw Failure(kind: .malformed, reason: "the body holds no part: its boundary never appears")
        }
        var parts: [Part] = []
        while true {
            // After a delimiter: "--" closes the body; else optional padding, then CRLF.
            if Self.starts(body, with: [45, 45], at: position) { return Multipart(parts: parts) }
            while position < body.count, body[position] == 32 || body[position] == 9 { position += 1 }
            guard Self.starts(body, with: crlf, at: position) else {
                throw Failure(kind: .malformed, reason: "a multipart boundary is not followed by a line break (CRLF)")
            }
            position += 2
            guard parts.count < limits.parts else {
                throw Failure(kind: .tooLarge, reason: "the form has more than \(limits.parts) parts")
            }
            let headers: [(String, String)]
            if Self.starts(body, with: crlf, at: position) {
                headers = []
                position += 2
            } else {
                let window = min(body.count, position + limits.headerBytes + 4)
                guard let end = Self.find(crlf + crlf, in: body, from: position, before: window) else {
                    throw Failure(
                        kind: window < body.count ? .tooLarge : .malformed,
                        reason: window < body.count
                            ? "a part's headers are over \(limits.headerBytes) bytes"
                            : "a part's headers do not end in a blank line (CRLF CRLF)")
                }
                headers = try Self.headers(body[position..<end])
                position = end + 4
            }
            guard let end = Self.find(crlf + delimiter, in: body, from: position) else {
                throw Failure(kind: .malformed, reason: "the body ends before its closing boundary")
            }
            parts.append(try Self.part(headers, data: Array(body[position..<end])))
            position = end + 2 + delimiter.count
        }
    }

    /// A part from its headers: `Content-Disposition: form-data; name="..."` is required.
    private static func part(_ headers: [(String, String)], data: [UInt8]) throws(Failure) -> Part {
        guard let disposition = headers.first(where: { $0.0 == "content-disposition" })?.1,
            let kind = disposition.split(separator: ";").first,
            kind.trimmingCharacters(in: .whitespaces).lowercased() == "form-data"
        else {
            throw Failure(kind: .malformed, reason: "a part has no Content-Disposition: form-data")
        }
        let parameters = Self.parameters(disposition[kind.endIndex...].dropFirst())
        guard let name = parameters["name"] else {
            throw Failure(kind: .malformed, reason: "a part's Content-Disposition has no name")
        }
        return Part(
            name: name, filename: parameters["filename"],
            contentType: headers.first { $0.0 == "content-type" }?.1, data: data)
    }

    /// `Name: value` lines, names lowercased; a line that starts with a space continues the one before.
    private static func headers(_ bytes: ArraySlice<UInt8>) throws(Failure) -> [(String, String)] {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Failure(kind: .malformed, reason: "a part's headers are not UTF-8 text")
        }
        var headers: [(String, String)] = []
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: false) {
            if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
                headers[headers.count - 1].1 += " " + line.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                throw Failure(kind: .malformed, reason: "a part's header line has no colon: \"\(line.prefix(60))\"")
            }
            headers.append(
                (
                    line[..<colon].trimmingCharacters(in: .whitespaces).lowercased(),
                    line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                ))
        }
        return headers
    }

    /// `; key=value; key="quoted \" value"` as a dictionary with lowercased keys; the first of a key wins.
    static func parameters(_ text: Substring) -> [String: String] {
        var result: [String: String] = [:]
        var index = text.startIndex
        func skip(_ characters: Set<Character>) {
            while index < text.endIndex, characters.contains(text[index]) { index = text.index(after: index) }
        }
        while index < text.endIndex {
            skip([" ", "\t", ";"])
            let keyStart = index
            while index < text.endIndex, text[index] != "=", text[index] != ";" { index = text.index(after: index) }
            let key = text[keyStart..<index].trimmingCharacters(in: .whitespaces).lowercased()
            guard index < text.endIndex, text[index] == "=" else { continue }
            index = text.index(after: index)
            skip([" ", "\t"])
            var value = ""
            if index < text.endIndex, text[index] == "\"" {
                index = text.index(after: index)
                while index < text.endIndex, text[index] != "\"" {
                    if text[index] == "\\", text.index(after: index) < text.endIndex {
                        index = text.index(after: index)
                    }
                    value.append(text[index])
                    index = text.index(after: index)
                }
                if index < text.endIndex { index = text.index(after: index) }
            } else {
                let start = index
                while index < text.endIndex, text[index] != ";" { index = text.index(after: index) }
                value = text[start..<index].trimmingCharacters(in: .whitespaces)
            }
            if !key.isEmpty, result[key] == nil { result[key] = value }
        }
        return result
    }

    private static func isBoundaryCharacter(_ character: Character) -> Bool {
        guard character.isASCII else { return false }
        return character.isLetter || character.isNumber || "'()+_,-./:=? ".contains(character)
    }

    private static func starts(_ body: [UInt8], with prefix: [UInt8], at position: Int) -> Bool {
        guard position + prefix.count <= body.count else { return false }
        for offset in prefix.indices where body[position + offset] != prefix[offset] { return false }
        return true
    }

    /// Where `needle` first occurs in `bytes[from..<end]` (`end` defaults to the end).
    private static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int, before end: Int? = nil) -> Int? {
        let end = end ?? bytes.count
        guard let first = needle.first, end - from >= needle.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            var index = from
            let last = end - needle.count
            while index <= last {
                if buffer[index] == first {
                    var offset = 1
                    while offset < needle.count, buffer[index + offset] == needle[offset] { offset += 1 }
                    if offset == needle.count { return index }
                }
                index += 1
            }
            return nil
        }
    }
}
