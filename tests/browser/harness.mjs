// Shared setup for the real-browser tests (and bench/browser-bench.mjs): a static server
// on 127.0.0.1, Debian's Chromium with the unpacked extension, and helpers to read the
// badge and the stored report from the extension's service worker.
//
// Government hostnames are mapped to the local server with --host-resolver-rules, so a
// page opened as http://www.example.gov.cn/ takes the extension's automatic path (the
// content script declared for *.gov.cn) exactly as a real site would. Every other
// hostname resolves to nothing: a corpus page's external scripts and images never
// reach the network.

import { createServer } from 'node:http';
import { mkdtemp, rm, readFile, writeFile, stat, cp, appendFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../..');
export const EXT = path.join(ROOT, 'extension');
export const FIXTURES = path.join(ROOT, 'tests/browser/fixtures');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** The corpus of real pages: the repo's copy, else shared/ beside the repo. */
export function corpusDir() {
  for (const dir of [path.join(ROOT, 'tests/corpus/pages'), path.join(ROOT, '../shared/corpus/pages')]) {
    if (existsSync(dir)) return dir;
  }
  return null;
}

export function assertEngineBuilt() {
  for (const f of ['pkg/govcheck.js', 'pkg/govcheck_bg.wasm', 'rules.json']) {
    if (!existsSync(path.join(EXT, f))) {
      throw new Error(`extension/${f} is missing: run \`bash build.sh\` first (it builds the WASM engine into extension/pkg/)`);
    }
  }
}

/** YYYY-MM-DD in Asia/Shanghai, `daysAgo` days before now (the extension's `today`). */
export function shanghaiDate(daysAgo = 0) {
  const d = new Date(Date.now() - daysAgo * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** Fixtures may write {{DATE-N}}: today (Shanghai) minus N days, so freshness rules see
 *  the same distances on every day the tests run. */
export function fillDates(html) {
  return html.replace(/\{\{DATE-(\d+)\}\}/g, (_, n) => shanghaiDate(Number(n)));
}

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm', '.png': 'image/png',
};

/**
 * Static server on 127.0.0.1, port 0. `routes` maps a path to
 *   { file } | { body } plus optional { headers, template: true (apply fillDates) }.
 * With `dir`, other paths are files under it. Anything else is a 404 (corpus pages ask
 * for many assets).
 */
export async function startServer(routes = {}, { dir = null } = {}) {
  const table = new Map(Object.entries(routes));
  const log = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    let route = table.get(url.pathname);
    if (!route && dir) {
      const file = path.join(dir, decodeURIComponent(url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname));
      if (file.startsWith(dir + path.sep) && existsSync(file)) {
        route = { file, headers: { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' } };
      }
    }
    log.push({ host: req.headers.host, path: url.pathname });
    if (!route) { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found'); return; }
    try {
      let body = route.body ?? await readFile(route.file);
      if (route.template) body = fillDates(body.toString());
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...(route.headers || {}) });
      res.end(body);
    } catch (err) {
      res.writeHead(500); res.end(String(err));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    log,
    route(p, r) { table.set(p, r); },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * A copy of the extension with the test and bench hooks (sw-hooks.js appended to its
 * background.js): the shipped files carry none. Returns the copy's directory.
 */
export async function extensionWithHooks(dir, { manifest = null } = {}) {
  const ext = path.join(dir, 'extension');
  await cp(EXT, ext, { recursive: true });
  if (manifest) {
    // A test's change to the copy's manifest (e.g. a grant the harness cannot click for).
    const file = path.join(ext, 'manifest.json');
    const m = JSON.parse(await readFile(file, 'utf8'));
    manifest(m);
    await writeFile(file, JSON.stringify(m, null, 2));
  }
  const hooks = await readFile(path.join(ROOT, 'tests/browser/sw-hooks.js'), 'utf8');
  await appendFile(path.join(ext, 'background.js'), `\n${hooks}`);
  return ext;
}

/** Launch Chromium with the unpacked extension (a copy with the test hooks); *.gov.cn and
 *  *.政务 go to `port`. `manifest(m)` may change the copy's manifest. */
export async function launch({ port, headless = true, manifest = null } = {}) {
  assertEngineBuilt();
  const profile = await mkdtemp(path.join(tmpdir(), 'govcheck-browser-'));
  const ext = await extensionWithHooks(await mkdtemp(path.join(tmpdir(), 'govcheck-ext-')), { manifest });
  const rules = [
    `MAP *.gov.cn 127.0.0.1:${port}`,
    `MAP *.xn--zfr164b 127.0.0.1:${port}`,
    'MAP * ~NOTFOUND',
    'EXCLUDE 127.0.0.1',
  ].join(', ');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless,
    // Pages see a Chinese browser. (chrome.i18n stays en-US: Debian's chromium ships only
    // en-US.pak; the language test uses the extension's own language setting.)
    locale: 'zh-CN',
    viewport: { width: 1200, height: 900 },
    args: [
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      `--host-resolver-rules=${rules}`,
      // Plain-http test hosts: do not try https first.
      '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable',
      '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
  let sw = context.serviceWorkers()[0];
  if (!sw) sw = await context.waitForEvent('serviceworker', { timeout: 15_000 });
  const extensionId = new URL(sw.url()).host;
  // The newest worker: after a restart Playwright may still list the stopped one.
  let latest = sw;
  context.on('serviceworker', (w) => { if (w.url().startsWith(`chrome-extension://${extensionId}/`)) latest = w; });
  const browser = {
    context, extensionId, profile, ext,
    /** The current service worker (it may have been restarted). */
    async worker() {
      return latest;
    },
    async evalSW(fn, arg) {
      return (await browser.worker()).evaluate(fn, arg);
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
      await rm(path.dirname(ext), { recursive: true, force: true });
    },
  };
  return browser;
}

/** The tab id of a page (the worker can see every tab's URL on government hosts).
 *  With several tabs on one URL, the newest (tab ids only grow). */
export async function tabIdOf(browser, page) {
  const url = page.url();
  const id = await browser.evalSW(async (u) => {
    const ids = (await chrome.tabs.query({})).filter((t) => t.url === u).map((t) => t.id);
    return ids.length ? Math.max(...ids) : undefined;
  }, url);
  if (id === undefined) throw new Error(`no tab for ${url}`);
  return id;
}

/** Wait until the worker has stored a report (or error) for the tab; returns the state. */
export async function waitForState(browser, tabId, { timeout = 15_000, since = 0, minChecks = 0 } = {}) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const state = await browser.evalSW(async (id) => (await chrome.storage.session.get(`tab:${id}`))[`tab:${id}`] ?? null, tabId);
    if (state && state.checkedAt > since && (state.checks ?? 1) >= minChecks) return state;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no report for tab ${tabId} within ${timeout} ms`);
}

/** Badge text, colour [r,g,b,a] and title for a tab. */
export async function badgeOf(browser, tabId) {
  return browser.evalSW(async (id) => ({
    text: await chrome.action.getBadgeText({ tabId: id }),
    color: await chrome.action.getBadgeBackgroundColor({ tabId: id }),
    title: await chrome.action.getTitle({ tabId: id }),
  }), tabId);
}

export const COLORS = {
  pass: [0x2e, 0x7d, 0x32, 255],
  fail: [0xe6, 0xa1, 0x00, 255],
  fail_veto: [0xc6, 0x28, 0x28, 255],
};

/** The highlight overlay in a tab as content/highlight.js sees it (its shadow root is
 *  closed, so the page — and page.evaluate — cannot look inside): null when there is
 *  none, else { connected, host: { display, … }, boxes: [{ label, selector, rect, visible }] }. */
export async function overlayOf(browser, tabId) {
  return browser.evalSW(async (id) => {
    const [r] = await chrome.scripting.executeScript({ target: { tabId: id }, func: () => globalThis.__govcheckHighlight?.inspect() ?? null });
    return r?.result ?? null;
  }, tabId);
}

/** Open a page in a new tab and wait for the extension's automatic check of it. */
export async function openChecked(browser, url, opts = {}) {
  const page = await browser.context.newPage();
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  const tabId = await tabIdOf(browser, page);
  const state = await waitForState(browser, tabId, { since: t0 - 1, ...opts });
  return { page, tabId, state };
}

/** Open the popup as a tab, bound to `tabId` (the toolbar click cannot be simulated). */
export async function openPopup(browser, tabId) {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  await popup.waitForSelector('body[data-ready="1"]', { timeout: 15_000 });
  return popup;
}

export async function fileSize(p) {
  return (await stat(p)).size;
}

/**
 * How the rule docs matched by `selector` read: Chinese characters and Latin letters of
 * their prose (labels, <code> and <pre> left out, and words that are URLs, ids or
 * selectors), with the number of literal backticks and of <code> elements in them.
 */
export async function docsProse(page, selector) {
  return page.$$eval(selector, (els) => {
    const out = { count: els.length, han: 0, latin: 0, backticks: 0, codes: 0 };
    for (const e of els) {
      out.backticks += (e.textContent.match(/`/g) || []).length;
      out.codes += e.querySelectorAll('code').length;
      const prose = e.cloneNode(true);
      prose.querySelectorAll('code, pre, strong').forEach((n) => n.remove());
      const text = prose.textContent;
      out.han += (text.match(/\p{Script=Han}/gu) || []).length;
      for (const word of text.split(/[^\x21-\x7e]+/)) {
        if (word && !/[./:#_=<>?&@-]/.test(word)) out.latin += (word.match(/[A-Za-z]/g) || []).length;
      }
    }
    out.share = out.han / Math.max(1, out.han + out.latin);
    return out;
  });
}

/**
 * Open the side panel's page (panel.html) as the tests can drive it: Playwright cannot
 * open Chromium's real side panel (sidePanel.open needs a user gesture in the toolbar
 * popup), so the same page is opened in a window of its own. `{ windowId }`: it follows
 * that window's active tab, as the real panel follows its own window's; `{ tabId }`: that
 * tab only. Resolves when it has rendered.
 */
export async function openPanel(browser, { windowId, tabId } = {}) {
  const query = tabId !== undefined ? `tab=${tabId}` : `window=${windowId}`;
  const url = `chrome-extension://${browser.extensionId}/panel.html?${query}`;
  const opened = browser.context.waitForEvent('page', { predicate: (p) => p.url() === url, timeout: 15_000 });
  // A window of its own, so the followed window's active tab stays the page under test.
  await browser.evalSW((u) => chrome.windows.create({ url: u, focused: false, width: 460, height: 900 }), url);
  const panel = await opened;
  await panel.waitForSelector('body[data-ready="1"]', { timeout: 15_000 });
  return panel;
}

/** The window a tab is in. */
export async function windowOf(browser, tabId) {
  return browser.evalSW(async (id) => (await chrome.tabs.get(id)).windowId, tabId);
}

/** Make a tab the active one of its window (what a user's click on the tab strip does). */
export async function activateTab(browser, tabId) {
  await browser.evalSW((id) => chrome.tabs.update(id, { active: true }), tabId);
}

/** Open every <details> in a page (cards, rows, groups, 高级), so all of it is rendered. */
export async function expandAll(page) {
  await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
}

/**
 * English a Chinese UI should not show, in the page's visible text and its tooltips and
 * placeholders. The rule the no-English test applies (tests/browser/chinese-ui.test.mjs):
 * - left out: <code>, <pre>, <kbd>, <samp>, <script>, <style>; elements marked as English
 *   shown alongside on purpose (`lang="en"` or class `en`, the HTML report's secondary
 *   line); <option> elements naming a language in its own words (English); what is not
 *   rendered (display:none, a closed <details>' body — open them first).
 * - then every word of two or more Latin letters is English, unless it is an address or
 *   a code (has . / : # @ = ? & < > " or a digit), or a name of a thing that has no
 *   Chinese name: govcheck, JSON, CSV, HTML, PDF, URL, ICP, HTTP(S), TLS, DNS, WASM, A4,
 *   Chromium, Chrome, Firefox, English, and technical or brand names Chinese prose uses as
 *   they are (IP, Punycode, localhost, JSONP, XHR, iframe, AdSense, DoubleClick, Tanx, App,
 *   CMS); English quoted in Chinese quotes (“Site Map”: a page's own words).
 * - a raw key (`age_days`, `needs_site`) or rule id (`column-stale`) outside <code> is
 *   reported too (they would hide inside a code-like token otherwise).
 * - `wrongWords`: Chinese phrases that must not appear (e.g. 请在浏览器中复核 on a live page).
 * Returns [{ word, context }] (empty when the page is clean).
 */
export async function englishIn(page, rootSelector = 'body', { wrongWords = [] } = {}) {
  return page.evaluate(({ rootSelector, wrongWords }) => {
    const ALLOWED = new Set(['govcheck', 'json', 'csv', 'html', 'pdf', 'url', 'icp', 'http', 'https', 'tls', 'dns', 'wasm', 'a4', 'chromium', 'chrome', 'firefox', 'english',
      // Technical and brand names Chinese prose uses as they are.
      'ip', 'punycode', 'localhost', 'jsonp', 'xhr', 'iframe', 'adsense', 'doubleclick', 'tanx', 'app', 'cms']);
    const SKIP = 'code, pre, kbd, samp, script, style, [lang="en"], .en, option[value="en"]';
    const found = [];
    const judge = (text, where) => {
      for (const w of wrongWords) if (text.includes(w)) found.push({ word: w, context: text.slice(0, 120), where });
      // Addresses, and English quoted in Chinese quotes (a page's own words: “Site Map”).
      const clean = text.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, ' ').replace(/“[\x20-\x7e]+”/g, ' ');
      for (const m of clean.matchAll(/\b[a-z]+(?:_[a-z0-9]+)+\b|\b[a-z]+(?:-[a-z]+)+\b/g)) {
        found.push({ word: m[0], context: text.slice(0, 120), where });
      }
      for (const token of clean.split(/[\s\u3000-\u303f\uff00-\uffef\p{Script=Han}（）【】“”‘’、，。：；！？·…—]+/u)) {
        if (!token || /[./:#@=?&<>"\d_]/.test(token)) continue;
        for (const word of token.split(/[^A-Za-z]+/)) {
          if (word.length >= 2 && !ALLOWED.has(word.toLowerCase())) found.push({ word, context: text.slice(0, 120), where });
        }
      }
    };
    const root = document.querySelector(rootSelector);
    if (!root) return [{ word: '(no root)', context: rootSelector }];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(SKIP)) continue;
      if (!parent.checkVisibility({ checkVisibilityCSS: true })) continue;
      if (node.data.trim()) judge(node.data, parent.tagName.toLowerCase() + (parent.className ? `.${String(parent.className).split(' ')[0]}` : ''));
    }
    for (const elt of root.querySelectorAll('[title], [placeholder], [aria-label]')) {
      if (elt.closest(SKIP)) continue;
      // A title that only repeats a selector or an id is code, shown as such.
      for (const attr of ['title', 'placeholder', 'aria-label']) {
        const v = elt.getAttribute(attr);
        if (v && !(attr === 'title' && (elt.classList.contains('gc-copy') || /^[\w-]+$/.test(v)))) judge(v, `@${attr}`);
      }
    }
    return found;
  }, { rootSelector, wrongWords });
}
