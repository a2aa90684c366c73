import FirebreakCore
public import Foundation
import Logging
import PostgresNIO

/// Claims, releases and completions (DESIGN.md section 5).
///
/// A claim is decided by PostgreSQL in one conditional UPDATE: the item must be open and
/// the engineer under the team's WIP limit. Concurrent claims of one item are ordered by its
/// row lock, so exactly one wins; concurrent claims by one engineer are ordered by the
/// engineer's row lock, which the claim-counting trigger takes to raise the count only while
/// it is under the limit.
public struct ClaimStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// Who acts, as the audit entry records it, and with whose rights.
    public struct Actor: Sendable, Equatable {
        /// Who acted: an API token (`api:NAME`), the local CLI's user, or an engineer's handle.
        public var name: String
        /// The engineer whose rights apply (only their own claims may be ended); nil for a manager.
        public var engineer: String?
        /// The engineer acted for, when `name` is not that engineer's own: recorded with the entry.
        public var onBehalfOf: String?

        /// The engineer `handle` itself.
        public static func engineer(_ handle: String) -> Actor {
            Actor(name: handle, engineer: handle, onBehalfOf: nil)
        }

        /// A manager named `name`, who may end anyone's claim; the entry is on behalf of the claimant.
        public static func manager(_ name: String) -> Actor { Actor(name: name, engineer: nil, onBehalfOf: nil) }

        /// `name`, an identity of engineer `handle` (an engineer's API token), acting as them.
        public static func token(_ name: String, of handle: String) -> Actor {
            Actor(name: name, engineer: handle, onBehalfOf: nil)
        }

        /// `name` acting for engineer `handle` with the engineer's rights: a manager's token naming
        /// them, or the local CLI's user with `--as HANDLE`.
        public static func on(behalfOf handle: String, by name: String) -> Actor {
            Actor(name: name, engineer: handle, onBehalfOf: name == handle ? nil : handle)
        }
    }

    /// `handle` claims `key` itself; see ``claim(_:as:)``.
    public func claim(_ key: String, by handle: String) async throws {
        try await claim(key, as: .engineer(handle))
    }

    /// `actor` claims `key` for its engineer; a conflict names who holds it, or the claims that fill
    /// the WIP limit. The audit entry names `actor` and, when it acts for someone else, the engineer.
    ///
    /// One round trip: a prepared CALL of the `claim_action` procedure (migration 0007), whose
    /// UPDATE (its row lock orders claims of one item) and audit entry are committed before CALL
    /// answers. The WIP limit is kept by the `actions_count_claims` trigger (migration 0002),
    /// which raises `FB001` when the engineer is at it.
    public func claim(_ key: String, as actor: Actor) async throws {
        guard let handle = actor.engineer else {
            throw StoreError.invalid("name the engineer the claim is for", field: "engineer")
        }
        do {
            let statement = ClaimStatement(handle: handle, key: key, actor: actor.name, onBehalfOf: actor.onBehalfOf)
            if try await change(statement) { return }
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == Self.atWIPLimit {
            // Explained below, from what the tables hold now.
        }
        throw try await whyNot(key, handle: handle)
    }

    /// The SQLSTATE the claim-counting trigger raises for an engineer at the WIP limit.
    static let atWIPLimit = "FB001"

    /// Gives a claimed item back (open again). Only its claimant or a manager may.
    public func release(_ key: String, as actor: Actor) async throws {
        try await finish(key, as: actor, status: .open, verb: "release")
    }

    /// Marks an item done. Its claimant, or a manager, may; a manager may also complete an open item.
    public func done(_ key: String, as actor: Actor) async throws {
        try await finish(key, as: actor, status: .done, verb: "done")
    }

    /// Moves a claimed item to `status` in one statement, with its audit entry; an engineer may
    /// only move its own claims.
    func finish(_ key: String, as actor: Actor, status: ActionStatus, verb: String) async throws {
        let logger = database.logger
        let handle = actor.engineer
        let allowedFrom: [ActionStatus] = status == .done && handle == nil ? [.open, .claimed] : [.claimed]
        let changed = try await change(
            FinishStatement(
                status: status, key: key, allowedFrom: allowedFrom, handle: handle, actor: actor.name, verb: verb,
                onBehalfOf: actor.onBehalfOf))
        if changed { return }
        if let handle { _ = try await engineer(handle) }
        let current = try await Self.state(key, on: database.client, logger: logger)
        switch current.status {
        case .claimed:
            let deed = verb == "done" ? "mark it done" : "\(verb) it"
            throw StoreError.conflict(
                "\(key) is claimed by \(current.holder ?? "someone else"); only they or a manager may \(deed)")
        default: throw StoreError.conflict("\(key) is \(current.status.rawValue), not claimed")
        }
    }

    /// Runs a change procedure on a connection of its own (no transaction around it: the
    /// procedure commits); true when it changed the item. A statement's rows are not enough:
    /// PostgreSQL commits a lone statement at the Sync after its CommandComplete, and PostgresNIO
    /// hands the rows over before then, so a change could be answered and then rolled back.
    func change(_ statement: some ItemChange) async throws -> Bool {
        var changed = false
        for try await team in try await database.client.execute(statement, logger: database.logger) {
            changed = team != nil
        }
        return changed
    }

    struct Engineer {
        var id: Int
        var teamID: Int
        var handle: String
    }

    /// The engineer with `handle`; not found names it, and the `engineer` field that named it.
    func engineer(_ handle: String) async throws -> Engineer {
        let rows = try await database.client.query(
            "SELECT id, team_id FROM engineers WHERE handle = \(handle)", logger: database.logger)
        for try await (id, teamID) in rows.decode((Int, Int).self) {
            return Engineer(id: id, teamID: teamID, handle: handle)
        }
        throw StoreError.notFound("no engineer \(handle)", field: "engineer")
    }

    static func state(
        _ key: String, on runner: any QueryRunner, logger: Logger
    ) async throws -> (status: ActionStatus, holder: String?, teamID: Int) {
        let rows = try await runner.run(
            """
            SELECT a.status, e.handle, a.team_id FROM actions a LEFT JOIN engineers e ON e.id = a.claimed_by
            WHERE a.key = \(key)
            """, logger: logger)
        for try await (status, holder, teamID) in rows.decode((String, String?, Int).self) {
            return (try StoredCode.decode(status, column: "actions.status"), holder, teamID)
        }
        throw StoreError.notFound("no action \(key)")
    }

    /// Explains a claim that did not happen, from what the tables hold now.
    func whyNot(_ key: String, handle: String) async throws -> StoreError {
        let engineer = try await engineer(handle)
        let logger = database.logger
        let current = try await Self.state(key, on: database.client, logger: logger)
        if current.status == .claimed {
            return current.holder == engineer.handle
                ? .conflict("\(key) is already claimed by you (\(engineer.handle))")
                : .conflict("\(key) is already claimed by \(current.holder ?? "someone else")")
        }
        if current.status != .open {
            return .conflict("\(key) is \(current.status.rawValue); only open items can be claimed")
        }
        if current.teamID != engineer.teamID {
            return .invalid("\(key) belongs to another team than \(engineer.handle)")
        }
        let held = try await database.client.query(
            """
            SELECT a.key, t.wip_limit FROM actions a JOIN teams t ON t.id = \(engineer.teamID)
            WHERE a.claimed_by = \(engineer.id) ORDER BY a.key
            """, logger: logger)
        var keys: [String] = []
        var limit = 0
        for try await (k, wip) in held.decode((String, Int).self) {
            keys.append(k)
            limit = wip
        }
        return .conflict(
            "\(engineer.handle) already holds \(keys.count) claimed items, the team's WIP limit of \(limit): \(keys.joined(separator: ", "))"
        )
    }

    /// One audit entry.
    public struct HistoryEntry: Sendable, Codable, Equatable {
        public var at: Date
        /// Who acted: `api:NAME` for an API token, the CLI's user, or an engineer's handle.
        public var actor: String
        /// The engineer `actor` acted for, when it was someone else (a manager's claim for them).
        public var onBehalfOf: String?
        public var verb: String
        /// The stored details as JSON text (`""` when there are none).
        public var details: String

        /// The details as a person reads them: `estimate 5 → 13; title "A" → "B"`.
        public var summary: String { AuditDetails.text(details) }
    }

    /// Everything that happened to `subject`, oldest first.
    public func history(_ subject: String) async throws -> [HistoryEntry] {
        let rows = try await database.client.query(
            """
            SELECT at, actor, on_behalf_of, verb, details::text FROM audit_entries WHERE subject = \(subject)
            ORDER BY at, id
            """, logger: database.logger)
        var result: [HistoryEntry] = []
        for try await (at, actor, onBehalfOf, verb, details) in rows.decode(
            (Date, String, String?, String, String).self)
        {
            result.append(
                HistoryEntry(
                    at: at, actor: actor, onBehalfOf: onBehalfOf, verb: verb, details: details == "{}" ? "" : details))
        }
        if result.isEmpty { _ = try await ActionStore(database: database).get(subject) }
        return result
    }
}

/// A prepared CALL of a procedure that changes an item, commits, and answers the item's team (NULL
/// when it changed nothing).
protocol ItemChange: PostgresPreparedStatement where Row == Int? {}

extension ItemChange {
    func decodeRow(_ row: PostgresRow) throws -> Int? { try row.decode(Int?.self) }
}

/// The claim (`claim_action`, migration 0007): `actor` claims `key` for `handle`.
struct ClaimStatement: ItemChange {
    static let sql = "CALL claim_action($1, $2, $3, $4, NULL)"
    static let bindingDataTypes: [PostgresDataType] = [.text, .text, .text, .text]

    var handle: String
    var key: String
    var actor: String
    var onBehalfOf: String?

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 4)
        bindings.append(handle)
        bindings.append(key)
        bindings.append(actor)
        bindings.append(onBehalfOf)
        return bindings
    }
}

/// A release or a completion (`finish_action`, migration 0007): only from `allowedFrom`, and
/// only the engineer's own claim when `handle` is set.
struct FinishStatement: ItemChange {
    static let sql = "CALL finish_action($1, $2, $3, $4, $5, $6, $7, NULL)"
    static let bindingDataTypes: [PostgresDataType] = [.text, .text, .textArray, .text, .text, .text, .text]

    var status: ActionStatus
    var key: String
    var allowedFrom: [ActionStatus]
    var handle: String?
    var actor: String
    var verb: String
    var onBehalfOf: String?

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 7)
        bindings.append(status.rawValue)
        bindings.append(key)
        bindings.append(allowedFrom.map(\.rawValue))
        bindings.append(handle)
        bindings.append(actor)
        bindings.append(verb)
        bindings.append(onBehalfOf)
        return bindings
    }
}
