// www playground: paste HTML or open a saved page (or an exported JSON report) and see the
// report exactly as the extension's popup renders it. Same engine glue and renderer as the
// extension (build.sh copies extension/lib/engine.js and render-findings.js to lib/).

import * as engine from './lib/engine.js';
import { renderReport } from './lib/render-findings.js';

const $ = (id) => document.getElementById(id);
let rules = [];
let report = null;

$('today').value = engine.todayInShanghai();

function showError(message) {
  $('error').hidden = !message;
  $('error').textContent = message || '';
}

function show(next) {
  report = next;
  $('report').replaceChildren(renderReport(report, { document, lang: $('lang').value, rules }));
  $('exports').hidden = false;
  document.body.dataset.status = report.verdict.status;
}

async function runCheck() {
  showError('');
  const html = $('html').value;
  if (!html.trim()) { showError('请先粘贴网页源代码。 Paste a page\'s HTML first.'); return; }
  try {
    show(await engine.check(html, $('url').value.trim() || null, { today: $('today').value, source: $('source').value }));
  } catch (err) {
    showError(String(err?.message ?? err));
  }
}

$('input').addEventListener('submit', (event) => { event.preventDefault(); runCheck(); });
$('lang').addEventListener('change', () => { if (report) show(report); });

$('file').addEventListener('change', async () => {
  const file = $('file').files[0];
  if (!file) return;
  const textContent = await file.text();
  if (/\.json$/i.test(file.name) || file.type === 'application/json') {
    // An exported report (the engine's JSON model): view it as it was.
    try {
      const loaded = JSON.parse(textContent);
      if (!loaded?.verdict || !Array.isArray(loaded.findings)) throw new Error('not a govcheck report');
      showError('');
      show(loaded);
    } catch (err) {
      showError(`无法读取报告 Cannot read the report: ${err.message}`);
    }
    return;
  }
  $('html').value = textContent;
  runCheck();
});

$('example').addEventListener('click', async () => {
  const res = await fetch('examples/missing-footer.html');
  $('html').value = await res.text();
  $('url').value = 'http://www.example.gov.cn/';
  runCheck();
});

async function download(kind) {
  if (!report) return;
  let body;
  let mime;
  if (kind === 'json') { body = JSON.stringify(report, null, 2); mime = 'application/json'; }
  else if (kind === 'csv') { body = await engine.reportCsv(report); mime = 'text/csv;charset=utf-8'; }
  else { body = await engine.reportHtml(report); mime = 'text/html;charset=utf-8'; }
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([body], { type: mime }));
  a.download = `govcheck-report-${report.meta.today}.${kind}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
for (const kind of ['json', 'csv', 'html']) $(`export-${kind}`).addEventListener('click', () => download(kind));

try {
  rules = await engine.rules();
  $('version').textContent = `govcheck engine ${await engine.version()} · ${rules.length} rules`;
  document.body.dataset.ready = '1';
} catch (err) {
  showError(`检查引擎未能加载 The engine failed to load: ${err?.message ?? err}`);
}
