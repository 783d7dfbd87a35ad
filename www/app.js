// www playground: paste HTML or open a saved page (or an exported JSON report) and see the
// report as the extension's popup and side panel show it: one card per indicator
// (lib/cards.js), with the engine's labels and rule docs. Same engine glue and renderer as
// the extension (build.sh copies extension/lib/engine.js, render-findings.js, cards.js and
// their styles to lib/). What needs a browser tab (locate, copy selector, marks, 找错) is
// the extension's: cards.js offers those buttons only to a caller that passes their
// callbacks, and this page passes none.

import * as engine from './lib/engine.js';
import { renderCards } from './lib/cards.js';
import { downloadText, EXPORT_TYPES } from './lib/download.js';

const $ = (id) => document.getElementById(id);
let rules = [];
let labels = null;
let report = null;

$('today').value = engine.todayInShanghai();

function showError(message) {
  $('error').hidden = !message;
  $('error').textContent = message || '';
}

function show(next) {
  report = next;
  $('report').replaceChildren(renderCards(report, {
    document, lang: $('lang').value, rules, labels,
    catalogueHref: (id) => `rules.html#rule-${encodeURIComponent(id)}`,
    // A page has room: the failing indicators start open.
    openCards: (card) => card.group === 'fail',
  }));
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

/**
 * A saved page's text, by the same rule as the CLI (src/input.rs decode_bytes): BOM, then
 * `<meta charset>` in the first 4 KB, then UTF-8 if valid, else GB18030. GBK/GB2312 labels
 * read as GB18030; valid UTF-8 under a GB label (a re-encoded page) stays UTF-8.
 */
function decodePage(buffer) {
  const bytes = new Uint8Array(buffer);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  let utf8 = null;
  try { utf8 = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { /* not UTF-8 */ }
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const declared = /charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1].toLowerCase();
  const gb = declared && /^(gbk|gb2312|gb_2312|x-gbk|gb18030|cp936)$/.test(declared);
  if (declared && !(gb && utf8 !== null)) {
    try { return new TextDecoder(gb ? 'gb18030' : declared).decode(bytes); } catch { /* unknown label */ }
  }
  return utf8 ?? new TextDecoder('gb18030').decode(bytes);
}

$('file').addEventListener('change', async () => {
  const file = $('file').files[0];
  if (!file) return;
  const textContent = decodePage(await file.arrayBuffer());
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
  const body = kind === 'json' ? JSON.stringify(report, null, 2)
    : kind === 'csv' ? await engine.reportCsv(report) : await engine.reportHtml(report);
  downloadText(body, `govcheck-report-${report.meta.today}.${kind}`, EXPORT_TYPES[kind]);
}
for (const kind of ['json', 'csv', 'html']) $(`export-${kind}`).addEventListener('click', () => download(kind));

try {
  rules = await engine.rules();
  ({ labels } = await engine.defaults());
  $('version').textContent = `govcheck engine ${await engine.version()} · ${rules.length} rules`;
  document.body.dataset.ready = '1';
} catch (err) {
  showError(`检查引擎未能加载 The engine failed to load: ${err?.message ?? err}`);
}
