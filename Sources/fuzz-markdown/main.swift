import FirebreakCore
import Foundation
import LibFuzzer

// libFuzzer target: Markdown outage reports (`scripts/fuzz markdown`). Any input may be refused
// with a `ReportError`; none may crash, hang or exhaust memory.

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
    LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in
        let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        _ = try? OutageReportParser().parse(text, file: "fuzz.md")
        return 0
    })
