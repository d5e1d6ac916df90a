/** The console's one stylesheet, served from /console/assets/console.css (no CDN, no inline styles: CSP). */
export const CONSOLE_CSS = `
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; --card: #fff; --accent: #0b57d0;
  --urgent: #c5221f; --soon: #d56e00; --later: #188038; --decided: #0b57d0; --pending: #8430ce; --past: #8c959f; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; background: #eff2f5; border-radius: 4px; padding: 1px 4px; }
pre { padding: 8px 10px; white-space: pre-wrap; }
header.top { display: flex; align-items: center; gap: 24px; padding: 10px 24px; background: #1f2937; color: #fff; }
header.top .brand { font-weight: 700; font-size: 17px; color: #fff; }
header.top nav { display: flex; gap: 4px; }
header.top nav a { color: #d0d7de; padding: 6px 12px; border-radius: 6px; }
header.top nav a.current { background: #374151; color: #fff; }
header.top .who { margin-left: auto; display: flex; align-items: center; gap: 10px; font-size: 13px; color: #d0d7de; }
header.top .who form { display: flex; gap: 6px; align-items: center; margin: 0; }
header.top select, header.top button { font: inherit; font-size: 13px; padding: 3px 6px; border-radius: 5px; border: 1px solid #4b5563; background: #111827; color: #fff; }
main { max-width: 1280px; margin: 0 auto; padding: 20px 24px 40px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 0 0 10px; }
.lead { color: var(--muted); margin: 0 0 18px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px; margin-bottom: 16px; }
.banner { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 8px; padding: 10px 14px; margin-bottom: 16px; }
.grid-try { display: grid; grid-template-columns: minmax(0, 1fr) 340px; gap: 20px; align-items: start; }
.panel { background: var(--card); border: 1px solid var(--line); border-radius: 10px; display: flex; flex-direction: column; }
.panel-head { padding: 10px 16px; border-bottom: 1px solid var(--line); font-weight: 600; }
.panel-head .sub { font-weight: 400; color: var(--muted); font-size: 13px; margin-left: 8px; }
.transcript { padding: 12px 16px; display: flex; flex-direction: column; gap: 12px; min-height: 320px; }
.transcript .empty { color: var(--muted); }
.entry { max-width: 860px; overflow-wrap: anywhere; }
.entry .meta { font-size: 12px; color: var(--muted); margin-bottom: 3px; }
.entry .meta b { color: var(--ink); }
.entry.command { align-self: flex-end; background: #dbeafe; border-radius: 12px 12px 2px 12px; padding: 6px 12px; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
.entry.command .meta { text-align: right; }
.entry.post .msg { border-left: 4px solid var(--accent); }
.entry.reply .msg { border-left: 4px solid var(--past); background: #fbfcfd; }
.entry.note { font-size: 13px; color: var(--muted); }
.entry.note .msg { border: none; background: transparent; padding: 0; }
.private { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin-left: 6px; }
.msg { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.msg h3 { font-size: 16px; margin: 0 0 6px; }
.msg .section { margin: 6px 0; white-space: pre-wrap; }
.msg .context { font-size: 12px; color: var(--muted); margin: 6px 0; white-space: pre-wrap; }
.msg dl.fields { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 6px 16px; margin: 8px 0; }
.msg dl.fields dt { font-weight: 600; font-size: 13px; }
.msg dl.fields dd { margin: 0; white-space: pre-wrap; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
.actions form { margin: 0; }
button, .button { font: inherit; font-size: 14px; padding: 5px 14px; border-radius: 6px; border: 1px solid var(--line); background: #f6f8fa; color: var(--ink); cursor: pointer; }
button:hover { background: #eaeef2; }
button.primary { background: #1f883d; border-color: #1a7f37; color: #fff; }
button.danger { background: #fff; border-color: #cf222e; color: #cf222e; }
button:disabled { opacity: .5; cursor: not-allowed; }
.mention { background: #e8f0fe; color: #174ea6; border-radius: 4px; padding: 0 3px; }
.channel { color: #174ea6; }
.composer { border-top: 1px solid var(--line); padding: 12px 16px; display: flex; gap: 8px; }
.composer input { flex: 1; font: 14px ui-monospace, Menlo, Consolas, monospace; padding: 8px 10px; border: 1px solid var(--line); border-radius: 6px; }
.examples { padding: 0 16px 12px; display: flex; flex-wrap: wrap; gap: 6px; }
.examples form { margin: 0; }
.examples button { font-size: 12px; padding: 3px 8px; font-family: ui-monospace, Menlo, Consolas, monospace; }
.side h2 { font-size: 15px; }
.side form.run { display: flex; gap: 6px; margin: 6px 0 10px; }
.side input[type=datetime-local] { flex: 1; font: inherit; padding: 4px 6px; border: 1px solid var(--line); border-radius: 6px; }
.side ul { list-style: none; margin: 0; padding: 0; }
.side ol { margin: 0 0 8px; padding-left: 20px; }
.side ol li { margin-bottom: 6px; }
.side ul li { display: flex; justify-content: space-between; gap: 8px; align-items: center; padding: 5px 0; border-top: 1px solid #eef1f4; font-size: 13px; }
.side ul li form { margin: 0; }
.side ul li button { font-size: 12px; padding: 2px 8px; white-space: nowrap; }
.muted { color: var(--muted); }
.small { font-size: 13px; }
form.form { display: grid; grid-template-columns: 1fr 1fr; gap: 10px 16px; }
form.form label { display: flex; flex-direction: column; gap: 3px; font-size: 13px; font-weight: 600; }
form.form .wide { grid-column: 1 / -1; }
form.form input, form.form select, form.form textarea { font: inherit; font-weight: 400; padding: 5px 8px; border: 1px solid var(--line); border-radius: 6px; }
form.form .error { color: var(--urgent); font-weight: 400; }
form.form .invalid { border-color: var(--urgent); }
.form-problem { color: var(--urgent); margin: 0 0 8px; }
table.list { width: 100%; border-collapse: collapse; font-size: 14px; }
table.list th, table.list td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #eef1f4; vertical-align: top; }
table.list th { font-size: 12px; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
.pill { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; color: #fff; white-space: nowrap; }
.pill.urgent { background: var(--urgent); } .pill.soon { background: var(--soon); } .pill.later { background: var(--later); }
.pill.decided { background: var(--decided); } .pill.pending { background: var(--pending); } .pill.past { background: var(--past); }
.legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 13px; color: var(--muted); margin: 4px 0 10px; }
.legend span { display: inline-flex; align-items: center; gap: 5px; }
.legend i { width: 11px; height: 11px; border-radius: 50%; display: inline-block; }
.legend i.urgent { background: var(--urgent); } .legend i.soon { background: var(--soon); } .legend i.later { background: var(--later); }
.legend i.decided { background: var(--decided); } .legend i.pending { background: var(--pending); }
svg.timeline { width: 100%; height: auto; display: block; font-family: inherit; }
svg.timeline .row-hit { fill: transparent; }
svg.timeline a:hover .row-hit, svg.timeline a:focus .row-hit { fill: #eef2ff; }
svg text { fill: var(--ink); font-size: 12px; }
svg .month-line { stroke: #e5e9ee; }
svg .month-label { fill: var(--muted); font-size: 11px; }
svg .today { stroke: var(--accent); stroke-dasharray: 3 3; }
svg .today-label { fill: var(--accent); font-size: 11px; }
svg .lane { stroke: #c9d1d9; stroke-width: 2; }
svg .row-label { font-size: 13px; }
svg a:hover .row-label { fill: var(--accent); text-decoration: underline; }
svg .event { stroke: #fff; stroke-width: 1.5; }
svg .event.urgent { fill: var(--urgent); } svg .event.soon { fill: var(--soon); } svg .event.later { fill: var(--later); }
svg .event.decided { fill: var(--decided); } svg .event.pending { fill: var(--pending); } svg .event.past { fill: var(--past); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 16px; }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart .axis { stroke: #8c959f; }
svg.chart .grid { stroke: #eef1f4; }
svg.chart .target { stroke: var(--urgent); stroke-dasharray: 5 4; stroke-width: 1.5; }
svg.chart .series { fill: none; stroke-width: 2; }
svg.chart .series.response { stroke: #0b57d0; } svg.chart .series.resolution { stroke: #d56e00; } svg.chart .series.uptime { stroke: #188038; }
svg.chart .point { stroke: #fff; stroke-width: 1.5; }
svg.chart .point.response { fill: #0b57d0; } svg.chart .point.resolution { fill: #d56e00; } svg.chart .point.uptime { fill: #188038; }
svg.chart .point.missed { stroke: var(--urgent); stroke-width: 2.5; }
svg.chart .point.no-data { fill: #fff; stroke: #8c959f; stroke-width: 1.5; }
svg.chart .tick { fill: var(--muted); font-size: 11px; }
.chart-legend { display: flex; gap: 14px; font-size: 12px; color: var(--muted); margin-top: 4px; flex-wrap: wrap; }
.chart-legend i { display: inline-block; width: 14px; height: 3px; vertical-align: middle; margin-right: 4px; }
.chart-legend i.response { background: #0b57d0; } .chart-legend i.resolution { background: #d56e00; } .chart-legend i.uptime { background: #188038; } .chart-legend i.target { background: var(--urgent); }
svg.chart .mark rect { fill: #fff4e5; stroke: var(--soon); }
svg.chart .mark text { fill: #8a4500; font-size: 10px; font-weight: 600; }
.chart-legend i.mark { background: #fff4e5; border: 1px solid var(--soon); height: 10px; border-radius: 3px; }
.card.verdict { border-left-width: 6px; }
.card.verdict.green { border-left-color: var(--later); } .card.verdict.amber { border-left-color: var(--soon); } .card.verdict.red { border-left-color: var(--urgent); }
.card.verdict h2 { display: flex; align-items: center; gap: 8px; }
.card.verdict ul.reasons { margin: 0 0 6px; padding-left: 20px; }
.pill.verdict-green { background: var(--later); } .pill.verdict-amber { background: var(--soon); } .pill.verdict-red { background: var(--urgent); }
.card.verdict .pill { font-size: 13px; padding: 1px 10px; }
table.list.totals { margin-top: 12px; }
table.list tr.has-status td { border-bottom: none; padding-bottom: 2px; }
table.list tr.credit-status td { padding-top: 0; }
.survey { border-top: 1px solid #eef1f4; padding-top: 6px; margin-top: 6px; }
.survey p { margin: 4px 0; }
table.distribution { border-collapse: collapse; font-size: 13px; margin: 4px 0 8px; }
table.distribution th { text-align: left; font-weight: 400; color: #b06000; padding: 1px 8px 1px 0; letter-spacing: 1px; }
table.distribution td { padding: 1px 8px 1px 0; white-space: nowrap; }
table.distribution td.bar-cell { width: 220px; }
svg.bar { width: 220px; height: 12px; display: block; }
svg.bar rect { fill: var(--accent); }
form.form .intro { margin: 0; font-weight: 400; }
form.form .buttons { display: flex; gap: 8px; }
.cols { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 16px; }
dl.facts { display: grid; grid-template-columns: 170px minmax(0, 1fr); gap: 6px 12px; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.signin { max-width: 420px; margin: 80px auto; }
.signin input { width: 100%; font: inherit; padding: 8px; border: 1px solid var(--line); border-radius: 6px; margin: 8px 0 12px; }
.problem { color: var(--urgent); }
`;
