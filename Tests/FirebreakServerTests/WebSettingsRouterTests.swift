import FirebreakCore
import FirebreakServer
import FirebreakStore
import FirebreakTesting
import Foundation
import HTTPTypes
import Hummingbird
import PostgresNIO
import Testing

/// Team settings in the web app: shown, changed through the API's store call with the team's own
/// validation (its message next to the field), time off added; managers only; CSRF checked.
@Suite("The web app's team settings, in-process")
struct WebSettingsRouterTests {
    @Test func settingsAreShownChangedAndRefusedNextToTheirField() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let manager = try await WebRouterTests.session(tokens.of(.manager), fresh.database)
            let viewer = try await WebRouterTests.session(tokens.viewer, fresh.database)
            let amara = try await WebRouterTests.session(tokens.amara, fresh.database)
            let store = TeamStore(database: fresh.database)
            let before = try await store.get("CORE")
            try await ServerFixture.withRouter(fresh.database) { client in
                let page = try await WebRouterTests.send(client, .get, "/settings?team=CORE", as: manager)
                #expect(page.status == .ok && page.isHTML)
                #expect(page.text.contains("name=\"wipLimit\" value=\"\(before.wipLimit)\""))
                #expect(page.text.contains("<td>amara</td>"))
                for (who, web) in [("viewer", viewer), ("engineer", amara)] {
                    let refused = try await WebRouterTests.send(client, .get, "/settings?team=CORE", as: web)
                    #expect(refused.status == .forbidden && refused.isHTML, "\(who)")
                }
                let bad = try await WebRouterTests.send(
                    client, .post, "/settings", as: manager,
                    form: manager.form(["team": "CORE", "wipLimit": "0", "backlogShare": "15"]))
                #expect(bad.status == .unprocessableContent && bad.isHTML)
                // The team's own words (Team.validationProblem), next to the field, the typed value kept.
                let words = try #require(
                    { () -> String? in
                        var t = before; t.wipLimit = 0; return t.validationProblem()?.message
                    }())
                #expect(bad.text.contains("<p id=\"t-wipLimit-error\" class=\"field-error\">\(words)</p>"))
                #expect(bad.text.contains("name=\"wipLimit\" value=\"0\"") && bad.text.contains("aria-invalid"))
                let notNumber = try await WebRouterTests.send(
                    client, .post, "/settings", as: manager, form: manager.form(["team": "CORE", "ticketWeight": "x"]))
                #expect(notNumber.status == .unprocessableContent)
                #expect(notNumber.text.contains("id=\"t-ticketWeight-error\""))
                #expect(try await store.get("CORE") == before, "a refused form changes nothing")
                let forged = try await WebRouterTests.send(
                    client, .post, "/settings", as: manager,
                    form: manager.form(["team": "CORE", "wipLimit": "3"], csrf: amara.csrf))
                #expect(forged.status == .forbidden)
                #expect(try await store.get("CORE") == before, "without the CSRF token, nothing")
                let saved = try await WebRouterTests.send(
                    client, .post, "/settings", as: manager,
                    form: manager.form(["team": "CORE", "wipLimit": "3", "backlogShare": "15"]))
                #expect(saved.status == .seeOther && saved.headers[.location] == "/settings?team=CORE&saved=settings")
                let after = try await store.get("CORE")
                #expect(after.wipLimit == 3 && after.cadence.backlogShare == 15)
                #expect(after.weights == before.weights)

                let badAlias = try await WebRouterTests.send(
                    client, .post, "/settings", as: manager,
                    form: manager.form(["team": "CORE", "severityAliases": "Critical=SEV1\nBlocker=high"]))
                #expect(badAlias.status == .unprocessableContent)
                #expect(
                    badAlias.text.contains(
                        "id=\"t-severityAliases-error\" class=\"field-error\">line 2: &quot;Blocker=high&quot;: "))
                #expect(try await store.get("CORE") == after, "a refused alias changes nothing")
                let aliased = try await WebRouterTests.send(
                    client, .post, "/settings", as: manager,
                    form: manager.form([
                        "team": "CORE", "severityAliases": "Critical=SEV1\r\n\r\n Blocker = P1\r\nold=\r\n",
                    ]))
                #expect(aliased.status == .seeOther)
                #expect(try await store.get("CORE").severityAliases == ["critical": .sev1, "blocker": .sev1])
                let listed = try await WebRouterTests.send(client, .get, "/settings?team=CORE", as: manager)
                #expect(listed.text.contains(">blocker=SEV1\ncritical=SEV1</textarea>"))

                let timeOff = try await WebRouterTests.send(
                    client, .post, "/settings/time-off", as: manager,
                    form: manager.form(["team": "CORE", "handle": "amara", "from": "2027-03-01", "to": "2027-03-05"]))
                #expect(timeOff.status == .seeOther)
                let days = try await store.timeOff(team: "CORE").filter { $0.handle == "amara" }
                #expect(days.contains { "\($0.from)" == "2027-03-01" && "\($0.to)" == "2027-03-05" })
                let shown = try await WebRouterTests.send(client, .get, timeOff.headers[.location]!, as: manager)
                #expect(shown.text.contains("2027-03-01 to 2027-03-05"))
                let backwards = try await WebRouterTests.send(
                    client, .post, "/settings/time-off", as: manager,
                    form: manager.form(["team": "CORE", "handle": "amara", "from": "2027-03-05", "to": "nope"]))
                #expect(backwards.status == .unprocessableContent && backwards.text.contains("id=\"o-error\""))
            }
        }
    }

    /// Engineers from the settings page: added, their capacity changed, deactivated with their
    /// claims released; each refusal in the store's words under the table, nothing changed.
    @Test func engineersAreAddedChangedAndDeactivated() async throws {
        try await ServerFixture.withSeeded { fresh, tokens in
            let manager = try await WebRouterTests.session(tokens.of(.manager), fresh.database)
            let store = TeamStore(database: fresh.database)
            let before = try await store.engineers(team: "CORE")
            try await ServerFixture.withRouter(fresh.database) { client in
                let page = try await WebRouterTests.send(client, .get, "/settings?team=CORE", as: manager)
                #expect(
                    page.text.contains("<label for=\"c-amara\" class=\"visually-hidden\">Capacity of amara</label>"))

                let badHandle = try await WebRouterTests.send(
                    client, .post, "/settings/engineer/add", as: manager,
                    form: manager.form(["team": "CORE", "handle": "Eli Smith", "name": "Eli", "capacity": "6"]))
                #expect(badHandle.status == .unprocessableContent && badHandle.isHTML)
                #expect(badHandle.text.contains("id=\"e-error\"") && badHandle.text.contains("lower-case letters"))
                #expect(badHandle.text.contains("name=\"handle\" value=\"Eli Smith\""), "the typed handle is kept")
                let notNumber = try await WebRouterTests.send(
                    client, .post, "/settings/engineer/add", as: manager,
                    form: manager.form(["team": "CORE", "handle": "eli", "name": "Eli", "capacity": "lots"]))
                #expect(notNumber.status == .unprocessableContent && notNumber.text.contains("is not a number"))
                #expect(try await store.engineers(team: "CORE") == before, "a refused form adds no one")

                let added = try await WebRouterTests.send(
                    client, .post, "/settings/engineer/add", as: manager,
                    form: manager.form(["team": "CORE", "handle": "eli", "name": "Eli", "email": "", "capacity": "6"]))
                #expect(added.status == .seeOther && added.headers[.location] == "/settings?team=CORE&saved=engineer")
                let eli = try #require(try await store.engineers(team: "CORE").first { $0.handle == "eli" })
                #expect(eli.capacity == 6 && eli.displayName == "Eli" && eli.email == nil)
                let again = try await WebRouterTests.send(
                    client, .post, "/settings/engineer/add", as: manager,
                    form: manager.form(["team": "CORE", "handle": "eli", "capacity": "6"]))
                #expect(again.status == .conflict && again.text.contains("already exists in CORE"))

                let outOfRange = try await WebRouterTests.send(
                    client, .post, "/settings/engineer", as: manager,
                    form: manager.form(["team": "CORE", "handle": "eli", "capacity": "5000"]))
                #expect(outOfRange.status == .unprocessableContent && outOfRange.text.contains("from 0 to 1000"))
                #expect(outOfRange.text.contains("id=\"c-eli\" name=\"capacity\" value=\"5000\""))
                let changed = try await WebRouterTests.send(
                    client, .post, "/settings/engineer", as: manager,
                    form: manager.form(["team": "CORE", "handle": "eli", "capacity": "4.5"]))
                #expect(changed.status == .seeOther)
                #expect(try await store.engineers(team: "CORE").first { $0.handle == "eli" }?.capacity == 4.5)

                let key = try await WebRouterTests.firstOpenKey(fresh.database)
                try await ClaimStore(database: fresh.database).claim(key, by: "amara")
                let deactivated = try await WebRouterTests.send(
                    client, .post, "/settings/engineer/deactivate", as: manager,
                    form: manager.form(["team": "CORE", "handle": "amara"]))
                #expect(deactivated.status == .seeOther)
                #expect(try await store.deactivatedHandles(team: "CORE").contains("amara"))
                let item = try await ActionStore(database: fresh.database).get(key)
                #expect(item.claimedBy == nil && item.status == .open, "deactivating released amara's claim")
                let shown = try await WebRouterTests.send(client, .get, deactivated.headers[.location]!, as: manager)
                #expect(shown.text.contains("their claims were released"))
                #expect(!shown.text.contains("<td>amara</td>"), "a deactivated engineer leaves the table")
            }
        }
    }
}
