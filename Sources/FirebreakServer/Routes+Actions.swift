import FirebreakCore
import FirebreakStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PostgresNIO

/// Actions, their links to incidents, their history, and claims.
extension RouteRegistry {
    /// The fields of an action a body may set. `estimate` and `due` may be null to clear them.
    struct ActionFields: Decodable, Sendable {
        var title: String?
        var team: String?
        var description: String?
        var kind: ActionKind?
        var category: String?
        var estimate: Double?
        var clearEstimate = false
        var due: CalendarDate?
        var clearDue = false
        var owner: String?
        var externalKey: String?
        var status: ActionStatus?
        var dependsOn: [String]?
        var noLongerDependsOn: [String]?

        static let keys: Set<String> = [
            "title", "team", "description", "kind", "category", "estimate", "due", "owner", "externalKey", "status",
            "dependsOn", "noLongerDependsOn",
        ]

        enum CodingKeys: String, CodingKey {
            case title, team, description, kind, category, estimate, due, owner, externalKey, status, dependsOn
            case noLongerDependsOn
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            title = try c.decodeIfPresent(String.self, forKey: .title)
            team = try c.decodeIfPresent(String.self, forKey: .team)
            description = try c.decodeIfPresent(String.self, forKey: .description)
            kind = try c.decodeIfPresent(ActionKind.self, forKey: .kind)
            category = try c.decodeIfPresent(String.self, forKey: .category)
            if c.contains(.estimate), try c.decodeNil(forKey: .estimate) {
                clearEstimate = true
            } else {
                estimate = try c.decodeIfPresent(Double.self, forKey: .estimate)
            }
            if c.contains(.due), try c.decodeNil(forKey: .due) {
                clearDue = true
            } else {
                due = try c.decodeIfPresent(CalendarDate.self, forKey: .due)
            }
            owner = try c.decodeIfPresent(String.self, forKey: .owner)
            externalKey = try c.decodeIfPresent(String.self, forKey: .externalKey)
            status = try c.decodeIfPresent(ActionStatus.self, forKey: .status)
            dependsOn = try c.decodeIfPresent([String].self, forKey: .dependsOn)
            noLongerDependsOn = try c.decodeIfPresent([String].self, forKey: .noLongerDependsOn)
        }

        var changes: ActionStore.Changes {
            var c = ActionStore.Changes()
            c.title = title
            c.description = description
            c.kind = kind
            c.category = category
            c.estimate = estimate
            c.clearEstimate = clearEstimate
            c.due = due
            c.clearDue = clearDue
            c.owner = owner
            c.externalKey = externalKey
            c.status = status
            c.dependsOn = dependsOn ?? []
            c.noLongerDependsOn = noLongerDependsOn ?? []
            return c
        }
    }

    struct LinkFields: Decodable, Sendable {
        var coverage: Double?
        static let keys: Set<String> = ["coverage"]
    }

    struct ClaimFields: Decodable, Sendable {
        var engineer: String?
        static let keys: Set<String> = ["engineer"]
    }

    /// What a claim, release or completion answers.
    struct ClaimView: Encodable, Sendable {
        var key: String
        var status: ActionStatus
        var claimedBy: String?

        enum CodingKeys: String, CodingKey { case key, status, claimedBy }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(key, forKey: .key)
            try c.encode(status, forKey: .status)
            try c.encode(claimedBy, forKey: .claimedBy)  // null, not absent: the JSON shape is stable
        }
    }

    mutating func addActions(_ backend: Backend) {
        let limit = backend.configuration.maxBodyBytes
        get("actions", role: .viewer) { request, _ in
            let team = try request.query("team")
            let statuses = try (request.query("status")?.split(separator: ",") ?? []).map { name in
                guard let status = ActionStatus(rawValue: String(name)) else {
                    throw Problem(
                        .invalid, status: .badRequest, detail: "status \(name) is not open, claimed, done or wontfix",
                        field: "status")
                }
                return status
            }
            return try Reply.json(
                try await backend.run { try await ActionStore(database: $0).list(team: team, statuses: statuses) })
        }
        post("actions", role: .manager) { request, context in
            let f = try await JSONBody.decode(
                ActionFields.self, from: request, limit: limit, allowed: ActionFields.keys)
            guard let title = f.title, let team = f.team else {
                throw Problem(
                    .invalid, status: .unprocessableContent, detail: "title and team are required",
                    field: f.title == nil ? "title" : "team")
            }
            let (changes, actor) = (f.changes, context.actor)
            let (item, version) = try await backend.run { db in
                let store = ActionStore(database: db)
                let key = try await store.add(title: title, team: team, changes: changes, actor: actor)
                return (try await store.get(key), try await RowVersion.action.current(key, in: db))
            }
            return try Reply.json(item, status: .created, version: version, location: "/v1/actions/\(item.key)")
        }
        get("actions/{key}", role: .viewer) { _, context in
            let key = try context.parameter("key")
            let (item, version) = try await backend.versioned(.action, key) {
                try await ActionStore(database: $0).get(key)
            }
            return try Reply.json(item, version: version)
        }
        patch("actions/{key}", role: .manager) { request, context in
            let key = try context.parameter("key")
            let expected = try ETag.required(request)
            let f = try await JSONBody.decode(
                ActionFields.self, from: request, limit: limit, allowed: ActionFields.keys)
            if f.team != nil {
                throw Problem(
                    .invalid, status: .unprocessableContent, detail: "an action's team cannot change", field: "team")
            }
            let (changes, actor) = (f.changes, context.actor)
            let (item, version) = try await backend.run { db in
                let store = ActionStore(database: db)
                let version = try await store.set(key, changes: changes, expectedVersion: expected, actor: actor)
                return (try await store.get(key), version)
            }
            return try Reply.json(item, version: version)
        }
        put("actions/{key}/incidents/{incident}", role: .manager) { request, context in
            let (key, incident) = (try context.parameter("key"), try context.parameter("incident"))
            let f = try await JSONBody.decode(LinkFields.self, from: request, limit: limit, allowed: LinkFields.keys)
            let actor = context.actor
            let item = try await backend.run { db in
                let store = ActionStore(database: db)
                try await store.link(key, to: incident, coverage: f.coverage ?? 1, actor: actor)
                return try await store.get(key)
            }
            return try Reply.json(item)
        }
        delete("actions/{key}/incidents/{incident}", role: .manager) { _, context in
            let (key, incident) = (try context.parameter("key"), try context.parameter("incident"))
            let actor = context.actor
            try await backend.run { try await ActionStore(database: $0).unlink(key, from: incident, actor: actor) }
            return Reply.noContent()
        }
        get("actions/{key}/history", role: .viewer) { _, context in
            let key = try context.parameter("key")
            let history = try await backend.run { db in
                _ = try await RowVersion.action.current(key, in: db)  // 404 for anything but an action
                return try await ClaimStore(database: db).history(key)
            }
            return try Reply.json(history)
        }
        addClaims(backend)
    }

    mutating func addClaims(_ backend: Backend) {
        let limit = backend.configuration.maxBodyBytes
        let claims = ClaimMetrics()
        post("actions/{key}/claim", role: .engineer) { request, context in
            let key = try context.parameter("key")
            let handle = try await Self.engineer(request, context: context, limit: limit)
            let actor = Self.claimant(handle, context: context)
            do {
                try await backend.run { try await ClaimStore(database: $0).claim(key, as: actor) }
            } catch {
                claims.record(error)
                throw error
            }
            claims.record(nil)
            return try Reply.json(ClaimView(key: key, status: .claimed, claimedBy: handle))
        }
        for (verb, status) in [("release", ActionStatus.open), ("done", .done)] {
            post("actions/{key}/\(verb)", role: .engineer) { request, context in
                let key = try context.parameter("key")
                // The body is read (and checked) for every role; a manager acts as a manager.
                let handle = try await Self.engineer(request, context: context, limit: limit, optional: true)
                let actor: ClaimStore.Actor =
                    context.principal?.role == .manager
                    ? .manager(context.actor) : .token(context.actor, of: handle ?? "")
                try await backend.run { db in
                    let store = ClaimStore(database: db)
                    if status == .done {
                        try await store.done(key, as: actor)
                    } else {
                        try await store.release(key, as: actor)
                    }
                }
                return try Reply.json(ClaimView(key: key, status: status, claimedBy: nil))
            }
        }
    }

    /// Who claims for `handle`, as the audit entry names them: the token, and, when a manager's token
    /// claims for an engineer other than its own, that engineer.
    static func claimant(_ handle: String, context: Context) -> ClaimStore.Actor {
        guard let principal = context.principal, principal.role == .manager, principal.engineer != handle else {
            return .token(context.actor, of: handle)
        }
        return .on(behalfOf: handle, by: context.actor)
    }

    /// The engineer a claim is for: an engineer token's own; a manager names one in the body
    /// (or uses the engineer its token is tied to).
    static func engineer(_ request: Request, context: Context, limit: Int) async throws -> String {
        // Non-nil: a manager without a named engineer is refused before this returns.
        try await engineer(request, context: context, limit: limit, optional: false)!
    }

    /// With `optional`, a manager need not name an engineer (nil then).
    static func engineer(_ request: Request, context: Context, limit: Int, optional: Bool) async throws -> String? {
        let principal = try context.require(.engineer)
        var named: String?
        if request.headers[.contentLength].flatMap(Int.init) ?? 0 > 0 || request.headers[.transferEncoding] != nil {
            named = try await JSONBody.decode(ClaimFields.self, from: request, limit: limit, allowed: ClaimFields.keys)
                .engineer
        }
        switch principal.role {
        case .manager:
            guard let handle = named ?? principal.engineer else {
                if optional { return nil }
                throw Problem(
                    .invalid, status: .unprocessableContent, detail: "name the engineer: {\"engineer\": \"HANDLE\"}",
                    field: "engineer")
            }
            return handle
        default:
            guard let own = principal.engineer else {
                throw Problem(.forbidden, status: .forbidden, detail: "this token is not tied to an engineer")
            }
            if let named, named != own {
                throw Problem(
                    .forbidden, status: .forbidden, detail: "an engineer token claims as \(own) only", field: "engineer"
                )
            }
            return own
        }
    }
}
