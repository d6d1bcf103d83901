/**
 * The console's own files: its stylesheet, the script that draws the dashboard's charts, and the
 * chart library itself (Chart.js), which the runtime hands in. Nothing is fetched from a CDN, and
 * every page works without scripts: each chart has its figures in a table beside it.
 */

export interface ConsoleAssets {
  /** The UMD build of Chart.js; Node reads it from node_modules (src/node/assets.ts). */
  chartJs?: () => Promise<string>;
}

export const stylesheet = `
:root { --ink:#1d2433; --muted:#5b6475; --line:#d9dee7; --accent:#1f5fbf; --bad:#b42318;
  --bad-bg:#fdecea; --ok:#067647; --bg:#f6f7f9; font-family: system-ui, "PingFang SC",
  "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: var(--ink); }
body { margin:0; background:var(--bg); }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #f5b400; outline-offset: 2px; }
.skip { position:absolute; left:-999px; } .skip:focus { left:8px; top:8px; background:#fff; padding:4px; }
header.top { display:flex; gap:1.5rem; align-items:center; padding:.6rem 1rem; background:#fff;
  border-bottom:1px solid var(--line); flex-wrap:wrap; }
header.top .brand { font-weight:700; }
header.top nav a { margin-right:1rem; text-decoration:none; }
header.top nav a[aria-current=page] { font-weight:700; text-decoration:underline; }
header.top .me { margin-left:auto; display:flex; gap:.8rem; align-items:center; color:var(--muted); }
main { padding:1rem; }
h1 { font-size:1.3rem; margin:.2rem 0 1rem; }
h2 { font-size:1.1rem; margin:1.2rem 0 .6rem; }
form.filters { display:flex; flex-wrap:wrap; gap:.6rem 1rem; align-items:flex-end; background:#fff;
  padding:.8rem; border:1px solid var(--line); border-radius:6px; }
label { display:flex; flex-direction:column; font-size:.85rem; color:var(--muted); gap:.2rem; }
input, select, textarea, button { font:inherit; padding:.3rem .4rem; border:1px solid #aab2c0;
  border-radius:4px; background:#fff; color:var(--ink); }
button, .button { background:var(--accent); color:#fff; border-color:var(--accent); cursor:pointer;
  text-decoration:none; padding:.35rem .8rem; border-radius:4px; display:inline-block; }
button.link { background:none; border:none; color:var(--accent); padding:0; text-decoration:underline; }
.bar { display:flex; gap:1rem; align-items:center; margin:.8rem 0; flex-wrap:wrap; }
.table-wrap { overflow-x:auto; background:#fff; border:1px solid var(--line); border-radius:6px; }
table { border-collapse:collapse; width:100%; font-size:.85rem; }
th, td { border-bottom:1px solid var(--line); padding:.35rem .5rem; text-align:left; vertical-align:top; }
th { background:#eef1f6; white-space:nowrap; position:sticky; top:0; }
td.content { min-width:18rem; max-width:32rem; }
td.nowrap { white-space:nowrap; }
tr.overdue { background:var(--bad-bg); }
.tag { display:inline-block; padding:0 .35rem; border-radius:3px; font-size:.75rem; background:#e8edf5; }
.tag.overdue { background:var(--bad); color:#fff; }
.notice { padding:.6rem .8rem; border-radius:4px; background:#eef4ff; border:1px solid #c7d7f5; }
.notice.bad { background:var(--bad-bg); border-color:#f3b8b2; }
.grid { display:grid; grid-template-columns:repeat(auto-fit,minmax(22rem,1fr)); gap:1rem; }
.card { background:#fff; border:1px solid var(--line); border-radius:6px; padding:.8rem 1rem; }
.kpis { display:flex; gap:1rem; flex-wrap:wrap; }
.kpi { background:#fff; border:1px solid var(--line); border-radius:6px; padding:.6rem 1rem; min-width:9rem; }
.kpi b { display:block; font-size:1.5rem; }
dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:.3rem 1rem; margin:0; }
dl.facts dt { color:var(--muted); }
ol.timeline { list-style:none; padding:0; margin:0; border-left:3px solid var(--line); }
ol.timeline li { margin:0 0 .8rem .8rem; }
ol.timeline time { color:var(--muted); font-size:.8rem; display:block; }
ol.conversation .said { white-space:pre-wrap; }
ol.conversation li.out .said { color:var(--muted); }
form.action { display:flex; flex-direction:column; gap:.5rem; }
.login { max-width:22rem; margin:4rem auto; }
.login form { display:flex; flex-direction:column; gap:.8rem; }
canvas { max-width:100%; }
details { margin-top:.5rem; }
`;

/** Draws every <canvas data-chart="id"> from the JSON in <script id="chart-data">. */
export const dashboardScript = `
(function () {
  var node = document.getElementById('chart-data');
  if (!node || !window.Chart) return;
  var charts = JSON.parse(node.textContent);
  var palette = ['#1f5fbf','#e07b00','#2e9d5b','#b42318','#7a4cc2','#0f8fa3','#c2418f','#6b7280',
    '#a68b00','#3d5a80'];
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var spec = charts[canvas.getAttribute('data-chart')];
    if (!spec) return;
    new window.Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (series, i) {
          return { label: series.label, data: series.data,
            backgroundColor: palette[i % palette.length], borderColor: palette[i % palette.length] };
        })
      },
      options: { animation: false, responsive: true, aspectRatio: 2.5,
        scales: spec.stacked ? { x: { stacked: true }, y: { stacked: true, beginAtZero: true } }
          : { y: { beginAtZero: true } } }
    });
  });
})();
`;
