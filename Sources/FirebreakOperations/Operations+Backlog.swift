public import FirebreakCore
public import Foundation

extension Operations {
    /// The whole ranked backlog (every open and claimed item).
    public func backlog(team: String, asOf: Date, limit: Int?) async throws -> [RankedItem] {
        try await backlog(team: team, asOf: asOf, limit: limit, filter: .all)
    }
}
