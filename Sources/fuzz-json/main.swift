import FirebreakServer
import Foundation
import LibFuzzer

// libFuzzer target: JSON request bodies (`scripts/fuzz json`). Each input is decoded as every
// request body the API takes, as the routes decode them; any may be refused with a 4xx problem,
// none may crash, hang, exhaust memory or be answered with a 5xx.

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
    LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in
        let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
        if let failure = RequestBodies.serverError(decoding: data) { fatalError(failure) }
        return 0
    })
