import FirebreakCore
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import NIOCore
import PostgresNIO

/// Claims by outcome, for `/metrics`: `won`, `conflict` (someone else holds it, or the WIP limit),
/// `not_found`, `error`.
struct ClaimMetrics: Sendable {
    let won = Counter(label: "firebreak_claims_total", dimensions: [("outcome", "won")])
    let conflict = Counter(label: "firebreak_claims_total", dimensions: [("outcome", "conflict")])
    let notFound = Counter(label: "firebreak_claims_total", dimensions: [("outcome", "not_found")])
    let failed = Counter(label: "firebreak_claims_total", dimensions: [("outcome", "error")])

    func record(_ error: (any Error)?) {
        switch (error as? StoreError)?.kind {
        case nil where error == nil: won.increment()
        case .conflict: conflict.increment()
        case .notFound: notFound.increment()
        default: failed.increment()
        }
    }
}
