// Browser figures for the closing note (a script, not a test):
//   node bench/browser-bench.mjs [--runs N]
// On a generated 1 MB / ~20k-element page in Debian's Chromium with the built extension:
// WASM init, engine first call and warm, page load → badge, a plain JS DOM walk of the
// same page, and the bundle size (raw and gzip). Run `bash build.sh` first.

import path from 'node:path';
import { readFile, readdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { ROOT, EXT, startServer, launch, tabIdOf, waitForState } from '../tests/browser/harness.mjs';
import { bigPage } from '../tests/browser/pages.mjs';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 15;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const ms = (x) => (x === null || x === undefined ? '—' : `${x.toFixed(1)} ms`);
const kb = (x) => `${(x / 1024).toFixed(1)} KB`;

const html = bigPage();
const server = await startServer({ '/big.html': { body: html }, '/warm.html': { body: html } });
const browser = await launch({ port: server.port });
const rows = [];

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
    const page = await browser.context.newPage();
    const t0 = Date.now();
    await page.goto('http://www.hd.gov.cn/big.html', { waitUntil: 'load' });
    const tabId = await tabIdOf(browser, page);
    await waitForState(browser, tabId, { since: t0 - 1, timeout: 30_000 });
    let timing = null;
    for (let k = 0; k < 50 && !(timing && timing.tabId === tabId); k++) {
      timing = await browser.evalSW(() => globalThis.govcheck.lastTiming());
      if (!(timing && timing.tabId === tabId)) await new Promise((r) => setTimeout(r, 20));
    }
    const nav = await page.evaluate(() => {
      const [e] = performance.getEntriesByType('navigation');
      return { origin: performance.timeOrigin, dcl: e.domContentLoadedEventEnd, load: e.loadEventEnd };
    });
    const walk = await page.evaluate(() => {
      const t = performance.now();
      let n = 0;
      let chars = 0;
      for (const el of document.querySelectorAll('*')) { n++; chars += el.textContent.length; }
      const walkMs = performance.now() - t;
      const t2 = performance.now();
      const len = document.documentElement.outerHTML.length;
      return { walkMs, outerMs: performance.now() - t2, elements: n, chars, len, links: document.links.length };
    });
    const loadAt = nav.origin + nav.load;
    paths.push({
      dclToBadge: timing.badgeAt - (nav.origin + nav.dcl),
      loadToBadge: timing.badgeAt - loadAt,
      dclToSent: timing.sentAt - (nav.origin + nav.dcl), // document_idle + outerHTML
      sentToReceived: timing.receivedAt - timing.sentAt, // runtime.sendMessage of ~1 MB
      engineMs: timing.engineMs,
      afterEngine: timing.badgeAt - timing.checkStart - timing.engineMs, // settings read + badge
      storeMs: timing.storedAt - timing.badgeAt, // report kept in storage.session, after the badge
      walk,
    });
    await page.close();
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
  const glue = await size([path.join(EXT, 'pkg/govcheck.js')]);
  const js = await size(ours);
  rows.push(['bundle: pkg/govcheck_bg.wasm', `${kb(wasm.raw)} raw, ${kb(wasm.gz)} gzip`]);
  rows.push(['bundle: pkg/govcheck.js (wasm-bindgen glue)', `${kb(glue.raw)} raw, ${kb(glue.gz)} gzip`]);
  rows.push([`bundle: extension JS (${ours.length} files)`, `${kb(js.raw)} raw, ${kb(js.gz)} gzip`]);
  rows.push(['bundle: WASM + JS total', `${kb(wasm.raw + glue.raw + js.raw)} raw, ${kb(wasm.gz + glue.gz + js.gz)} gzip (files gzipped one by one)`]);
} finally {
  await browser.close();
  await server.close();
}

const width = Math.max(...rows.map(([k]) => k.length));
console.log(`govcheck browser bench — Chromium ${process.env.CHROMIUM || '/usr/bin/chromium'}, ${new Date().toISOString().slice(0, 10)}, ${path.relative(process.cwd(), ROOT) || '.'}`);
console.log(`${'what'.padEnd(width)} | figure`);
console.log(`${'-'.repeat(width)}-|-${'-'.repeat(30)}`);
for (const [k, v] of rows) console.log(`${k.padEnd(width)} | ${v}`);
