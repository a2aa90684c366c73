import Mustache

/// The web app's Mustache templates, compiled into the binary. `{{name}}` escapes (`<`, `>`, `&`, `"`,
/// `'`), so user text is always text; the only unescaped output is `{{{body}}}` in the layout, which
/// is a page these same templates rendered.
enum WebTemplates {
    /// Every template, parsed once per process.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in all {
            // The templates are constants of this file: one that does not parse is a programming error.
            try! library.register(text, named: name)
        }
        return library
    }()

    static let all: [(String, String)] =
        [
            ("layout", layout), ("error", error), ("signin", signIn), ("signin-link", signInLink), ("work", work),
            ("backlog", backlog), ("action", action),
            ("incidents", incidents), ("incident", incident),
        ] + planTemplates + [("overview", overview), ("settings", settings)] + importTemplates

    static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · Firebreak</title>
        <link rel="stylesheet" href="/assets/app.css">
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
        <a class="brand" href="/">Firebreak</a>
        {{#signedIn}}
        <nav aria-label="Main">
        <ul>
        {{#nav}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>{{/nav}}
        </ul>
        </nav>
        <form class="signout" method="post" action="/signout">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <span class="who">{{who}} ({{role}})</span>
        <button type="submit" class="link">Sign out</button>
        </form>
        {{/signedIn}}
        </header>
        <main id="main">
        {{{body}}}
        </main>
        </body>
        </html>
        """

    static let error = """
        <h1>{{heading}}</h1>
        <p>{{detail}}</p>
        <p><a href="{{back}}">{{backLabel}}</a></p>
        """

    static let signIn = """
        <h1>Sign in</h1>
        {{#notice}}<p class="notice" role="alert">{{notice}}</p>{{/notice}}
        <form method="post" action="/signin" class="stack">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="next" value="{{next}}">
        <label for="token">API token</label>
        <input id="token" name="token" type="password" autocomplete="off" required aria-describedby="token-help">
        <p id="token-help" class="help">Paste a token from <code>firebreak token create</code>, or open the
        link that <code>firebreak token login NAME</code> prints.</p>
        <button type="submit">Sign in</button>
        </form>
        """

    static let signInLink = """
        <h1>Sign in with a link</h1>
        <p>This link signs you in once, within 10 minutes of being made.</p>
        <form method="post" action="/signin/link" class="stack">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="secret" value="{{secret}}">
        <button type="submit">Sign in</button>
        </form>
        """

    static let work = """
        <h1>My work</h1>
        {{#notice}}<p class="notice" role="alert">{{notice}}</p>{{/notice}}
        <p class="wip">{{engineer}} holds <strong>{{claimCount}}</strong> of a work-in-progress limit of
        <strong>{{wipLimit}}</strong> ({{team}}), with <strong>{{remaining}}</strong> of {{capacity}} points
        a sprint left.</p>
        <section aria-labelledby="mine">
        <h2 id="mine">My claims</h2>
        {{^claims}}<p>No claims. Pick the next item below.</p>{{/claims}}
        <ul class="cards">
        {{#claims}}
        <li class="card">
        <p><a href="/backlog/{{key}}">{{key}}</a> <span class="kind">{{kind}}</span>
        <span class="num">{{effort}} points</span></p>
        <p class="title">{{title}}</p>
        <div class="buttons">
        <form method="post" action="/work/release"><input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="key" value="{{key}}">
        <button type="submit" class="secondary" aria-label="Release {{key}}">Release</button></form>
        <form method="post" action="/work/done"><input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="key" value="{{key}}">
        <button type="submit" aria-label="Mark {{key}} done">Done</button></form>
        </div>
        </li>
        {{/claims}}
        </ul>
        </section>
        <section aria-labelledby="next">
        <h2 id="next">Pick next</h2>
        <p class="help">{{pickSource}}</p>
        {{#note}}<p>{{note}}</p>{{/note}}
        <ul class="cards">
        {{#picks}}
        <li class="card">
        <p><a href="/backlog/{{key}}">{{key}}</a> <span class="kind">{{kind}}</span>
        <span class="num">{{effort}} points, priority {{priority}}</span></p>
        <p class="title">{{title}}</p>
        <form method="post" action="/work/claim"><input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="key" value="{{key}}">
        <button type="submit" aria-label="Claim {{key}}">Claim</button></form>
        </li>
        {{/picks}}
        </ul>
        </section>
        """

    static let backlog = """
        <h1>Backlog <span class="sub">{{team}}</span></h1>
        <form method="get" action="/backlog" class="filters" aria-label="Filter the backlog">
        <div><label for="f-team">Team</label>
        <select id="f-team" name="team">{{#teams}}<option value="{{key}}"{{#selected}} selected{{/selected}}>{{key}}</option>{{/teams}}</select></div>
        <div><label for="f-kind">Kind</label>
        <select id="f-kind" name="kind">{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select></div>
        <div><label for="f-status">Status</label>
        <select id="f-status" name="status">{{#statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}</select></div>
        <div><label for="f-category">Category</label>
        <input id="f-category" name="category" value="{{category}}"></div>
        <div><label for="f-incident">Incident</label>
        <input id="f-incident" name="incident" value="{{incident}}" placeholder="INC-7"></div>
        <div><label for="f-sort">Sort by</label>
        <select id="f-sort" name="sort">{{#sorts}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/sorts}}</select></div>
        <div><button type="submit">Apply</button></div>
        </form>
        <p class="help">{{summary}}</p>
        <div class="scroll" role="region" aria-label="Ranked backlog" tabindex="0">
        <table>
        <thead><tr>
        {{#columns}}<th scope="col"{{#sorted}} aria-sort="{{sorted}}"{{/sorted}}><a href="{{href}}">{{label}}</a></th>{{/columns}}
        </tr></thead>
        <tbody>
        {{#rows}}
        <tr><td class="num">{{rank}}</td><td><a href="/backlog/{{key}}?team={{team}}">{{key}}</a></td><td class="wrap">{{title}}</td>
        <td>{{kind}}</td><td>{{status}}</td><td class="num">{{value}}</td><td class="num">{{effort}}</td>
        <td class="num">{{priority}}</td><td class="wrap">{{incidents}}</td><td>{{claimedBy}}</td></tr>
        {{/rows}}
        </tbody>
        </table>
        </div>
        <nav class="pages" aria-label="Pages">
        {{#previous}}<a href="{{previous}}" rel="prev">Previous</a>{{/previous}}
        <span>Page {{page}} of {{pages}}</span>
        {{#next}}<a href="{{next}}" rel="next">Next</a>{{/next}}
        </nav>
        """

    static let action = """
        <p><a href="/backlog?team={{team}}">Back to the backlog</a></p>
        <h1>{{key}}: {{title}}</h1>
        <dl class="facts">
        <dt>Status</dt><dd>{{status}}{{#claimedBy}}, claimed by {{claimedBy}}{{/claimedBy}}</dd>
        <dt>Kind</dt><dd>{{kind}}</dd>
        <dt>Rank</dt><dd>{{rank}}</dd>
        </dl>
        <section aria-labelledby="why">
        <h2 id="why">Why it ranks here</h2>
        <p class="help">{{formula}}</p>
        {{#hasExplanation}}
        <div class="scroll" role="region" aria-label="Score terms" tabindex="0">
        <table>
        <thead><tr><th scope="col">Incident</th><th scope="col">Minutes × severity</th>
        <th scope="col">Ticket weight × tickets</th><th scope="col">Detect</th><th scope="col">Age / half-life</th>
        <th scope="col">Cost</th><th scope="col">Coverage</th><th scope="col">Contribution</th></tr></thead>
        <tbody>
        {{#terms}}
        <tr><td>{{incident}}</td>{{#ignored}}<td colspan="7" class="wrap">ignored: {{ignored}}</td>{{/ignored}}
        {{#figures}}<td>{{minutes}} × {{severity}}</td><td>{{ticketWeight}} × {{tickets}}</td><td>× {{detect}}</td>
        <td>0.5^({{age}} d / {{halfLife}})</td><td class="num">{{undecayed}} × {{decay}} = {{cost}}</td>
        <td class="num">{{coverage}}</td><td class="num">{{contribution}}</td>{{/figures}}</tr>
        {{/terms}}
        </tbody>
        </table>
        </div>
        <p class="total">{{total}}</p>
        {{/hasExplanation}}
        {{^hasExplanation}}<p>{{key}} is {{status}}: only open and claimed items are ranked.</p>{{/hasExplanation}}
        </section>
        <section aria-labelledby="history">
        <h2 id="history">History</h2>
        {{^history}}<p>No history yet.</p>{{/history}}
        <ol class="history">
        {{#history}}<li><time datetime="{{at}}">{{at}}</time> {{actor}}{{#onBehalfOf}} for {{onBehalfOf}}{{/onBehalfOf}}: {{verb}} {{details}}</li>{{/history}}
        </ol>
        </section>
        """

    static let incidents = """
        <h1>Incidents <span class="sub">{{team}}</span></h1>
        <form method="get" action="/incidents" class="filters" aria-label="Choose the team">
        <div><label for="i-team">Team</label>
        <select id="i-team" name="team">{{#teams}}<option value="{{key}}"{{#selected}} selected{{/selected}}>{{key}}</option>{{/teams}}</select></div>
        <div><button type="submit">Show</button></div>
        </form>
        {{#canImport}}<p><a href="/incidents/import?team={{team}}">Import outage reports and Jira exports</a></p>{{/canImport}}
        {{^rows}}<p>No incidents yet: import outage reports with <code>firebreak import</code>.</p>{{/rows}}
        <div class="scroll" role="region" aria-label="Incidents" tabindex="0">
        <table>
        <thead><tr><th scope="col">Key</th><th scope="col">Title</th><th scope="col">Started</th>
        <th scope="col">Minutes</th><th scope="col">Severity</th><th scope="col">Detected by</th>
        <th scope="col">Tickets</th><th scope="col">Status</th><th scope="col">Actions</th></tr></thead>
        <tbody>
        {{#rows}}<tr><td><a href="/incidents/{{key}}">{{key}}</a></td><td class="wrap">{{title}}</td><td>{{started}}</td>
        <td class="num">{{minutes}}</td><td>{{severity}}</td><td>{{detectedBy}}</td><td class="num">{{tickets}}</td>
        <td>{{status}}</td><td class="num">{{actions}}</td></tr>{{/rows}}
        </tbody>
        </table>
        </div>
        """

    static let incident = """
        <p><a href="/incidents?team={{team}}">Back to the incidents</a></p>
        <h1>{{key}}: {{title}}</h1>
        <p>Status: {{status}}{{#missing}}. Still missing: {{missing}}{{/missing}}</p>
        {{#error}}<p class="notice" role="alert">{{error}}</p>{{/error}}
        {{#canFill}}
        <section aria-labelledby="fill" class="confirm fill">
        <h2 id="fill">Fill in what is missing</h2>
        <form method="post" action="/incidents/{{key}}" class="settings" novalidate>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="version" value="{{version}}">
        {{#fill}}
        <div class="field">
        <label for="f-{{name}}">{{label}}</label>
        {{#severity}}<select id="f-{{name}}" name="{{name}}"{{#error}} aria-invalid="true" aria-describedby="f-{{name}}-error"{{/error}}>{{#levels}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/levels}}</select>{{/severity}}
        {{^severity}}<input id="f-{{name}}" name="{{name}}" value="{{value}}" aria-describedby="f-{{name}}-help{{#error}} f-{{name}}-error{{/error}}"{{#error}} aria-invalid="true"{{/error}}>
        <span id="f-{{name}}-help" class="help">{{help}}</span>{{/severity}}
        {{#error}}<p id="f-{{name}}-error" class="field-error">{{error}}</p>{{/error}}
        </div>
        {{/fill}}
        <div><button type="submit">Save</button></div>
        </form>
        </section>
        {{/canFill}}
        <section aria-labelledby="report" class="report">
        <h2 id="report" class="visually-hidden">The report</h2>
        {{{reportHTML}}}
        </section>
        <section aria-labelledby="actions">
        <h2 id="actions">Linked actions and their coverage</h2>
        {{^actions}}<p>No actions: lint flags this incident.</p>{{/actions}}
        <div class="scroll" role="region" aria-label="Actions" tabindex="0">
        <table>
        <thead><tr><th scope="col">Action</th><th scope="col">Title</th><th scope="col">Kind</th>
        <th scope="col">Coverage</th><th scope="col">Estimate</th><th scope="col">Done</th></tr></thead>
        <tbody>
        {{#actions}}<tr><td>{{#key}}<a href="/backlog/{{key}}">{{key}}</a>{{/key}}</td><td class="wrap">{{title}}</td>
        <td>{{kind}}</td><td class="num">{{coverage}}</td><td class="num">{{estimate}}</td>
        <td>{{#completed}}yes{{/completed}}{{^completed}}no{{/completed}}</td></tr>{{/actions}}
        </tbody>
        </table>
        </div>
        </section>
        """
}
