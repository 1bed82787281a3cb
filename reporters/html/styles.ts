// The stylesheet of the HTML report, inlined so the file opens from disk with nothing else.

export const STYLES = `
:root {
  --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa;
  --passed: #1a7f37; --failed: #cf222e; --skipped: #6e7781; --waived: #9a6700;
  --passed-bg: #dafbe1; --failed-bg: #ffebe9; --skipped-bg: #eaeef2; --waived-bg: #fff8c5;
  --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: #fff; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 32px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 14px; margin: 16px 0 6px; }
code, pre, .mono { font-family: var(--mono); font-size: 12.5px; }
a { color: #0969da; }
.muted { color: var(--muted); }
.hint { font-weight: 400; }

header.run { display: grid; grid-template-columns: 1fr auto; gap: 24px; align-items: start; }
.meta { margin: 6px 0 0; display: grid; grid-template-columns: max-content auto; gap: 2px 16px; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; }
.verdict-box { text-align: right; max-width: 380px; }
.verdict { display: inline-block; font-size: 28px; font-weight: 700; letter-spacing: .04em; padding: 4px 18px; border-radius: 8px; color: #fff; }
.verdict.pass { background: var(--passed); }
.verdict.fail { background: var(--failed); }
.verdict-note { margin: 6px 0 0; color: var(--muted); font-size: 13px; }
.tag-interrupted { display: inline-block; margin-left: 8px; padding: 2px 8px; border-radius: 6px; background: var(--waived-bg); color: var(--waived); font-weight: 600; vertical-align: middle; }
.counts { display: flex; gap: 10px; margin: 18px 0 0; padding: 0; list-style: none; flex-wrap: wrap; }
.counts button { font: inherit; cursor: pointer; border: 1px solid var(--line); border-radius: 8px; background: var(--soft); padding: 8px 16px; min-width: 110px; text-align: left; }
.counts button:hover { border-color: var(--muted); }
.counts .n { display: block; font-size: 22px; font-weight: 700; }
.counts .passed .n { color: var(--passed); } .counts .failed .n { color: var(--failed); }
.counts .skipped .n { color: var(--skipped); } .counts .waived .n { color: var(--waived); }

table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: var(--soft); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.matrices { display: flex; gap: 40px; flex-wrap: wrap; align-items: flex-start; }
.matrix { width: auto; }
.scroll { overflow-x: auto; }
#matrix-resource td button { font: inherit; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; text-decoration: underline dotted; white-space: nowrap; }
.matrix th, .matrix td { padding: 4px 14px; }
.matrix td.num button { font: inherit; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; text-decoration: underline dotted; }
.matrix td.zero { color: #afb8c1; }
.matrix td.failed-cell { color: var(--failed); font-weight: 700; }
.matrix tfoot td, .matrix tfoot th { font-weight: 600; border-top: 2px solid var(--line); }

.changes ul { margin: 4px 0 12px; padding: 0; list-style: none; }
.notice { padding: 8px 12px; border-radius: 6px; margin: 8px 0; }
.notice.bad { background: var(--failed-bg); } .notice.warn { background: var(--waived-bg); } .notice.good { background: var(--passed-bg); }

.filters { display: flex; gap: 16px; align-items: flex-end; flex-wrap: wrap; margin: 0 0 12px; padding: 10px 12px; background: var(--soft); border: 1px solid var(--line); border-radius: 8px; }
.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: 2px; }
.filters select, .filters input { font: inherit; font-size: 13px; padding: 4px 6px; border: 1px solid var(--line); border-radius: 6px; background: #fff; color: var(--fg); }
.filters input { width: 220px; }
.filters button { font: inherit; font-size: 13px; padding: 5px 12px; border: 1px solid var(--line); border-radius: 6px; background: #fff; cursor: pointer; }
.filters .shown { margin-left: auto; color: var(--muted); align-self: center; }

table.clauses { table-layout: fixed; --w-id: 240px; --w-family: 130px; --w-level: 76px; --w-status: 92px; }
table.clauses col.c-id { width: var(--w-id); } table.clauses col.c-family { width: var(--w-family); }
table.clauses col.c-level { width: var(--w-level); } table.clauses col.c-status { width: var(--w-status); }
table.clauses td, table.clauses th { vertical-align: baseline; }
table.clauses td:nth-child(2) { white-space: nowrap; }
table.clauses th[scope=row] { font-family: var(--mono); font-size: 12.5px; font-weight: 600; overflow-wrap: anywhere; }
tr.clause:target, tr.clause.flash { background: #fff8c5; }
tr.clause[data-status=failed] th[scope=row] { color: var(--failed); }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
.badge.passed { background: var(--passed-bg); color: var(--passed); }
.badge.failed { background: var(--failed-bg); color: var(--failed); }
.badge.skipped { background: var(--skipped-bg); color: #424a53; }
.badge.waived { background: var(--waived-bg); color: var(--waived); }
.level { font-size: 12px; font-weight: 600; }
.level.MAY { color: var(--muted); }
details > summary { cursor: pointer; }
details.clause-details > summary { list-style-position: outside; }
details.clause-details[open] > summary { font-weight: 600; margin-bottom: 6px; }
/* The first four cells hold one line each, so under them the open clause can use the whole row:
   the evidence (curl lines, bodies) needs the width more than the empty cells do. */
table.clauses .detail-body { margin: 8px 0 6px calc(-1 * (var(--w-id) + var(--w-family) + var(--w-level) + var(--w-status))); background: #fbfcfd; padding: 8px 14px 10px; border: 1px solid var(--line); border-left: 3px solid #8c959f; border-radius: 6px; }
table.clauses tr.clause[data-status=failed] .detail-body { border-left-color: var(--failed); }
.detail-body p { margin: 4px 0; }
.detail-body .label { color: var(--muted); }
.tests { margin: 4px 0; padding-left: 18px; font-size: 13px; }
details.failure { border: 1px solid #ffcecb; border-radius: 6px; margin: 10px 0; background: #fffafa; }
details.failure > summary { padding: 6px 10px; font-weight: 600; color: var(--failed); }
details.failure > .failure-body { padding: 0 10px 8px; }
table.violations { margin: 6px 0; font-size: 13px; background: #fff; }
table.violations th { background: var(--soft); }
table.violations td.mono { overflow-wrap: anywhere; }
pre { margin: 6px 0; padding: 8px 10px; background: var(--soft); border: 1px solid var(--line); border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 360px; overflow: auto; }
.pre-head { display: flex; justify-content: space-between; align-items: center; margin-top: 8px; }
.copy { font: inherit; font-size: 12px; padding: 2px 10px; border: 1px solid var(--line); border-radius: 6px; background: #fff; cursor: pointer; }
.empty-row td { text-align: center; color: var(--muted); padding: 18px; }

.chart { width: 100%; height: auto; display: block; }
.chart .grid { stroke: #eaeef2; }
.chart .axis { stroke: #8c959f; }
.chart .tick { font-size: 11px; fill: var(--muted); }
.chart .axis-label { font-size: 12px; fill: var(--fg); }
.chart .bar-passed { fill: #2da44e; }
.chart .bar-failed { fill: #e5534b; }
.chart .bar-count { font-size: 11px; fill: var(--failed); font-weight: 600; }
.chart .current rect { stroke: #1f2328; stroke-width: 1.5; }
.chart .current-label { font-weight: 600; fill: var(--fg); }
.legend { display: flex; gap: 16px; font-size: 13px; margin: 0 0 4px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -1px; margin-right: 4px; }
.swatch.passed { background: #2da44e; } .swatch.failed { background: #e5534b; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
.causes-headline { font-weight: 600; }
ol.causes { list-style: none; padding: 0; margin: 0; }
li.cause { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; padding: 6px 10px; }
li.cause.waived { opacity: .7; }
li.cause .rank { display: inline-block; min-width: 22px; text-align: center; font-weight: 700; border-radius: 11px; background: var(--failed-bg); color: var(--failed); }
details.cause-details[open] > summary { margin-bottom: 6px; }
`;
