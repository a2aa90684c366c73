/// The plan's templates: the board (a partial, for the stored plan and the preview alike), the plan
/// page with its downloads and diff form, "New plan" and the diff.
extension WebTemplates {
    static let planTemplates: [(String, String)] = [
        ("planboard", planBoard), ("plancompare", planCompare), ("plan", plan), ("plan-new", planNew),
        ("plan-diff", planDiff),
    ]

    static let planBoard = """
        {{#board}}
        <div class="board">
        {{#sprints}}
        <section class="sprint{{#improvement}} improvement{{/improvement}}" aria-label="{{name}}">
        <h2>{{name}}</h2>
        <p class="kind">{{kind}} sprint · <span class="nowrap">{{dates}}</span></p>
        <dl class="facts"><dt>Capacity</dt><dd>{{capacity}}</dd><dt>Used</dt><dd>{{used}}</dd><dt>Value</dt><dd>{{value}}</dd></dl>
        {{^items}}<p>No backlog items.</p>{{/items}}
        <ol class="items">
        {{#items}}<li><a href="/backlog/{{key}}">{{key}}</a> {{title}} <span class="help nowrap">{{effort}} pt · priority {{priority}}</span>{{#claimedBy}} <span class="held">claimed by {{claimedBy}}</span>{{/claimedBy}}{{#reason}}<br><span class="reason"><code>{{reason}}</code> {{reasonText}}</span>{{/reason}}</li>{{/items}}
        </ol>
        </section>
        {{/sprints}}
        </div>
        <section aria-labelledby="unplanned">
        <h2 id="unplanned">Not planned, and why</h2>
        {{^unplanned}}<p>Every ranked item fits the plan.</p>{{/unplanned}}
        <ul>{{#unplanned}}<li><a href="/backlog/{{key}}">{{key}}</a> <code>{{reason}}</code>: {{reasonText}}</li>{{/unplanned}}</ul>
        </section>
        <section aria-labelledby="warnings">
        <h2 id="warnings">Warnings</h2>
        {{^warnings}}<p>None.</p>{{/warnings}}
        <ul>{{#warnings}}<li>{{key}}: {{message}}</li>{{/warnings}}</ul>
        </section>
        {{/board}}
        """

    static let plan = """
        <h1>Plan <span class="sub">{{team}}{{#number}}, plan {{number}}{{/number}}</span></h1>
        <div class="toolbar">
        <form method="get" action="/plan" class="filters" aria-label="Choose the team">
        <div><label for="p-team">Team</label>
        <select id="p-team" name="team">{{#teams}}<option value="{{key}}"{{#selected}} selected{{/selected}}>{{key}}</option>{{/teams}}</select></div>
        <div><button type="submit">Show</button></div>
        </form>
        {{#canPlan}}
        <form method="get" action="/plan/new" class="filters" aria-label="New plan">
        <input type="hidden" name="team" value="{{team}}">
        <div><label for="p-sprints">Sprints</label>
        <input id="p-sprints" name="sprints" type="number" min="1" max="52" value="{{sprintCount}}" class="short"></div>
        <div><button type="submit">New plan…</button></div>
        </form>
        {{/canPlan}}
        </div>
        {{^number}}<p>No plan is stored for {{team}} yet{{^canPlan}}: a manager makes one here or with <code>firebreak plan</code>{{/canPlan}}.</p>{{/number}}
        {{#number}}
        <p class="help">Made as of {{asOf}}. Capacity and used are story points; value is the outage cost the items address.</p>
        <nav class="downloads" aria-label="Download plan {{number}}"><span>Download:</span>
        <ul>{{#downloads}}<li><a href="{{href}}" download>{{label}}</a></li>{{/downloads}}</ul>
        </nav>
        {{> planboard}}
        <section aria-labelledby="plans">
        <h2 id="plans">Stored plans</h2>
        <ol class="plans" reversed>{{#plans}}<li>{{#selected}}<strong>{{label}}</strong> (shown){{/selected}}{{^selected}}<a href="{{href}}">{{label}}</a>{{/selected}}</li>{{/plans}}</ol>
        {{> plancompare}}
        </section>
        {{/number}}
        """

    /// The form that picks two plans to compare, on the plan page and the diff page.
    static let planCompare = """
        <form method="get" action="/plan/diff" class="filters" aria-label="Compare two plans">
        <input type="hidden" name="team" value="{{team}}">
        <div><label for="d-from">Compare plan</label>
        <select id="d-from" name="from">{{#diffFrom}}<option value="{{number}}"{{#selected}} selected{{/selected}}>Plan {{number}}</option>{{/diffFrom}}</select></div>
        <div><label for="d-to">with plan</label>
        <select id="d-to" name="to">{{#diffTo}}<option value="{{number}}"{{#selected}} selected{{/selected}}>Plan {{number}}</option>{{/diffTo}}</select></div>
        <div><button type="submit">Compare</button></div>
        </form>
        """

    static let planNew = """
        <p><a href="/plan?team={{team}}">Back to the plan</a></p>
        <h1>New plan <span class="sub">{{team}}, preview</span></h1>
        <form method="get" action="/plan/new" class="filters" aria-label="Preview settings">
        <div><label for="n-team">Team</label>
        <select id="n-team" name="team">{{#teams}}<option value="{{key}}"{{#selected}} selected{{/selected}}>{{key}}</option>{{/teams}}</select></div>
        <div><label for="n-sprints">Sprints</label>
        <input id="n-sprints" name="sprints" value="{{sprintCount}}" inputmode="numeric" class="short"{{#sprintsError}} aria-invalid="true" aria-describedby="n-sprints-error"{{/sprintsError}}>
        {{#sprintsError}}<p id="n-sprints-error" class="field-error">{{sprintsError}}</p>{{/sprintsError}}</div>
        <div><button type="submit" class="secondary">Preview again</button></div>
        </form>
        {{#previewed}}
        <div class="confirm">
        <p>This is the plan Firebreak would store as of {{asOf}}. Nothing is stored until you confirm{{#latest}}; it becomes the plan after plan {{latest}}{{/latest}}.</p>
        <form method="post" action="/plan/new">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="team" value="{{team}}">
        <input type="hidden" name="sprints" value="{{sprintCount}}">
        <input type="hidden" name="asOf" value="{{asOfSeconds}}">
        <button type="submit">Store this plan</button>
        </form>
        </div>
        {{> planboard}}
        {{/previewed}}
        """

    static let planDiff = """
        <p><a href="/plan?team={{team}}&amp;plan={{to}}">Back to the plan</a></p>
        <h1>Plan {{from}} against plan {{to}} <span class="sub">{{team}}</span></h1>
        {{> plancompare}}
        {{#same}}<p>The two plans place the same items in the same sprints with the same figures.</p>{{/same}}
        {{^same}}
        <section aria-labelledby="entered"><h2 id="entered">Entered the plan</h2>
        {{^entered}}<p>None.</p>{{/entered}}
        <ul>{{#entered}}<li><a href="/backlog/{{key}}">{{key}}</a> into {{to}}{{#reason}}: <code>{{reason}}</code> {{reasonText}}{{/reason}}</li>{{/entered}}</ul>
        </section>
        <section aria-labelledby="left"><h2 id="left">Left the plan</h2>
        {{^left}}<p>None.</p>{{/left}}
        <ul>{{#left}}<li><a href="/backlog/{{key}}">{{key}}</a> was in {{from}}{{#reasonText}}: {{#reason}}<code>{{reason}}</code> {{/reason}}{{reasonText}}{{/reasonText}}</li>{{/left}}</ul>
        </section>
        <section aria-labelledby="moved"><h2 id="moved">Moved</h2>
        {{^moved}}<p>None.</p>{{/moved}}
        <ul>{{#moved}}<li><a href="/backlog/{{key}}">{{key}}</a> {{from}} → {{to}}{{#reason}}: <code>{{reason}}</code> {{reasonText}}{{/reason}}</li>{{/moved}}</ul>
        </section>
        <section aria-labelledby="changed"><h2 id="changed">Estimate or value changed</h2>
        {{^changed}}<p>None.</p>{{/changed}}
        {{#hasChanged}}
        <div class="scroll" role="region" aria-label="Changed items" tabindex="0">
        <table class="narrow"><thead><tr><th scope="col">Item</th><th scope="col">Effort</th><th scope="col">Value</th></tr></thead>
        <tbody>{{#changed}}<tr><td><a href="/backlog/{{key}}">{{key}}</a></td><td class="num">{{effort}}</td><td class="num">{{value}}</td></tr>{{/changed}}</tbody>
        </table></div>
        {{/hasChanged}}
        </section>
        {{/same}}
        <section aria-labelledby="sprint-figures"><h2 id="sprint-figures">Sprints</h2>
        <div class="scroll" role="region" aria-label="Sprint figures" tabindex="0">
        <table class="narrow"><thead><tr><th scope="col">Sprint</th><th scope="col">Capacity</th><th scope="col">Used</th><th scope="col">Value</th></tr></thead>
        <tbody>{{#sprints}}<tr><td>{{name}}</td><td class="num">{{capacity}}</td><td class="num">{{used}}</td><td class="num">{{value}}</td></tr>{{/sprints}}</tbody>
        </table></div>
        </section>
        """
}
