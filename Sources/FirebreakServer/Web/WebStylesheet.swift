/// The web app's one stylesheet, served at `/assets/app.css` from the binary (no CDN, no build step;
/// the Content-Security-Policy allows styles from the app's own origin only). Colours meet WCAG AA:
/// body text #1b1f24 and links #0a4fb3 on white, white on the #0a4fb3 buttons, all above 4.5:1.
enum WebStylesheet {
    static let text = """
        :root { --fg: #1b1f24; --muted: #4a5360; --bg: #fff; --line: #d0d7de; --accent: #0a4fb3;
          --soft: #f3f5f8; --warn-bg: #fff4e5; --warn-fg: #6b3a00; }
        * { box-sizing: border-box; }
        html { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
          background: var(--bg); }
        body { margin: 0; }
        a { color: var(--accent); }
        a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible,
        [tabindex]:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; }
        .skip:focus { left: 8px; top: 8px; background: var(--bg); padding: 4px 8px; z-index: 1; }
        .top { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 24px; padding: 10px 24px;
          border-bottom: 1px solid var(--line); background: var(--soft); }
        .brand { font-weight: 700; font-size: 1.15rem; color: var(--fg); text-decoration: none; }
        .top nav ul { display: flex; flex-wrap: wrap; gap: 4px 18px; list-style: none; margin: 0; padding: 0; }
        .top nav a { text-decoration: none; padding: 4px 0; }
        .top nav a[aria-current="page"] { font-weight: 700; border-bottom: 3px solid var(--accent); }
        .signout { margin-left: auto; display: flex; gap: 8px; align-items: center; }
        .who { color: var(--muted); }
        main { max-width: 1200px; margin: 0 auto; padding: 16px 24px 48px; }
        h1 { font-size: 1.6rem; margin: 8px 0 16px; }
        h1 .sub { color: var(--muted); font-weight: 400; }
        h2 { font-size: 1.2rem; margin: 24px 0 8px; }
        .help { color: var(--muted); }
        .notice { background: var(--warn-bg); color: var(--warn-fg); border-left: 4px solid #b35c00;
          padding: 8px 12px; }
        button { font: inherit; cursor: pointer; border: 1px solid var(--accent); background: var(--accent);
          color: #fff; border-radius: 6px; padding: 6px 14px; min-height: 36px; }
        button.secondary { background: var(--bg); color: var(--accent); }
        button.link { background: none; border: none; color: var(--accent); text-decoration: underline;
          padding: 0; min-height: 0; }
        input, select, textarea { font: inherit; padding: 5px 8px; border: 1px solid #6e7781; border-radius: 6px;
          max-width: 100%; }
        label { font-weight: 600; display: block; }
        .stack { display: grid; gap: 8px; max-width: 480px; }
        .filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-end; margin-bottom: 12px; }
        .cards { list-style: none; padding: 0; display: grid; gap: 12px;
          grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); }
        .card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
        .card p { margin: 0 0 6px; }
        .card .title { font-weight: 600; overflow-wrap: anywhere; }
        .card h2 { margin: 0 0 8px; font-size: 1.1rem; }
        .buttons { display: flex; gap: 8px; }
        .kind { color: var(--muted); }
        .held { color: var(--warn-fg); font-weight: 600; }
        .reason { color: var(--muted); font-size: 0.9em; }
        /* Positioned, so that a visually hidden label inside a scrolled table is clipped with it instead of
           widening the whole page. */
        .scroll { overflow-x: auto; position: relative; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
        /* Keys, kinds and numbers never break; titles wrap, and on a phone the table scrolls sideways
           inside its region rather than squeezing the titles to a word a line. */
        td { white-space: nowrap; }
        td.wrap { white-space: normal; overflow-wrap: anywhere; min-width: 16em; }
        .scroll table { min-width: 760px; }
        .nowrap { white-space: nowrap; }
        .prose { white-space: pre-line; max-width: 72ch; overflow-wrap: anywhere; }
        th { background: var(--soft); white-space: nowrap; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .pages { display: flex; gap: 16px; align-items: center; margin-top: 12px; }
        .facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
        .facts dt { font-weight: 600; }
        .facts dd { margin: 0; }
        .history { padding-left: 20px; }
        .total { font-weight: 600; }
        .board { display: grid; gap: 12px; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); }
        .sprint { border: 1px solid var(--line); border-top: 6px solid #6b8fb8; border-radius: 8px; padding: 10px 14px; }
        .sprint.improvement { border-top-color: #c05621; background: #fffaf5; }
        .sprint h2 { margin-top: 4px; }
        .items { padding-left: 20px; }
        .items li { margin-bottom: 6px; overflow-wrap: anywhere; }
        .toolbar { display: flex; flex-wrap: wrap; gap: 0 32px; align-items: flex-end; }
        input.short { width: 6em; }
        form.inline { display: flex; gap: 6px; align-items: center; margin: 0; }
        .field-error { color: #a40e26; font-weight: 600; margin: 4px 0 0; max-width: 32em; }
        [aria-invalid="true"] { border-color: #a40e26; border-width: 2px; }
        .downloads { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline; margin: 8px 0 16px; }
        .downloads ul { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; margin: 0; padding: 0; }
        .confirm { border: 1px solid var(--accent); border-radius: 8px; padding: 10px 14px; margin: 12px 0 16px;
          background: #f0f5fc; }
        .confirm p { margin: 0 0 8px; }
        .plans { padding-left: 24px; }
        .scroll table.narrow { min-width: 0; width: auto; }
        /* The charts are the HTML report's SVG; these are its chart rules. */
        .chart-box { margin: 0 0 16px; padding: 8px; border: 1px solid var(--line); border-radius: 8px;
          max-width: 980px; overflow-x: auto; }
        .chart { display: block; width: 100%; height: auto; max-width: 960px; }
        .chart text { font-family: inherit; font-size: 12px; fill: #1a202c; }
        .chart .tick { fill: #4a5568; font-size: 11px; }
        .chart .axis-label { font-weight: 600; }
        .chart .inside { fill: #fff; font-weight: 600; }
        .chart .empty { fill: #4a5568; font-size: 14px; }
        .chart .grid { stroke: #e2e8f0; stroke-width: 1; }
        .chart .axis { stroke: #4a5568; stroke-width: 1; }
        .figures { max-width: 420px; }
        .gaps li { margin-bottom: 4px; overflow-wrap: anywhere; }
        .settings { display: grid; gap: 12px; max-width: 760px; }
        fieldset { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px 12px;
          display: grid; gap: 10px 20px; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); }
        legend { font-weight: 700; padding: 0 6px; }
        .field input { width: 100%; }
        .field .help { display: block; font-size: 0.9em; }
        .saved { background: #e6f4ea; color: #14532d; border-left: 4px solid #1a7f37; padding: 8px 12px; }
        input.date { width: 9em; }
        h3 { font-size: 1.05rem; margin: 20px 0 8px; }
        .fill h2 { margin-top: 4px; }
        .fill .field input { max-width: 16em; }
        .report { max-width: 80ch; overflow-wrap: anywhere; }
        .report h3 { margin-top: 20px; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
          white-space: nowrap; }
        @media (max-width: 600px) {
          .top, main { padding-left: 12px; padding-right: 12px; }
          .signout { margin-left: 0; }
          h1 { font-size: 1.35rem; }
          /* A chart keeps its text readable on a phone (about 10 px) and scrolls sideways in its box. */
          .chart { min-width: 820px; }
          /* A stacked table (the engineers of the settings) shows each row as a card on a phone, each cell
             beside the name of its column, instead of scrolling sideways. */
          table.stacked, table.stacked tbody, table.stacked tr, table.stacked td { display: block; width: auto; }
          table.stacked thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
            clip: rect(0 0 0 0); }
          table.stacked tr { border: 1px solid var(--line); border-radius: 8px; padding: 6px 12px;
            margin-bottom: 10px; }
          table.stacked td { border: 0; padding: 3px 0; white-space: normal; overflow-wrap: anywhere; min-width: 0; }
          table.stacked td[data-label] { display: grid; grid-template-columns: 6.5em 1fr; gap: 8px;
            align-items: baseline; }
          table.stacked td[data-label]::before { content: attr(data-label); font-weight: 600; }
          table.stacked td:empty { display: none; }
          table.stacked td:first-child { font-weight: 700; }
        }
        """
}
