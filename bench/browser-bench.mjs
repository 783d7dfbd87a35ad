// Browser figures for the closing note (a script, not a test):
//   node bench/browser-bench.mjs [--runs N] [--restarts N]
// In Debian's Chromium with the built extension (a copy with the test hooks, see
// tests/browser/harness.mjs), everything served from 127.0.0.1:
// * every corpus page (tests/corpus/pages, each under its own government host name):
//   page load → badge p50/p95, the engine's share;
// * a generated 1 MB / ~20k-element page: WASM init, engine first call and warm, page
//   load → badge, the first check after the worker starts (its process killed, then the
//   page opened: the new worker initialises the engine and checks), a plain JS DOM walk;
// * the bundle: WASM + JS, raw and gzip.
// Run `bash build.sh` first.

import path from 'node:path';
import { readFile, readdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { ROOT, EXT, startServer, launch, tabIdOf, waitForState, corpusDir } from '../tests/browser/harness.mjs';
import { bigPage } from '../tests/browser/pages.mjs';

const arg = (name, fallback) => Number(process.argv[process.argv.indexOf(name) + 1]) || fallback;
const runs = arg('--runs', 15);
const restarts = arg('--restarts', 5);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
/** Nearest-rank percentile. */
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]; };
const ms = (x) => (x === null || x === undefined ? '—' : `${x.toFixed(1)} ms`);
const kb = (x) => `${(x / 1024).toFixed(1)} KB`;

const html = bigPage();
const routes = { '/big.html': { body: html }, '/warm.html': { body: html } };
for (let i = 0; i < restarts; i++) routes[`/restart-${i}.html`] = { body: html };
// Corpus pages under their own host names (labels.json), else www.<file>.gov.cn.
const corpus = [];
const dir = corpusDir();
if (dir) {
  const labels = JSON.parse(await readFile(path.join(dir, '../labels.json'), 'utf8').catch(() => '[]'));
  const hostOf = new Map(labels.map((l) => [l.file, l.site_domain]));
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.html')).sort()) {
    routes[`/corpus/${file}`] = { file: path.join(dir, file) };
    const host = /\.gov\.cn$/.test(hostOf.get(file) ?? '') ? hostOf.get(file) : `www.${file.replace(/[^a-z0-9]+/gi, '-').replace(/-html$/, '')}.gov.cn`;
    corpus.push({ file, url: `http://${host}/corpus/${file}` });
  }
}
const server = await startServer(routes);
const browser = await launch({ port: server.port });
const rows = [];

/** Open `url`, wait for its check, and return the worker's timing of it with the page's
 *  navigation timing: load → badge, DOMContentLoaded → badge, and the steps between. */
async function timedLoad(url) {
  const page = await browser.context.newPage();
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  const tabId = await tabIdOf(browser, page);
  const state = await waitForState(browser, tabId, { since: t0 - 1, timeout: 30_000 });
  let timing = null;
  for (let k = 0; k < 50 && !(timing && timing.tabId === tabId); k++) {
    timing = await browser.evalSW(() => globalThis.govcheck.lastTiming());
    if (!(timing && timing.tabId === tabId)) await new Promise((r) => setTimeout(r, 20));
  }
  const nav = await page.evaluate(() => {
    const [e] = performance.getEntriesByType('navigation');
    return { origin: performance.timeOrigin, dcl: e.domContentLoadedEventEnd, load: e.loadEventEnd };
  });
  return {
    page, tabId, state, timing,
    loadToBadge: timing.badgeAt - (nav.origin + nav.load),
    dclToBadge: timing.badgeAt - (nav.origin + nav.dcl),
    dclToSent: timing.sentAt - (nav.origin + nav.dcl), // document_idle + outerHTML
    sentToReceived: timing.receivedAt - timing.sentAt, // runtime.sendMessage
    engineMs: timing.engineMs,
    afterEngine: timing.badgeAt - timing.checkStart - timing.engineMs, // settings read + badge
    storeMs: timing.storedAt - timing.badgeAt, // report kept in storage.session, after the badge
  };
}

/** Kill the extension's process (its worker with it), as the browser may stop an idle
 *  worker; the next event starts a new one. */
async function killWorker() {
  const internals = await browser.context.newPage();
  await internals.goto('chrome://serviceworker-internals/');
  const text = await internals.evaluate(() => document.body.innerText);
  await internals.close();
  const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
  const pid = text.split('Scope:')
    .filter((b) => b.includes(`chrome-extension://${browser.extensionId}/background.js`))
    .map((b) => Number(b.match(/Renderer process ID: (\d+)/)?.[1]))
    .find((p) => p > 0 && alive(p));
  if (!pid) throw new Error('worker process not found');
  process.kill(pid, 'SIGKILL');
  await new Promise((r) => setTimeout(r, 500));
}

try {
  // ---- engine in the service worker: init, first call, warm calls (no page involved)
  const sw = await browser.evalSW(async ({ html: h, n }) => {
    const { engine } = globalThis.govcheck;
    const t0 = performance.now();
    await engine.ready();
    const init = performance.now() - t0;
    const t1 = performance.now();
    const report = await engine.check(h, 'http://www.hd.gov.cn/big.html', { source: 'live' });
    const first = performance.now() - t1;
    const warm = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await engine.check(h, 'http://www.hd.gov.cn/big.html', { source: 'live' });
      warm.push(performance.now() - t);
    }
    // The floor of any check: parsing the page and building its model, with one trivial rule.
    const floor = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await engine.check(h, 'http://www.hd.gov.cn/big.html', { source: 'live', rules: ['site-domain-govcn'] });
      floor.push(performance.now() - t);
    }
    return { init, first, warm, floor, findings: report.findings.length, htmlBytes: report.meta.html_bytes };
  }, { html, n: runs });
  rows.push(['WASM init in the service worker (fetch + compile + instantiate)', ms(sw.init)]);
  rows.push(['engine, first call on the 1 MB page (service worker)', ms(sw.first)]);
  rows.push([`engine, warm (service worker, median of ${runs})`, ms(median(sw.warm))]);
  rows.push([`  of which parsing + page model (one trivial rule; median of ${runs})`, ms(median(sw.floor))]);

  // ---- engine in an extension page (the popup's context)
  const extPage = await browser.context.newPage();
  await extPage.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await extPage.waitForSelector('body[data-ready="1"]');
  const pageEngine = await extPage.evaluate(async ({ h, n }) => {
    const engine = await import('./lib/engine.js');
    await engine.ready();
    const warm = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await engine.check(h, 'http://www.hd.gov.cn/big.html', { source: 'live' });
      warm.push(performance.now() - t);
    }
    return { warm, initMs: engine.initMs };
  }, { h: html, n: runs });
  rows.push([`engine, warm (extension page, median of ${runs})`, ms(median(pageEngine.warm))]);
  rows.push(['WASM init in an extension page', ms(pageEngine.initMs)]);
  await extPage.close();

  // ---- page load → badge (content script snapshot → sendMessage → engine → storage → badge)
  const paths = [];
  for (let i = 0; i < Math.min(runs, 10); i++) {
    const t = await timedLoad('http://www.hd.gov.cn/big.html');
    t.walk = await t.page.evaluate(() => {
      const t0 = performance.now();
      let n = 0;
      let chars = 0;
      for (const el of document.querySelectorAll('*')) { n++; chars += el.textContent.length; }
      const walkMs = performance.now() - t0;
      const t2 = performance.now();
      const len = document.documentElement.outerHTML.length;
      return { walkMs, outerMs: performance.now() - t2, elements: n, chars, len, links: document.links.length };
    });
    await t.page.close();
    paths.push(t);
  }
  const steady = paths.slice(1); // the first load also pays for the worker's warm-up
  rows.push([`page load event → badge set (median of ${steady.length}, warm worker)`, ms(median(steady.map((p) => p.loadToBadge)))]);
  rows.push([`page DOMContentLoaded → badge set (median of ${steady.length})`, ms(median(steady.map((p) => p.dclToBadge)))]);
  rows.push(['  DOMContentLoaded → snapshot sent (document_idle + outerHTML)', ms(median(steady.map((p) => p.dclToSent)))]);
  rows.push(['  content script → worker (runtime.sendMessage)', ms(median(steady.map((p) => p.sentToReceived)))]);
  rows.push(['  engine check in the worker', ms(median(steady.map((p) => p.engineMs)))]);
  rows.push(['  badge set after the check (settings, i18n, setBadge*)', ms(median(steady.map((p) => p.afterEngine)))]);
  rows.push(['  then: report kept in storage.session (after the badge)', ms(median(steady.map((p) => p.storeMs)))]);
  rows.push(['first page after start: DOMContentLoaded → badge', ms(paths[0].dclToBadge)]);
  const w = paths.map((p) => p.walk);
  rows.push([`plain JS DOM walk: querySelectorAll('*') + textContent (median)`, ms(median(w.map((x) => x.walkMs)))]);
  rows.push(['document.documentElement.outerHTML (median)', ms(median(w.map((x) => x.outerMs)))]);
  rows.push(['page: bytes / elements / links', `${Buffer.byteLength(html)} / ${w[0].elements} / ${w[0].links}`]);

  // ---- every corpus page: page load → badge, warm worker
  if (corpus.length) {
    const perPage = [];
    for (const { file, url } of corpus) {
      const t = await timedLoad(url);
      await t.page.close();
      perPage.push({ file, ...t, bytes: t.state.htmlChars });
    }
    const load = perPage.map((p) => p.loadToBadge);
    const eng = perPage.map((p) => p.engineMs);
    rows.push([`corpus (${perPage.length} pages): page load event → badge p50 / p95 / max`, `${ms(pct(load, 50))} / ${ms(pct(load, 95))} / ${ms(Math.max(...load))}`]);
    rows.push(['  engine check in the worker p50 / p95 / max', `${ms(pct(eng, 50))} / ${ms(pct(eng, 95))} / ${ms(Math.max(...eng))}`]);
    const slowest = [...perPage].sort((a, b) => b.loadToBadge - a.loadToBadge).slice(0, 3);
    rows.push(['  slowest (load → badge, engine, chars)', slowest.map((p) => `${p.file} ${p.loadToBadge.toFixed(0)}/${p.engineMs.toFixed(0)} ms ${(p.bytes / 1024).toFixed(0)}K`).join('; ')]);
  }

  // ---- the first check after the worker starts (1 MB page), `restarts` times
  const firsts = [];
  for (let i = 0; i < restarts; i++) {
    await killWorker();
    const t = await timedLoad(`http://www.hd.gov.cn/restart-${i}.html`);
    await t.page.close();
    firsts.push({ engine: t.engineMs, init: t.timing.initMs, load: t.loadToBadge, dcl: t.dclToBadge });
  }
  if (firsts.length) {
    rows.push([`first check after the worker starts, 1 MB page (median of ${firsts.length}): engine (init included)`, `${ms(median(firsts.map((f) => f.engine)))} (min ${ms(Math.min(...firsts.map((f) => f.engine)))}, max ${ms(Math.max(...firsts.map((f) => f.engine)))})`]);
    rows.push(['  of which WASM init (fetch + compile + instantiate; started on the content script\'s hello)', ms(median(firsts.map((f) => f.init)))]);
    rows.push(['  page load event → badge on that page', ms(median(firsts.map((f) => f.load)))]);
  }

  // ---- bundle size
  const size = async (files) => {
    let raw = 0;
    let gz = 0;
    for (const f of files) {
      const b = await readFile(f);
      raw += b.length;
      gz += gzipSync(b, { level: 9 }).length;
    }
    return { raw, gz };
  };
  const ours = [];
  for (const sub of ['', 'lib', 'content']) {
    for (const f of await readdir(path.join(EXT, sub))) if (f.endsWith('.js')) ours.push(path.join(EXT, sub, f));
  }
  const wasm = await size([path.join(EXT, 'pkg/govcheck_bg.wasm')]);
  const rulesJson = await size([path.join(EXT, 'rules.json')]);
  const glue = await size([path.join(EXT, 'pkg/govcheck.js')]);
  const js = await size(ours);
  rows.push(['bundle: pkg/govcheck_bg.wasm', `${kb(wasm.raw)} raw, ${kb(wasm.gz)} gzip`]);
  rows.push(['bundle: pkg/govcheck.js (wasm-bindgen glue)', `${kb(glue.raw)} raw, ${kb(glue.gz)} gzip`]);
  rows.push([`bundle: extension JS (${ours.length} files)`, `${kb(js.raw)} raw, ${kb(js.gz)} gzip`]);
  rows.push(['bundle: WASM + JS total', `${kb(wasm.raw + glue.raw + js.raw)} raw, ${kb(wasm.gz + glue.gz + js.gz)} gzip (files gzipped one by one)`]);
  rows.push(['bundle: rules.json (docs, loaded by the pages that show them)', `${kb(rulesJson.raw)} raw, ${kb(rulesJson.gz)} gzip`]);
} finally {
  await browser.close();
  await server.close();
}

const width = Math.max(...rows.map(([k]) => k.length));
console.log(`govcheck browser bench — Chromium ${process.env.CHROMIUM || '/usr/bin/chromium'}, ${new Date().toISOString().slice(0, 10)}, ${path.relative(process.cwd(), ROOT) || '.'}`);
console.log(`${'what'.padEnd(width)} | figure`);
console.log(`${'-'.repeat(width)}-|-${'-'.repeat(30)}`);
for (const [k, v] of rows) console.log(`${k.padEnd(width)} | ${v}`);
