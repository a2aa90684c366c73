/// The overview's template. The charts are SVG text that `HTMLReport` wrote, every text in it escaped
/// there; they are the only other unescaped output besides the layout's body.
extension WebTemplates {
    static let overview = """
        <h1>Overview <span class="sub">{{team}}</span></h1>
        <form method="get" action="/overview" class="filters" aria-label="Choose the team">
        <div><label for="o-team">Team</label>
        <select id="o-team" name="team">{{#teams}}<option value="{{key}}"{{#selected}} selected{{/selected}}>{{key}}</option>{{/teams}}</select></div>
        <div><button type="submit">Show</button></div>
        </form>
        <section aria-labelledby="trend">
        <h2 id="trend">Is the firebreak working?</h2>
        <p class="help">The incidents that started in each month{{#monthsShown}} ({{monthsShown}}){{/monthsShown}}; shaded months had an improvement sprint start.</p>
        <div class="charts">
        {{#trendCharts}}<div class="chart-box" role="region" aria-label="Chart: {{label}}" tabindex="0">{{{svg}}}</div>{{/trendCharts}}
        </div>
        </section>
        <section aria-labelledby="pareto">
        <h2 id="pareto">Outage cost by weakness category</h2>
        <div class="chart-box" role="region" aria-label="Chart: outage cost by weakness category" tabindex="0">{{{paretoChart}}}</div>
        </section>
        <section aria-labelledby="sprint">
        <h2 id="sprint">Current sprint</h2>
        {{#current}}
        <p><a href="{{planHref}}">{{name}}</a>, {{kind}} sprint, <span class="nowrap">{{dates}}</span></p>
        <dl class="facts figures">
        <dt>Backlog capacity</dt><dd>{{capacity}}</dd>
        <dt>Used by the plan</dt><dd>{{used}}</dd>
        <dt>Claimed</dt><dd>{{claimed}}</dd>
        <dt>Done</dt><dd>{{done}}</dd>
        <dt>Not started</dt><dd>{{rest}}</dd>
        </dl>
        {{/current}}
        {{^current}}<p>{{noCurrent}} <a href="/plan/new?team={{team}}">New plan</a></p>{{/current}}
        </section>
        <section aria-labelledby="gaps">
        <h2 id="gaps">Gaps to close <span class="sub">({{gapCount}})</span></h2>
        {{^gaps}}<p>None: every incident is complete and covered.</p>{{/gaps}}
        <ul class="gaps">
        {{#gaps}}<li><code>{{code}}</code> {{key}}: {{message}} <a href="{{href}}" aria-label="Fix {{key}}: {{code}}">Fix</a></li>{{/gaps}}
        </ul>
        </section>
        """
}
