/// The team settings page's template.
extension WebTemplates {
    static let settings = """
        <h1>Team settings <span class="sub">{{team}}</span></h1>
        {{#notice}}<p class="saved" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="notice" role="alert">{{error}}</p>{{/error}}
        <form method="get" action="/settings" class="filters" aria-label="Choose the team">
        <div><label for="s-team">Team</label>
        <select id="s-team" name="team">{{#teams}}<option value="{{key}}"{{#selected}} selected{{/selected}}>{{key}}</option>{{/teams}}</select></div>
        <div><button type="submit">Show</button></div>
        </form>
        <form method="post" action="/settings" class="settings" novalidate>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="team" value="{{team}}">
        <input type="hidden" name="version" value="{{version}}">
        {{#groups}}
        <fieldset>
        <legend>{{legend}}</legend>
        {{#fields}}
        <div class="field">
        <label for="t-{{name}}">{{label}}</label>
        <input id="t-{{name}}" name="{{name}}" value="{{value}}" inputmode="{{inputMode}}" aria-describedby="t-{{name}}-help{{#error}} t-{{name}}-error{{/error}}"{{#error}} aria-invalid="true"{{/error}}>
        <span id="t-{{name}}-help" class="help">{{help}}</span>
        {{#error}}<p id="t-{{name}}-error" class="field-error">{{error}}</p>{{/error}}
        </div>
        {{/fields}}
        </fieldset>
        {{/groups}}
        <fieldset>
        <legend>Severity aliases</legend>
        <div class="field">
        <label for="t-severityAliases">The team's names for severities, one a line</label>
        <textarea id="t-severityAliases" name="severityAliases" rows="4" cols="30" spellcheck="false" aria-describedby="t-severityAliases-help{{#aliasesError}} t-severityAliases-error{{/aliasesError}}"{{#aliasesError}} aria-invalid="true"{{/aliasesError}}>{{aliases}}</textarea>
        <span id="t-severityAliases-help" class="help">NAME=SEVERITY, e.g. critical=SEV1 or blocker=P1; a report's "Severity: Critical" then reads as SEV1</span>
        {{#aliasesError}}<p id="t-severityAliases-error" class="field-error">{{aliasesError}}</p>{{/aliasesError}}
        </div>
        </fieldset>
        <div><button type="submit">Save settings</button></div>
        </form>
        <section aria-labelledby="engineers">
        <h2 id="engineers">Engineers</h2>
        {{^engineers}}<p>No engineers yet: add the first below.</p>{{/engineers}}
        {{#engineerError}}<p id="e-error" class="field-error" role="alert">{{engineerError}}</p>{{/engineerError}}
        <div class="scroll" role="region" aria-label="Table of engineers" tabindex="0">
        <table class="narrow stacked">
        <thead><tr><th scope="col">Handle</th><th scope="col">Name</th><th scope="col">Email</th>
        <th scope="col">Capacity (pt per sprint)</th><th scope="col">Time off</th>
        <th scope="col"><span class="visually-hidden">Deactivate</span></th></tr></thead>
        <tbody>{{#engineers}}<tr><td>{{handle}}</td><td data-label="Name">{{name}}</td>
        <td data-label="Email">{{email}}</td>
        <td data-label="Capacity"><form method="post" action="/settings/engineer" class="inline" novalidate>
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="team" value="{{team}}">
        <input type="hidden" name="handle" value="{{handle}}">
        <label for="c-{{handle}}" class="visually-hidden">Capacity of {{handle}}</label>
        <input id="c-{{handle}}" name="capacity" value="{{capacity}}" inputmode="decimal" class="short">
        <button type="submit" class="secondary" aria-label="Save the capacity of {{handle}}">Save</button></form></td>
        <td class="wrap" data-label="Time off">{{timeOff}}</td>
        <td><form method="post" action="/settings/engineer/deactivate">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="team" value="{{team}}">
        <input type="hidden" name="handle" value="{{handle}}">
        <button type="submit" class="secondary" aria-label="Deactivate {{handle}} (releases their claims)">Deactivate</button>
        </form></td></tr>{{/engineers}}</tbody>
        </table>
        </div>
        <h3 id="add-engineer">Add an engineer</h3>
        <form method="post" action="/settings/engineer/add" class="filters" aria-labelledby="add-engineer" novalidate>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="team" value="{{team}}">
        <div><label for="e-handle">Handle</label>
        <input id="e-handle" name="handle" value="{{newHandle}}" autocapitalize="none" spellcheck="false"></div>
        <div><label for="e-name">Name</label><input id="e-name" name="name" value="{{newName}}"></div>
        <div><label for="e-email">Email</label><input id="e-email" name="email" value="{{newEmail}}" type="email"></div>
        <div><label for="e-capacity">Capacity</label>
        <input id="e-capacity" name="capacity" value="{{newCapacity}}" placeholder="8" inputmode="decimal" class="short"></div>
        <div><button type="submit">Add engineer</button></div>
        </form>
        <h3 id="add-time-off">Add time off</h3>
        <form method="post" action="/settings/time-off" class="filters" aria-labelledby="add-time-off" novalidate>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="team" value="{{team}}">
        <div><label for="o-handle">Engineer</label>
        <select id="o-handle" name="handle">{{#handles}}<option value="{{key}}"{{#selected}} selected{{/selected}}>{{key}}</option>{{/handles}}</select></div>
        <div><label for="o-from">From</label>
        <input id="o-from" name="from" value="{{timeOffFrom}}" placeholder="YYYY-MM-DD" class="date"{{#timeOffError}} aria-invalid="true" aria-describedby="o-error"{{/timeOffError}}></div>
        <div><label for="o-to">To (included)</label>
        <input id="o-to" name="to" value="{{timeOffTo}}" placeholder="YYYY-MM-DD" class="date"{{#timeOffError}} aria-invalid="true" aria-describedby="o-error"{{/timeOffError}}></div>
        <div><button type="submit">Add time off</button></div>
        </form>
        {{#timeOffError}}<p id="o-error" class="field-error">{{timeOffError}}</p>{{/timeOffError}}
        </section>
        """
}
