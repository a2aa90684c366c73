import FirebreakCore
import FirebreakServer
import FirebreakStore
import FirebreakTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// Requests the database would refuse, answered in Firebreak's words: each is a problem with its
/// status, type and field, and its detail holds nothing of PostgreSQL's message or of a stored row.
@Suite("Problems in Firebreak's own words")
struct ProblemWordsTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        /// Requests made first, each expected to succeed (2xx).
        var setup: [(HTTPRequest.Method, String, String)] = []
        var method: HTTPRequest.Method
        var uri: String
        var body: String?
        var status: HTTPResponse.Status
        var type: String
        var field: String?
        /// Words the detail must hold.
        var detail: String
        var description: String { name }
    }

    static let longTitle = String(repeating: "t", count: 501)

    static let cases: [Case] = [
        Case(
            name: "a title of 501 characters", method: .post, uri: "/v1/actions",
            body: #"{"title": "\#(longTitle)", "team": "CORE"}"#, status: .unprocessableContent, type: "invalid",
            field: "title", detail: "title is longer than 500 characters"),
        Case(
            name: "a changed title of 501 characters", method: .patch, uri: "/v1/actions/ACT-1",
            body: #"{"title": "\#(longTitle)"}"#, status: .unprocessableContent, type: "invalid", field: "title",
            detail: "title is longer than 500 characters"),
        Case(
            name: "a WIP limit past Int32", method: .post, uri: "/v1/teams",
            body: #"{"key": "NEW", "name": "N", "wipLimit": 2147483648}"#, status: .unprocessableContent,
            type: "invalid", field: "wipLimit", detail: "WIP limit must be 1 to 2147483647"),
        Case(
            name: "a changed WIP limit past Int32", method: .patch, uri: "/v1/teams/CORE",
            body: #"{"wipLimit": 2147483648}"#, status: .unprocessableContent, type: "invalid", field: "wipLimit",
            detail: "WIP limit must be 1 to 2147483647"),
        Case(
            name: "an improvement cadence past Int32", method: .patch, uri: "/v1/teams/CORE",
            body: #"{"improvementEvery": 9999999999}"#, status: .unprocessableContent, type: "invalid",
            field: "improvementEvery", detail: "every must be 0 (off) to 2147483647"),
        Case(
            name: "budget days past Int32", method: .patch, uri: "/v1/teams/CORE",
            body: #"{"budgetCost": 10, "budgetDays": 2147483648}"#, status: .unprocessableContent,
            type: "invalid", field: "budgetDays", detail: "budget days must be 1 to 2147483647"),
        Case(
            name: "a team name of 201 characters", method: .post, uri: "/v1/teams",
            body: #"{"key": "NEW", "name": "\#(String(repeating: "n", count: 201))"}"#,
            status: .unprocessableContent, type: "invalid", field: "name", detail: "team name must be 1 to 200"),
        Case(
            name: "a team key taken", method: .post, uri: "/v1/teams", body: #"{"key": "CORE", "name": "again"}"#,
            status: .conflict, type: "conflict", field: "key", detail: "team CORE already exists"),
        Case(
            name: "a plan number past the document's nine digits", method: .get,
            uri: "/v1/teams/CORE/plans/9999999999", status: .badRequest, type: "invalid", field: "plan",
            detail: "plan must be a plan number from 1 to 999999999, or latest"),
        Case(
            name: "a plan to compare with past Int32", method: .get, uri: "/v1/teams/CORE/plans/1/diff/2147483648",
            status: .badRequest, type: "invalid", field: "other", detail: "other must be a plan number"),
        Case(
            name: "a Jira key already on another action",
            setup: [(.patch, "/v1/actions/ACT-3", #"{"externalKey": "OPS-12"}"#)], method: .post, uri: "/v1/actions",
            body: #"{"title": "x", "team": "CORE", "externalKey": "OPS-12"}"#, status: .conflict, type: "conflict",
            field: "externalKey", detail: "Jira key OPS-12 is already on ACT-3"),
        Case(
            name: "a changed Jira key already on another action",
            setup: [(.patch, "/v1/actions/ACT-3", #"{"externalKey": "OPS-12"}"#)], method: .patch,
            uri: "/v1/actions/ACT-1", body: #"{"externalKey": "OPS-12"}"#, status: .conflict, type: "conflict",
            field: "externalKey", detail: "Jira key OPS-12 is already on ACT-3"),
        Case(
            name: "a Jira key too long to index", method: .patch, uri: "/v1/actions/ACT-1",
            body: #"{"externalKey": "\#(String(repeating: "K", count: 3000))"}"#, status: .unprocessableContent,
            type: "invalid", field: "externalKey", detail: "Jira key is longer than 255 characters"),
        Case(
            name: "an engineer's name of 201 characters", method: .post, uri: "/v1/engineers",
            body: #"{"handle": "zed", "team": "CORE", "displayName": "\#(String(repeating: "z", count: 201))"}"#,
            status: .unprocessableContent, type: "invalid", field: "displayName",
            detail: "display name must be 1 to 200 characters"),
        Case(
            name: "an email with two @", method: .post, uri: "/v1/engineers",
            body: #"{"handle": "zed", "team": "CORE", "email": "z@x@y"}"#, status: .unprocessableContent,
            type: "invalid", field: "email", detail: "is not an email address"),
        Case(
            name: "a handle taken", method: .post, uri: "/v1/engineers", body: #"{"handle": "amara", "team": "CORE"}"#,
            status: .conflict, type: "conflict", field: "handle", detail: "engineer amara already exists"),
        Case(
            name: "an incident title of 501 characters", method: .patch, uri: "/v1/incidents/INC-1",
            body: #"{"title": "\#(longTitle)"}"#, status: .unprocessableContent, type: "invalid", field: "title",
            detail: "title is longer than 500 characters"),
        // The same two keys in one object: JSON decoders keep one of them without a word.
        Case(
            name: "a key given twice", method: .post, uri: "/v1/actions",
            body: #"{"title": "x", "team": "OPS", "team": "CORE"}"#, status: .unprocessableContent, type: "invalid",
            field: "team", detail: "team is given twice"),
        Case(
            name: "a key given twice, once escaped", method: .post, uri: "/v1/actions",
            body: #"{"title": "x", "team": "CORE", "t\u0065am": "CORE"}"#, status: .unprocessableContent,
            type: "invalid", field: "team", detail: "team is given twice"),
        Case(
            name: "an alias given twice in a nested object", method: .patch, uri: "/v1/teams/CORE",
            body: #"{"severityAliases": {"Critical": 1, "Minor": 4, "Critical": 2}}"#, status: .unprocessableContent,
            type: "invalid", field: "severityAliases.Critical", detail: "severityAliases.Critical is given twice"),
        Case(
            name: "a key given twice in a claim", method: .post, uri: "/v1/actions/ACT-1/claim",
            body: #"{"engineer": "amara", "engineer": "ben"}"#, status: .unprocessableContent, type: "invalid",
            field: "engineer", detail: "engineer is given twice"),
        Case(
            name: "a key given twice in a plan", method: .post, uri: "/v1/teams/CORE/plans",
            body: #"{"sprints": 2, "sprints": 3}"#, status: .unprocessableContent, type: "invalid", field: "sprints",
            detail: "sprints is given twice"),
    ]

    /// Words of PostgreSQL's messages and details that must never reach a caller.
    static let databaseWords = [
        "Failing row", "violates", "Key (", "SQLSTATE", "constraint", "relation", "out of range for type",
        "integer out of range", "duplicate key", "PSQLError", "already exists: (",
    ]

    @Test(arguments: cases)
    func answeredInOurWords(_ c: Case) async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            try await ServerFixture.withRouter(fresh.database) { client in
                for (method, uri, body) in c.setup {
                    let done = try await client.send(
                        method, uri, token: tokens.manager, json: body, headers: [.ifMatch: "*"])
                    #expect((200..<300).contains(done.status.code), "setup \(uri): \(done.text)")
                }
                let answer = try await client.send(
                    c.method, c.uri, token: tokens.manager, json: c.body, headers: [.ifMatch: "*"])
                #expect(answer.status == c.status, "\(answer.text)")
                #expect(answer.isProblem)
                #expect(answer.problemType == "urn:firebreak:problem:\(c.type)")
                #expect(answer.object["field"] as? String == c.field, "\(answer.text)")
                let detail = try #require(answer.object["detail"] as? String)
                #expect(detail.contains(c.detail), "\(detail)")
                for words in Self.databaseWords { #expect(!answer.text.contains(words), "\(answer.text)") }
                // No stored row: neither the seeded team's name nor a stored title is quoted.
                #expect(!detail.contains("Salon") && !detail.contains(String(repeating: "t", count: 40)))
            }
        }
    }

    /// The first of two keys used to win: the action was made in OPS. Now nothing is made.
    @Test func aKeyGivenTwiceChangesNothing() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let before = try await RouterTests.fingerprint(fresh.database)
            try await ServerFixture.withRouter(fresh.database) { client in
                let answer = try await client.send(
                    .post, "/v1/actions", token: tokens.manager,
                    json: #"{"title": "x", "team": "CORE", "team": "CORE"}"#)
                #expect(answer.status == .unprocessableContent)
            }
            #expect(try await RouterTests.fingerprint(fresh.database) == before)
        }
    }

    /// What the database would say about a value is said in our words by the store too, for a
    /// race the checks before the statement cannot see (two writers of one Jira key at once).
    @Test(arguments: [
        (
            "23505", "actions_external_key_key",
            StoreError.conflict("this Jira key is already on another action", field: "externalKey")
        ),
        ("23505", "api_tokens_name_key", StoreError.conflict("a token with this name already exists", field: "name")),
        ("23514", "actions_title_check", StoreError.invalid("title must be 1 to 500 characters", field: "title")),
        ("23514", "teams_wip_limit_check", StoreError.invalid("WIP limit must be at least 1", field: "wipLimit")),
        ("23514", "no_such_check", StoreError.invalid("a value is outside what Firebreak can store")),
        ("22003", "", StoreError.invalid("a number is out of the range Firebreak can store or compute with")),
        (
            "22021", "",
            StoreError.invalid(
                "text holds a NUL character or bytes that are not UTF-8, which cannot be stored")
        ),
        ("42703", "", StoreError(.internal, "the database could not do this (error 42703); the debug log says why")),
    ])
    func statesAndConstraintsHaveWords(state: String, constraint: String, expected: StoreError) {
        #expect(
            Database.translate(state: state, constraint: constraint.isEmpty ? nil : constraint, column: nil)
                == expected)
    }
}
