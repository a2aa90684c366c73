import FirebreakServer
import Foundation
import Testing

/// The web import's `multipart/form-data` reader: browsers' bodies, byte for byte, and what it refuses.
@Suite("multipart/form-data")
struct MultipartTests {
    typealias Part = Multipart.Part

    /// A body as a browser frames it: each part's headers, a blank line, its bytes, CRLF, the delimiter.
    static func body(_ boundary: String, _ parts: [(headers: [String], data: String)], close: Bool = true) -> [UInt8] {
        var text = ""
        for part in parts {
            text += "--\(boundary)\r\n" + part.headers.map { $0 + "\r\n" }.joined() + "\r\n" + part.data + "\r\n"
        }
        if close { text += "--\(boundary)--\r\n" }
        return Array(text.utf8)
    }

    static func file(_ name: String, _ filename: String, type: String = "text/markdown") -> [String] {
        ["Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"", "Content-Type: \(type)"]
    }

    static func field(_ name: String) -> [String] { ["Content-Disposition: form-data; name=\"\(name)\""] }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var body: [UInt8]
        var boundary = "XyZ"
        var limits = Multipart.Limits(parts: 10)
        /// The parts expected, or the failure's kind and a part of its reason.
        var parts: [Part]?
        var failure: (Multipart.Failure.Kind, String)?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "several files and fields, in order",
            body: body(
                "XyZ",
                [
                    (field("csrf"), "tok"), (file("files", "a.md"), "# A\n"),
                    (file("files", "b.csv", type: "text/csv"), "Summary,Issue key\nX,OPS-1\n"), (field("team"), "CORE"),
                ]),
            parts: [
                Part(name: "csrf", data: Array("tok".utf8)),
                Part(name: "files", filename: "a.md", contentType: "text/markdown", data: Array("# A\n".utf8)),
                Part(
                    name: "files", filename: "b.csv", contentType: "text/csv",
                    data: Array("Summary,Issue key\nX,OPS-1\n".utf8)),
                Part(name: "team", data: Array("CORE".utf8)),
            ]),
        Case(
            name: "CRLF inside a file, and text that starts like the delimiter, are content",
            body: body(
                "XyZ",
                [(file("files", "w.csv"), "a,b\r\nc,d\r\n--XyW is another boundary, --XyZ is not at a line start\r\n")]),
            parts: [
                Part(
                    name: "files", filename: "w.csv", contentType: "text/markdown",
                    data: Array("a,b\r\nc,d\r\n--XyW is another boundary, --XyZ is not at a line start\r\n".utf8))
            ]),
        Case(
            name: "a preamble, padding after a delimiter and an epilogue are ignored",
            body: Array("ignored preamble\r\n--XyZ  \r\n".utf8)
                + Array("Content-Disposition: form-data; name=a\r\n\r\n1".utf8)
                + Array("\r\n--XyZ--\r\nepilogue".utf8),
            parts: [Part(name: "a", data: Array("1".utf8))]),
        Case(
            name: "an empty file input, and a quoted name with an escaped quote",
            body: body(
                "XyZ",
                [
                    (file("files", ""), ""),
                    (["content-disposition: FORM-DATA; filename=\"say \\\"hi\\\".md\"; name=\"files\""], "x"),
                ]),
            parts: [
                Part(name: "files", filename: "", contentType: "text/markdown", data: []),
                Part(name: "files", filename: "say \"hi\".md", data: Array("x".utf8)),
            ]),
        Case(
            name: "no closing delimiter", body: body("XyZ", [(field("a"), "1")], close: false),
            failure: (.malformed, "ends before its closing boundary")),
        Case(
            name: "the boundary never appears", body: Array("just text".utf8),
            failure: (.malformed, "boundary never appears")),
        Case(
            name: "bare LF line breaks are not multipart framing",
            body: Array("--XyZ\nContent-Disposition: form-data; name=a\n\n1\n--XyZ--\n".utf8),
            failure: (.malformed, "not followed by a line break (CRLF)")),
        Case(
            name: "a part without Content-Disposition", body: body("XyZ", [(["Content-Type: text/plain"], "1")]),
            failure: (.malformed, "no Content-Disposition: form-data")),
        Case(
            name: "a part without a name",
            body: body("XyZ", [(["Content-Disposition: form-data; filename=a.md"], "1")]),
            failure: (.malformed, "has no name")),
        Case(
            name: "more parts than the limit", body: body("XyZ", (1...4).map { (field("f\($0)"), "x") }),
            limits: Multipart.Limits(parts: 3), failure: (.tooLarge, "more than 3 parts")),
        Case(
            name: "headers over the limit",
            body: body("XyZ", [(field("a") + ["X-Padding: " + String(repeating: "p", count: 300)], "1")]),
            limits: Multipart.Limits(parts: 3, headerBytes: 200), failure: (.tooLarge, "headers are over 200 bytes")),
    ]

    @Test(arguments: cases)
    func parsing(_ test: Case) throws {
        if let expected = test.parts {
            let parsed = try Multipart.parse(test.body, boundary: test.boundary, limits: test.limits)
            #expect(parsed.parts == expected)
        } else {
            let (kind, reason) = try #require(test.failure)
            #expect {
                _ = try Multipart.parse(test.body, boundary: test.boundary, limits: test.limits)
            } throws: { error in
                let failure = error as? Multipart.Failure
                return failure?.kind == kind && failure?.reason.contains(reason) == true
            }
        }
    }

    @Test func exactlyAtThePartLimitIsRead() throws {
        let parsed = try Multipart.parse(
            Self.body("XyZ", (1...3).map { (Self.field("f\($0)"), "x") }), boundary: "XyZ",
            limits: Multipart.Limits(parts: 3))
        #expect(parsed.parts.map(\.name) == ["f1", "f2", "f3"])
        #expect(parsed.field("f2") == "x" && parsed.files.isEmpty)
    }

    @Test(arguments: [
        ("multipart/form-data; boundary=----WebKitFormBoundaryAb12", "----WebKitFormBoundaryAb12"),
        ("Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a quoted:boundary\"", "a quoted:boundary"),
        ("multipart/form-data;boundary=x", "x"),
    ])
    func theBoundaryComesFromTheContentType(_ contentType: String, _ boundary: String) throws {
        #expect(try Multipart.boundary(contentType: contentType) == boundary)
    }

    @Test(arguments: [
        (nil, Multipart.Failure.Kind.mediaType, "got no Content-Type"),
        ("application/x-www-form-urlencoded", .mediaType, "got application/x-www-form-urlencoded"),
        ("multipart/form-data", .malformed, "names no boundary"),
        ("multipart/form-data; boundary=\"\"", .malformed, "names no boundary"),
        ("multipart/form-data; boundary=" + String(repeating: "b", count: 71), .malformed, "1 to 70"),
        ("multipart/form-data; boundary=\"ends in a space \"", .malformed, "1 to 70"),
    ])
    func aContentTypeWithoutAUsableBoundaryIsRefused(
        _ contentType: String?, _ kind: Multipart.Failure.Kind, _ reason: String
    ) {
        #expect {
            _ = try Multipart.boundary(contentType: contentType)
        } throws: { error in
            let failure = error as? Multipart.Failure
            return failure?.kind == kind && failure?.reason.contains(reason) == true
        }
    }

    /// Every byte value survives: a file is not text to the reader.
    @Test func binaryContentIsKeptByteForByte() throws {
        let bytes = (0...255).map(UInt8.init) + Array("\r\n--Xy\r\n".utf8)
        let body =
            Array("--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"b.bin\"\r\n\r\n".utf8) + bytes
            + Array("\r\n--XyZ--\r\n".utf8)
        let parsed = try Multipart.parse(body, boundary: "XyZ", limits: Multipart.Limits(parts: 1))
        #expect(parsed.parts.first?.data == bytes)
    }
}
