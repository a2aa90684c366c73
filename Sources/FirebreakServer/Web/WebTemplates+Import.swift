/// The import's pages: the form that uploads files, the dry run (or an import that did not all go in)
/// with the confirm form that carries the files, and the summary after a confirmed import.
extension WebTemplates {
    static let importTemplates: [(String, String)] = [
        ("import", importForm), ("import-result", importResult), ("import-done", importDone),
    ]

    static let importForm = """
        <p><a href="/incidents?team={{team}}">Back to the incidents</a></p>
        <h1>Import outage reports and Jira exports</h1>
        <p class="lead">Choose Markdown outage reports (<code>.md</code>) and Jira CSV exports (<code>.csv</code>).
        Firebreak first shows what the import would create, update or leave as a draft, and writes nothing until
        you confirm.</p>
        <form method="post" action="/incidents/import" enctype="multipart/form-data" class="settings">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <div class="field">
        <label for="i-files">Files</label>
        <input id="i-files" name="files" type="file" multiple accept=".md,.csv,text/markdown,text/csv" aria-describedby="i-files-help{{#filesError}} i-files-error{{/filesError}}"{{#filesError}} aria-invalid="true"{{/filesError}}>
        <span id="i-files-help" class="help">Up to {{maxFiles}} files, {{limit}} together. A report updates the
        incident whose key it states, else the one imported before from a file of the same name, else the one
        with its title and start; else it is a new incident.</span>
        {{#filesError}}<p id="i-files-error" class="field-error">{{filesError}}</p>{{/filesError}}
        </div>
        <div class="field">
        <label for="i-team">Team</label>
        <select id="i-team" name="team" aria-describedby="i-team-help">{{#teams}}<option value="{{key}}"{{#selected}} selected{{/selected}}>{{key}}</option>{{/teams}}</select>
        <span id="i-team-help" class="help">Jira exports, and reports that name no team, go to this team.</span>
        </div>
        <div class="field">
        <label for="i-date">Jira date format (optional)</label>
        <input id="i-date" name="dateFormat" value="{{dateFormat}}" placeholder="dd/MM/yyyy HH:mm" aria-describedby="i-date-help{{#dateFormatError}} i-date-error{{/dateFormatError}}"{{#dateFormatError}} aria-invalid="true"{{/dateFormatError}}>
        <span id="i-date-help" class="help">Only for a Jira export made in a user's own date format, in Jira's letters.</span>
        {{#dateFormatError}}<p id="i-date-error" class="field-error">{{dateFormatError}}</p>{{/dateFormatError}}
        </div>
        <div><button type="submit">Preview the import</button></div>
        </form>
        """

    static let importResult = """
        <p><a href="/incidents/import?team={{team}}">Choose other files</a></p>
        <h1>{{heading}} <span class="sub">{{team}}</span></h1>
        <div class="confirm">
        {{#summary}}<p>{{.}}</p>{{/summary}}
        {{#leftOut}}<p>{{leftOut}}</p>{{/leftOut}}
        {{#canImport}}
        <form method="post" action="/incidents/import/confirm" enctype="multipart/form-data">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="team" value="{{team}}">
        <input type="hidden" name="dateFormat" value="{{dateFormat}}">
        {{#carried}}<input type="hidden" name="name" value="{{name}}"><input type="hidden" name="content" value="{{content}}">
        {{/carried}}
        <button type="submit">{{importLabel}}</button>
        </form>
        {{/canImport}}
        </div>
        <ul class="cards files">
        {{#files}}
        <li class="card">
        <h2 id="{{id}}" class="title">{{name}} <span class="kind">{{kind}}</span></h2>
        {{#error}}<p class="field-error">{{error}}</p>{{/error}}
        {{#report}}
        <dl class="facts">
        <dt>Incident</dt><dd>{{#linked}}<a href="/incidents/{{incident}}">{{incident}}</a>{{/linked}}{{^linked}}{{incident}}{{/linked}} {{what}}</dd>
        {{#missing}}<dt>Missing</dt><dd>{{missing}}</dd>{{/missing}}
        <dt>Actions</dt><dd>{{actions}}</dd>
        <dt>Links</dt><dd>{{links}}</dd>
        <dt>Matched</dt><dd>{{why}}</dd>
        </dl>
        {{/report}}
        {{#jira}}
        <dl class="facts">
        <dt>Actions</dt><dd>{{created}} created, {{updated}} updated</dd>
        <dt>Resolved in Jira</dt><dd>{{resolved}}</dd>
        <dt>Skipped</dt><dd>{{skipped}}</dd>
        </dl>
        {{/jira}}
        {{#hasWarnings}}
        <p class="warnings-label">Warnings</p>
        <ul class="warnings">{{#warnings}}<li>{{.}}</li>{{/warnings}}</ul>
        {{/hasWarnings}}
        </li>
        {{/files}}
        </ul>
        """

    static let importDone = """
        <p><a href="/incidents?team={{team}}">Back to the incidents</a></p>
        <h1>Imported <span class="sub">{{team}}</span></h1>
        <p class="saved" role="status">{{#summary}}{{.}} {{/summary}}</p>
        <dl class="facts">
        {{#hasCreated}}<dt>Created</dt><dd>{{#created}}<a href="/incidents/{{key}}">{{key}}</a>{{^last}}, {{/last}}{{/created}}</dd>{{/hasCreated}}
        {{#hasUpdated}}<dt>Updated</dt><dd>{{#updated}}<a href="/incidents/{{key}}">{{key}}</a>{{^last}}, {{/last}}{{/updated}}</dd>{{/hasUpdated}}
        {{#hasDrafts}}<dt>Drafts</dt><dd>{{#drafts}}<a href="/incidents/{{key}}">{{key}}</a>{{^last}}, {{/last}}{{/drafts}}: each page has a form for what is missing</dd>{{/hasDrafts}}
        </dl>
        <p><a href="/incidents/import?team={{team}}">Import more files</a></p>
        """
}
