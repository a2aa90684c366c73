"""The web app in a real browser (Debian's chromium, driven by Playwright); scripts/web-test runs it.

Given a running `firebreak serve` over the demo data and tokens, it signs in, reads the backlog,
opens an explanation, claims, releases and marks done; races two engineers for one item in two
browser contexts; checks that a hostile title shows as text; runs axe-core on every page; checks that
no page scrolls sideways at 390 px and that the settings' table fits there; and, with
--screenshots DIR, writes each page at 1280 and 390 px. Exit status 0 when every check passed.
"""

import argparse
import json
import os
import subprocess
import sys
import urllib.request

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

PHONE = 390
# The pages whose tables fit a phone's width without scrolling inside their region.
FITS_ON_A_PHONE = {"settings"}
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def api(url, token, method, path, body=None):
    request = urllib.request.Request(
        url + path, method=method, data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"null")


def sign_in(page, url, token):
    page.goto(url + "/signin")
    page.get_by_label("API token").fill(token)
    page.get_by_role("button", name="Sign in").click()


def axe_check(axe, page, name):
    results = axe.run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    minor = [v["id"] for v in results.response["violations"] if v not in bad]
    check(not bad, f"axe on {name}: no serious or critical violation"
          + (f" (minor: {', '.join(minor)})" if minor else "")
          + "".join(f"\n     {v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in bad))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--tokens", required=True, help="JSON file: manager, amara, ben, viewer tokens")
    parser.add_argument("--firebreak", required=True, help="the firebreak binary, for token login")
    parser.add_argument("--screenshots", help="write screenshots of each page into this folder")
    args = parser.parse_args()
    url = args.url
    tokens = json.load(open(args.tokens))

    # A hostile title, made through the API as a manager would.
    hostile = api(url, tokens["manager"], "POST", "/v1/actions",
                  {"title": HOSTILE, "team": "CORE", "kind": "detect", "estimate": 1})["key"]

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        axe = Axe()
        dialogs = []

        def context(width=1280, height=900):
            c = browser.new_context(viewport={"width": width, "height": height})
            c.on("page", lambda pg: pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss())))
            return c

        # Sign in with a pasted token, read the backlog, open an explanation.
        amara_context = context()
        amara = amara_context.new_page()
        amara.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        sign_in(amara, url, tokens["amara"])
        check(amara.url.endswith("/work"), "an engineer lands on My work after signing in")
        expect(amara.get_by_role("heading", name="My work")).to_be_visible()
        amara.get_by_role("link", name="Backlog").click()
        rows = amara.locator("tbody tr")
        check(rows.count() >= 10, f"the backlog lists the ranked items ({rows.count()} rows)")
        first_key = rows.first.locator("td").nth(1).inner_text()
        rows.first.locator("td").nth(1).get_by_role("link").click()
        expect(amara.get_by_role("heading", name="Why it ranks here")).to_be_visible()
        check("= priority" in amara.locator("p.total").inner_text(), f"{first_key}'s explanation ends in its priority")
        check(amara.locator("table tbody tr").count() >= 1, f"{first_key}'s explanation has a term per incident")

        # Claim, release, claim again, done: each one click.
        amara.goto(url + "/work")
        pick = amara.locator("section[aria-labelledby=next] li.card").first
        key = pick.locator("a").first.inner_text()
        amara.get_by_role("button", name=f"Claim {key}").click()
        check(amara.url.endswith("/work"), "a claim redirects back to My work (303)")
        expect(amara.get_by_role("button", name=f"Release {key}")).to_be_visible()
        amara.get_by_role("button", name=f"Release {key}").click()
        expect(amara.get_by_role("button", name=f"Claim {key}")).to_be_visible()
        check(True, f"{key} claimed and released")
        amara.get_by_role("button", name=f"Claim {key}").click()
        amara.get_by_role("button", name=f"Mark {key} done").click()
        expect(amara.get_by_role("button", name=f"Release {key}")).to_have_count(0)
        status = api(url, tokens["viewer"], "GET", f"/v1/actions/{key}")["status"]
        check(status == "done", f"{key} is done ({status})")

        # Two engineers in two contexts race for one item: one wins, the other sees the holder.
        ben_context = context()
        ben = ben_context.new_page()
        ben.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        sign_in(ben, url, tokens["ben"])
        amara.goto(url + "/work")
        ben.goto(url + "/work")
        race = amara.locator("section[aria-labelledby=next] li.card").first.locator("a").first.inner_text()
        expect(ben.get_by_role("button", name=f"Claim {race}")).to_be_visible()
        amara.get_by_role("button", name=f"Claim {race}").click()
        ben.get_by_role("button", name=f"Claim {race}").click()
        notice = ben.get_by_role("alert").inner_text()
        check("claimed by amara" in notice, f"the engineer who lost {race} reads who holds it: {notice!r}")
        expect(ben.get_by_role("button", name=f"Claim {race}")).to_have_count(0)
        check(True, f"the pick list no longer offers {race}, which amara holds")

        # A hostile title is text: no dialog, no injected element, the characters shown as typed.
        viewer_context = context()
        viewer = viewer_context.new_page()
        viewer.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        sign_in(viewer, url, tokens["viewer"])
        viewer.goto(url + f"/backlog?team=CORE&sort=key&dir=desc")
        cell = viewer.locator("tbody tr", has_text=hostile).first.locator("td").nth(2)
        check(cell.inner_text() == HOSTILE, "a hostile title shows as text in the backlog")
        viewer.goto(url + f"/backlog/{hostile}")
        check(HOSTILE in viewer.get_by_role("heading", level=1).inner_text(), "and as text on its own page")
        check(viewer.locator("img").count() == 0 and viewer.locator("main script").count() == 0,
              "no element was injected")
        check(not dialogs, f"no script ran (dialogs: {dialogs})")

        # A one-use sign-in link.
        link = subprocess.run([args.firebreak, "token", "login", "viewer-web", "--url", url],
                              check=True, capture_output=True, text=True).stdout.strip()
        link_context = context()
        linked = link_context.new_page()
        linked.goto(link)
        linked.get_by_role("button", name="Sign in").click()
        check(linked.url.endswith("/backlog"), "a sign-in link signs in once")
        linked.get_by_role("button", name="Sign out").click()
        check("/signin" in linked.url, "signing out returns to the sign-in page")
        linked.goto(url + "/backlog")
        check("/signin" in linked.url, "a signed-out session is refused")
        fresh = context().new_page()
        fresh.goto(link)
        fresh.get_by_role("button", name="Sign in").click()
        check("used" in fresh.get_by_role("alert").inner_text(), "the link does not work twice")

        # A manager previews a new plan, then stores it; the board shows it and its downloads, and the diff
        # compares it with the demo's plan.
        manager_context = context()
        manager = manager_context.new_page()
        manager.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        sign_in(manager, url, tokens["manager"])
        check(manager.url.endswith("/overview"), f"a manager lands on the overview ({manager.url})")
        check(manager.locator("svg.chart").count() == 4, "the overview draws the three monthly charts and the Pareto")
        manager.goto(url + "/plan?team=CORE")
        before = len(api(url, tokens["viewer"], "GET", "/v1/teams/CORE/plans"))
        manager.get_by_role("button", name="New plan…").click()
        expect(manager.get_by_role("button", name="Store this plan")).to_be_visible()
        after_preview = len(api(url, tokens["viewer"], "GET", "/v1/teams/CORE/plans"))
        check(after_preview == before, f"the preview stores nothing ({before} plans, then {after_preview})")
        manager.get_by_role("button", name="Store this plan").click()
        stored = len(api(url, tokens["viewer"], "GET", "/v1/teams/CORE/plans"))
        check(stored == before + 1 and f"plan={stored}" in manager.url,
              f"confirming stores the plan and shows it ({manager.url})")
        with manager.expect_download() as download:
            manager.get_by_role("link", name="Markdown").click()
        check(download.value.suggested_filename == f"CORE-plan-{stored}.md",
              f"the plan downloads as Markdown ({download.value.suggested_filename})")
        manager.get_by_role("button", name="Compare").click()
        check(manager.get_by_role("heading", level=1).inner_text().startswith(f"Plan {stored - 1} against plan {stored}"),
              "the diff compares the plan with the one before it")

        # A manager imports a report: the dry run says what would be created and writes nothing, then
        # Import writes it and shows the summary. Axe runs on the dry run's page, which only a POST shows.
        fixtures = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures")
        report = os.path.join(fixtures, "postmortems", "jupyterhub-mybinder-2018-02-22-nginx-down.md")
        incidents_before = len(api(url, tokens["viewer"], "GET", "/v1/incidents?team=CORE"))
        manager.goto(url + "/incidents?team=CORE")
        manager.get_by_role("link", name="Import outage reports and Jira exports").click()
        manager.get_by_label("Team", exact=True).select_option("CORE")
        manager.get_by_label("Files").set_input_files(report)
        manager.get_by_role("button", name="Preview the import").click()
        expect(manager.get_by_role("heading", name="Import: what would happen")).to_be_visible()
        preview_text = manager.locator("main").inner_text()
        check("would be created" in preview_text and "Nothing has been written yet." in preview_text,
              "the import's dry run says what would be created")
        after_preview = len(api(url, tokens["viewer"], "GET", "/v1/incidents?team=CORE"))
        check(after_preview == incidents_before,
              f"the dry run writes nothing ({incidents_before} incidents, then {after_preview})")
        axe_check(axe, manager, "import-preview")
        manager.get_by_role("button", name="Import " + os.path.basename(report)).click()
        check("/incidents/import/done" in manager.url, f"confirming imports and redirects to the summary ({manager.url})")
        incidents_after = api(url, tokens["viewer"], "GET", "/v1/incidents?team=CORE")
        check(len(incidents_after) == incidents_before + 1, "the confirmed import created the incident")
        imported = manager.locator("dl.facts a").first.inner_text()
        check(any(i["key"] == imported and i["title"] == "2018-02-22 NGINX crash" for i in incidents_after),
              f"the summary links the incident it created ({imported})")
        import_done = manager.url[len(url):]

        def import_preview(page):
            """The dry run of a report, an export and a file with an error: a page only a POST shows."""
            page.goto(url + "/incidents/import?team=CORE")
            files = [(report, "text/markdown"), (os.path.join(fixtures, "jira", "jira-cloud-2026-export.csv"), "text/csv")]
            page.get_by_label("Files").set_input_files(
                [{"name": os.path.basename(path), "mimeType": kind, "buffer": open(path, "rb").read()}
                 for path, kind in files]
                + [{"name": "broken-report.md", "mimeType": "text/markdown",
                    "buffer": b"# Broken\n## Actions\n- [detcet] Alert on disk space\n"}])
            page.get_by_role("button", name="Preview the import").click()

        # Every page has no serious or critical accessibility violation. The item page is the best-ranked
        # item's now, so that it shows an explanation.
        viewer.goto(url + "/backlog?team=CORE")
        first_key = viewer.locator("tbody tr").first.locator("td").nth(1).inner_text()
        draft = next(i["key"] for i in api(url, tokens["viewer"], "GET", "/v1/incidents?team=CORE")
                     if i["status"] == "draft")
        manager.goto(url + f"/incidents/{draft}")
        check(manager.get_by_role("heading", name="Fill in what is missing").is_visible(),
              f"a manager is offered the form that fills in what {draft} lacks")
        pages = {
            "signin": (fresh, "/signin"),
            "signin-link": (fresh, "/signin/link?s=fbl_example"),
            "work": (ben, "/work"),
            "backlog": (viewer, "/backlog?team=CORE"),
            "action": (viewer, f"/backlog/{first_key}"),
            "overview": (manager, "/overview?team=CORE"),
            "plan": (viewer, "/plan?team=CORE"),
            "settings": (manager, "/settings?team=CORE"),
            "plan-new": (manager, "/plan/new?team=CORE"),
            "plan-diff": (viewer, "/plan/diff?team=CORE"),
            "incidents": (viewer, "/incidents?team=CORE"),
            "incident": (viewer, "/incidents/INC-7"),
            "incident-fill": (manager, f"/incidents/{draft}"),
            "import": (manager, "/incidents/import?team=CORE"),
            "import-done": (manager, import_done),
            "not-found": (viewer, "/no/such/page"),
            "forbidden": (viewer, "/work"),
        }
        for name, (page, path) in pages.items():
            page.goto(url + path)
            axe_check(axe, page, name)
        import_preview(manager)
        check("broken-report.md:3: unknown action kind" in manager.locator("main").inner_text(),
              "the dry run names a broken file and its line")
        axe_check(axe, manager, "import-preview with an error")

        # At a phone's width no page scrolls sideways. A wide table may scroll inside its own region (the
        # backlog's does), except on the pages in FITS_ON_A_PHONE, whose tables fit (the settings' engineers
        # stack into cards).
        for name, (page, path) in pages.items():
            page.set_viewport_size({"width": PHONE, "height": 900})
            page.goto(url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            check(width <= PHONE, f"{name} at {PHONE} px: the page does not scroll sideways (it is {width} px wide)")
            if name in FITS_ON_A_PHONE:
                wide = page.evaluate("""() => [...document.querySelectorAll('.scroll')]
                    .filter(e => e.scrollWidth > e.clientWidth)
                    .map(e => `${e.getAttribute('aria-label')} (${e.scrollWidth} px in ${e.clientWidth})`)""")
                check(not wide, f"{name} at {PHONE} px: every table fits"
                      + (f"; these scroll sideways: {', '.join(wide)}" if wide else ""))
        for page, _ in pages.values():
            page.set_viewport_size({"width": 1280, "height": 900})

        if args.screenshots:
            os.makedirs(args.screenshots, exist_ok=True)
            for width in (1280, 390):
                for name, (page, path) in pages.items():
                    page.set_viewport_size({"width": width, "height": 900})
                    page.goto(url + path)
                    page.screenshot(path=os.path.join(args.screenshots, f"{name}-{width}.png"), full_page=True)
                manager.set_viewport_size({"width": width, "height": 900})
                import_preview(manager)
                manager.screenshot(path=os.path.join(args.screenshots, f"import-preview-{width}.png"), full_page=True)
            print(f"screenshots written to {args.screenshots}")
        browser.close()

    print(f"{len(failures)} failed" if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
