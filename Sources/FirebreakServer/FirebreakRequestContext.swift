import FirebreakCore
public import FirebreakStore
import Foundation
import HTTPTypes
public import Hummingbird
import Logging
import NIOCore
import PostgresNIO

/// Each request's context: Hummingbird's core storage and who the bearer token speaks for.
public struct FirebreakRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``AuthMiddleware`` on `/v1` routes.
    public var principal: TokenStore.Principal?

    public init(source: Source) {
        coreContext = .init(source: source)
        principal = nil
    }

    /// Bodies are read with the configured limit by ``JSONBody``; this is Hummingbird's own
    /// ceiling for anything read otherwise.
    public var maxUploadSize: Int { 1 << 20 }
}
