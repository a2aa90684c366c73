import FirebreakCore
import Foundation
import Testing

/// Facts that templates state outside field bullets, each shape written as people fill those
/// templates in: numbered headings, a quoted metadata block, an Impact table, an action table whose
/// text column is "Description", setext headings with plain `Date:` lines, and a metadata list with
/// a start and an end time.
@Suite("Report facts in template shapes")
struct ReportFactsShapeTests {
    struct Shape: Sendable, CustomStringConvertible {
        var description: String
        var text: String
        var title: String
        var started: String?
        var minutes: Int?
        var severity: Severity?
        var tickets: Int?
        var actions: [String]
        var done: [Bool]
        var detected: DetectionSource? = nil
    }

    static let shapes = [
        Shape(
            description: "numbered headings, a quoted metadata block, an Impact table, a Description column",
            text: """
                # Post-Mortem: Checkout API returned 500s after a config push

                > **Incident ID:** INC-2041
                > **Date:** 2025-03-04
                > **Duration:** 1 hour 25 minutes
                > **Severity:** P1 (Critical)
                > **Author:** Dana Reyes
                > **Status:** Final

                ## 1. Executive Summary

                A configuration push on 4 March 2025 removed the database pool size from the checkout API. Every checkout failed with a 500 for 85 minutes, until the previous configuration was restored.

                ## 2. Impact

                | Metric | Value |
                |--------|-------|
                | Duration | 1 hour 25 minutes |
                | Users Affected | about 12% of active users |
                | Support Tickets | 214 |
                | SLA Breach | Yes |

                ## 3. Timeline (UTC)

                | Time | Event |
                |------|-------|
                | 09:02 | Config change merged and pushed |
                | 09:06 | Error-rate alert fired; on-call paged |
                | 10:27 | Previous configuration restored; errors stop |

                ## 4. Root Cause

                The pool size key was renamed in the library, and the old key was silently ignored.

                ## 5. Action Items

                | ID | Description | Owner | Due | Status |
                |----|-------------|-------|-----|--------|
                | 1 | Validate config keys against the schema in CI | dana | 2025-03-20 | Done |
                | 2 | Alert when the checkout pool has no free connections for 1 minute | li | 2025-03-31 | Open |
                | 3 | Canary config pushes to 5% of pods before the rest | sam | 2025-04-15 | In progress |
                """,
            title: "Checkout API returned 500s after a config push", started: "2025-03-04T09:02:00Z", minutes: 85,
            severity: .sev1, tickets: 214,
            actions: [
                "Validate config keys against the schema in CI",
                "Alert when the checkout pool has no free connections for 1 minute",
                "Canary config pushes to 5% of pods before the rest",
            ],
            done: [true, false, false]),
        Shape(
            description: "setext headings, plain Date line, times-only timeline, Corrective Actions",
            text: """
                Search indexing stalled for a day
                =================================

                Date: 2024-11-18
                Incident lead: Priya

                Summary
                -------
                The search indexer stopped consuming events at 02:10 UTC on 18 November 2024 after its Kafka consumer group was rebalanced into a state with no assigned partitions. New listings did not appear in search for 19 hours. Customers reported missing listings through support (37 tickets).

                Timeline
                --------
                - 02:10 - Consumer group rebalance; lag starts growing
                - 09:40 - First customer ticket about missing listings
                - 21:05 - Indexer restarted; lag drains by 21:50

                Root Cause
                ----------
                A rebalance during a broker restart left the single consumer with no partitions, and nothing watched consumer lag.

                Corrective Actions
                ------------------
                - Alert on consumer lag above 10 minutes for the indexer group
                - Restart the indexer automatically when it holds no partitions for 5 minutes
                - Add a synthetic listing check that searches for a listing created a minute earlier

                Lessons Learned
                ---------------
                - Customer tickets were our only detector for 7 hours
                """,
            title: "Search indexing stalled for a day", started: "2024-11-18T02:10:00Z", minutes: nil, severity: nil,
            tickets: nil,
            actions: [
                "Alert on consumer lag above 10 minutes for the indexer group",
                "Restart the indexer automatically when it holds no partitions for 5 minutes",
                "Add a synthetic listing check that searches for a listing created a minute earlier",
            ],
            done: [false, false, false]),
        Shape(
            description: "a metadata list with start and end times, tickets in the Impact list",
            text: """
                # Payments webhook backlog

                ## Incident Metadata

                - Incident ID: PAY-88
                - Severity: SEV2
                - Start Time: 2025-06-10 14:05 UTC
                - End Time: 2025-06-10 16:35 UTC
                - Incident Commander: Omar

                ## Summary

                Webhook deliveries to merchants were delayed by up to two and a half hours because the delivery workers were starved by a retry storm from one merchant endpoint.

                ## Impact

                - Affected merchants: 1,900
                - Support tickets: 58

                ## Root Cause

                Retries had no per-endpoint limit, so one failing endpoint took every worker.

                ## Action Items

                - [x] omar / 2025-06-20 / Cap retries per endpoint at 5 per minute
                - [ ] li / 2025-07-01 / Alert on webhook delivery delay above 10 minutes
                - [ ] Move retries to a separate queue with its own workers
                """,
            title: "Payments webhook backlog", started: "2025-06-10T14:05:00Z", minutes: 150, severity: .sev2,
            tickets: 58,
            actions: [
                "omar / 2025-06-20 / Cap retries per endpoint at 5 per minute",
                "li / 2025-07-01 / Alert on webhook delivery delay above 10 minutes",
                "Move retries to a separate queue with its own workers",
            ],
            done: [true, false, false]),
        Shape(
            description: "Atlassian's template: 'Between 10:15 and 11:02 UTC on 11 February 2025', tickets in prose",
            text: """
                # Incident postmortem: Page edits failing in the editor

                ## Incident summary

                Between 10:15 and 11:02 UTC on 11 February 2025, 23% of users could not save page edits. The event was triggered by a schema migration at 10:12 UTC. A bug in the migration locked the edits table. The incident was detected by our HTTP 5xx alert and resolved by killing the migration.

                ## Impact

                For 47 minutes between 10:15 and 11:02 UTC on 11 February 2025, users saw "Could not save" when editing. 312 support tickets were raised.

                ## Detection

                The HTTP 5xx alert paged the on-call engineer at 10:18 UTC.

                ## Root cause

                The migration added a NOT NULL column with a default, which rewrote and locked the table.

                ## Corrective actions

                1. Run schema migrations through the online migration tool only
                2. Lint migrations for table rewrites in CI
                3. Alert on lock waits above 30 seconds on the edits table
                """,
            title: "Page edits failing in the editor", started: "2025-02-11T10:15:00Z", minutes: 47, severity: nil,
            tickets: 312,
            actions: [
                "Run schema migrations through the online migration tool only",
                "Lint migrations for table rewrites in CI",
                "Alert on lock waits above 30 seconds on the edits table",
            ],
            done: [false, false, false], detected: .alert),
        Shape(
            description: "bold lines without bullets, Reported at / Resolved at, a Follow-up table",
            text: """
                # INC-311: Elevated latency on the public API

                **Severity:** Major
                **Status:** Closed
                **Reported at:** 2025-09-02 16:40 UTC
                **Resolved at:** 2025-09-02 18:10 UTC
                **Duration:** 1h 30m

                ## Summary

                p99 latency on the public API rose above 4 seconds after a cache cluster failover.

                ## Follow-ups

                | Follow-up | Assignee | Status | Priority |
                | --- | --- | --- | --- |
                | Warm the cache before failing over | @nina | Completed | High |
                | Page when p99 latency is above 2s for 5 minutes | @raj | Outstanding | High |
                """,
            title: "Elevated latency on the public API", started: "2025-09-02T16:40:00Z", minutes: 90, severity: nil,
            tickets: nil,
            actions: ["Warm the cache before failing over", "Page when p99 latency is above 2s for 5 minutes"],
            done: [true, false]),
        Shape(
            description: "TOML front matter, a denied page, a pm time and a log in a code block",
            text: """
                +++
                layout = "post"
                title = "crates.io incident report"
                +++

                Nobody was paged: the monitoring did not catch it. A user reported it on Discord.

                ## Timeline

                2020-02-20, 03:26pm: first noticed that the index was stale.

                2020-02-20, 04:12pm: restarted the updater.

                ```
                2019-01-01 00:00:00 an old log line
                ```

                ## Action items
                - Alert on a stale index
                """,
            title: "crates.io incident report", started: "2020-02-20T15:26:00Z", minutes: nil, severity: nil,
            tickets: nil, actions: ["Alert on a stale index"], done: [false], detected: .customer),
        Shape(
            description: "a section's heading first, a short first line, downtime stated in a sentence",
            text: """
                ## Background:
                Chain halt of 20 September 2023

                Downtime for ~19 hours and 33 minutes.
                """,
            title: "Chain halt of 20 September 2023", started: "2023-09-20T00:00:00Z", minutes: 1173, severity: nil,
            tickets: nil,
            actions: [], done: []),
        Shape(
            description: "the date and the time as headings of their own",
            text: """
                ## Incident Report for Increase in Stability fees during the v8.1.0 Upgrade.
                ## Date: February 06, 2023
                ## Time: 15:30:00 UTC
                ## Details:

                The stability fee was changed by mistake.
                """,
            title: "Incident Report for Increase in Stability fees during the v8.1.0 Upgrade.",
            started: "2023-02-06T15:30:00Z", minutes: nil, severity: nil, tickets: nil, actions: [], done: []),
        Shape(
            description: "a weekday and an ordinal in the date field, an impact table laid out in columns",
            text: """
                # Chain Halt 20-09-2023 Postmortem

                ## Summary

                **Date of Incident:** Wednesday 20th September 2023, 14:32 UTC (Block [#13263217](https://example.com/13263217))

                ## Impact

                | Customers Impacted | Support Cases Raised | Incident Duration |
                | :---: | :---: | :---: |
                | US/Canada regions | 2 | ~24h40m |
                """,
            title: "Chain Halt 20-09-2023 Postmortem", started: "2023-09-20T14:32:00Z", minutes: 1480, severity: nil,
            tickets: 2, actions: [], done: []),
        Shape(
            description: "a timeline of day-first dates (13-01 shows the order), its first row a day without a time",
            text: """
                # 12-01-2026 - SaaS instances unavailable

                ## Timeline

                - **08-01-2026** – the webhook's certificate expired
                - **11-01-2026 10:00 UTC** – webhook failures began
                - **13-01-2026 10:40 UTC** – services restored
                """,
            title: "12-01-2026 - SaaS instances unavailable", started: "2026-01-11T10:00:00Z", minutes: nil,
            severity: nil, tickets: nil, actions: [], done: []),
        Shape(
            description: "a date field in words, a severity with its reason, a rule after the list",
            text: """
                # v22.0.1 patch upgrade
                - Date: 2025-Feb-07 14:05 JST
                - Severity: SEV-1 – full chain halt

                Engineers responded to alarms within minutes. The chain incurred 22 hours of downtime.

                ## Action Items
                * Subscribe to security alerts
                * Rehearse the upgrade on a testnet

                ***
                """,
            title: "v22.0.1 patch upgrade", started: "2025-02-07T05:05:00Z", minutes: 1320, severity: .sev1,
            tickets: nil, actions: ["Subscribe to security alerts", "Rehearse the upgrade on a testnet"],
            done: [false, false], detected: .alert),
        Shape(
            description: "a title that starts with its day under no H1, an escaped tilde in the duration",
            text: """
                ## 2025-07-30 Hex Outage

                Between approximately 21:27 UTC and 07:27 UTC hex.pm was down.

                Duration: \\~10 hours

                ### 再発防止策
                - 証明書の期限を毎日確認する
                """,
            title: "2025-07-30 Hex Outage", started: "2025-07-30T21:27:00Z", minutes: 600, severity: nil, tickets: nil,
            actions: ["証明書の期限を毎日確認する"], done: [false]),
        Shape(
            description: "a month's abbreviation in a Date section",
            text: "# Website outage\n\n## Date\nSat, Feb 7, 2025\n",
            title: "Website outage", started: "2025-02-07T00:00:00Z", minutes: nil, severity: nil, tickets: nil,
            actions: [], done: []),
        Shape(
            description: "a range of ISO instants in a sentence",
            text: """
                # Registry outage

                Between approximately 2025-07-30 21:27 UTC and 2025-07-31 07:27 UTC the registry was down.
                """,
            title: "Registry outage", started: "2025-07-30T21:27:00Z", minutes: 600, severity: nil, tickets: nil,
            actions: [], done: []),
        Shape(
            description: "timeline rows that name their own day after the time, and a later day in the prose",
            text: """
                # Dust storm

                ## Timeline (all times PDT)
                12:45 PM PDT Saturday Oct 30th: First wave of transactions begins
                3:10 PM PDT Saturday Oct 30th: Mempool full

                ## Resolution
                On November 4, 2021, version 1.2.11 was released.
                """,
            title: "Dust storm", started: "2021-10-30T19:45:00Z", minutes: nil, severity: nil, tickets: nil,
            actions: [], done: []),
        Shape(
            description: "month-first dates (01-13 shows the order) and a time on the line below its day",
            text: """
                # Mainnet stall

                ## Timeline (all times PST)
                01-10-2024

                7:32 PM - The chain stalled.

                01-13-2024

                9:00 AM - A fix was released.
                """,
            title: "Mainnet stall", started: "2024-01-11T03:32:00Z", minutes: nil, severity: nil, tickets: nil,
            actions: [], done: []),
        Shape(
            description: "numeric dates that read either way are not read",
            text: """
                # Outage of 08-01-2026

                ## Timeline
                - 11-01-2026 10:00 UTC – webhook failures began
                """,
            title: "Outage of 08-01-2026", started: nil, minutes: nil, severity: nil, tickets: nil, actions: [],
            done: []),
        Shape(
            description: "the report's fields as headings, each value on the line below (a wiki page's layout)",
            text: """
                # Checkout outage

                ## Description
                Customers could not pay for 40 minutes.

                ## Date
                2026-03-12 14:05 UTC

                ## Outage time
                00:40

                ## Severity
                - SEV2

                ## Number of support tickets raised
                37

                ## Affected functionality
                Checkout, payments

                ## Preventative measures and actions
                After the review we agreed on the following:
                - Validate config pushes against a schema before they deploy
                """,
            title: "Checkout outage", started: "2026-03-12T14:05:00Z", minutes: 40, severity: .sev2, tickets: 37,
            actions: ["Validate config pushes against a schema before they deploy"], done: [false]),
        Shape(
            description: "field headings numbered and with colons, a hedged count, a sentence under Severity",
            text: """
                # Login failures

                ### 1. Outage time:
                **1h 30m**

                ### 2. Number of support tickets raised
                about 120

                ### 3. Severity
                Bad, everyone noticed.

                ## Timeline
                - 2026-02-03 09:00 UTC: logins began to fail
                """,
            title: "Login failures", started: "2026-02-03T09:00:00Z", minutes: 90, severity: nil, tickets: 120,
            actions: [], done: []),
    ]

    @Test(arguments: shapes)
    func factsAndActionsAreRead(_ shape: Shape) throws {
        let report = try OutageReportParser().parse(shape.text, file: "report.md")
        #expect(report.title == shape.title)
        #expect(report.startedAt.map(ISO8601Format.string) == shape.started)
        if let minutes = shape.minutes { #expect(report.outageMinutes == minutes) }
        #expect(report.severity == shape.severity)
        #expect(report.tickets == shape.tickets)
        #expect(report.actions.map(\.title) == shape.actions)
        #expect(report.actions.map(\.completed) == shape.done)
        if let detected = shape.detected { #expect(report.detectedBy == detected) }
    }

    @Test(arguments: [
        ("P1 (Critical)", Severity.sev1), ("SEV-2 - Major", .sev2), ("Sev 3: minor", .sev3), ("P4", .sev4),
    ])
    func aLevelLeadingALongerValueIsRead(_ text: String, _ level: Severity) {
        #expect(Severity(leading: text) == level)
    }

    @Test(arguments: ["Critical", "P7 (worst)", "Priority one", ""])
    func noLevelIsInvented(_ text: String) {
        #expect(Severity(leading: text) == nil)
    }
}
