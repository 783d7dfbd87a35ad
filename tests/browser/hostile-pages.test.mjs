// Pages built to stall, flood or fool the extension (issue 14), generated here and served
// from 127.0.0.1 under government hostnames. Each test is one finding of the review:
// a flooding tab must not hold another tab's badge back; a content-script context may
// not speak for other tabs, other origins or the settings; a pushState loop must not
// become a stream of checks; a DOM too deep for outerHTML still gets a report; a page
// cannot fake or hide the highlight overlay; webmaster mode is not starved by a page
// that never stops changing.
// Run: node --test tests/browser/hostile-pages.test.mjs   (after `bash build.sh`)

import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import {
  EXT, FIXTURES, startServer, launch, openChecked, openPopup, badgeOf, waitForState, tabIdOf, overlayOf, COLORS,
} from './harness.mjs';
import { bigPage, COMPLIANT_FOOTER } from './pages.mjs';

const fixture = (name) => ({ file: path.join(FIXTURES, name), template: true });
const doc = (body, head = '') => ({ body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>测试页</title>${head}</head><body>${body}</body></html>` });

// A page whose footer lacks most items, so "highlight all" has boxes to draw.
const LACKING = '<main><h1>某市人民政府</h1><p>正文</p></main><footer id="footer"><p id="footer-line">主办单位：某市人民政府办公室</p></footer>';

const PAGES = {
  '/compliant.html': fixture('compliant.html'),
  '/missing-footer.html': fixture('missing-footer.html'),
  // What the review used against the core: an unclosed <script> repeated 100 000 times
  // (everything after the first is script text the engine must scan).
  '/scripts.html': doc(`<main><p>x</p></main>${'<script>'.repeat(100_000)}`),
  // A same-document navigation loop: on go(), a pushState every 5 ms, 1 000 of them.
  '/spa.html': doc(`${LACKING}<script>
    window.go = () => {
      let n = 0;
      const loop = setInterval(() => { history.pushState(null, '', '?n=' + (++n)); if (n === 1000) clearInterval(loop); }, 5);
    };
  </script>`),
  // A DOM 100 000 elements deep inside a <template> (templates and divs alternating),
  // built by the page's script: Chromium's outerHTML crashes the tab on it.
  '/deep-template.html': doc(`<main><h1>某市人民政府</h1><template id="t"></template></main>${COMPLIANT_FOOTER}<script>
    const content = document.getElementById('t').content;
    const doc = content.ownerDocument;
    let node = doc.createTextNode('最深处');
    for (let i = 0; i < 100000; i++) {
      const el = doc.createElement(i % 2 ? 'div' : 'template');
      (i % 2 ? el : el.content).append(node);
      node = el;
    }
    content.append(node);
  </script>`),
  // The same depth in the live document (hidden, so layout does not crash first).
  '/deep-divs.html': doc(`<main><h1>某市人民政府</h1><div id="deep" hidden></div></main>${COMPLIANT_FOOTER}<script>
    let node = document.getElementById('deep');
    for (let i = 0; i < 100000; i++) { const el = document.createElement('div'); node.append(el); node = el; }
    node.append('最深处');
  </script>`),
  // Tries to own the overlay: defines govcheck-highlight, pre-creates one with a closed
  // shadow root holding a fake box, hides anything new under <html> by stylesheet, tries
  // to open what is added, presses Escape by script, and patches the DOM API in its own
  // world. (A page script can always remove or restyle an element in its own document;
  // that is not what this page tries.)
  '/preempt.html': doc(`${LACKING}<script>
    customElements.define('govcheck-highlight', class extends HTMLElement {
      constructor() { super(); const r = this.attachShadow({ mode: 'closed' }); r.append('#99 伪造'); window.fakeRoots = (window.fakeRoots || 0) + 1; }
    });
    document.documentElement.append(document.createElement('govcheck-highlight'));
    window.seenShadowRoots = [];
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        window.seenShadowRoots.push(n.shadowRoot === null ? 'closed' : 'open');
        try { n.attachShadow({ mode: 'open' }); window.seenShadowRoots.push('attached'); } catch { /* ours already has one */ }
      }
    }).observe(document.documentElement, { childList: true });
    window.escapes = 0;
    setInterval(() => { window.escapes++; document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })); }, 50);
    Element.prototype.attachShadow = function () { throw new Error('patched by the page'); };
    Document.prototype.createElement = function () { throw new Error('patched by the page'); };
  </script>`, `<style>
    govcheck-highlight, html > :not(head):not(body) {
      display: none !important; visibility: hidden !important; opacity: 0 !important;
      transform: scale(0) !important; clip-path: inset(50%) !important;
    }
  </style>`),
  // Never stops changing, by every means a page has: a 1 ms interval, every animation
  // frame, a postMessage loop (tasks back to back), and a setTimeout(0) chain that keeps
  // the main thread busy 30 ms at a time (this one starved the old content script: each
  // change re-armed its timer behind the page's).
  '/ticker.html': doc(`${LACKING}<p id="clock">0</p><script>
    window.start = () => {
      let n = 0;
      const clock = document.getElementById('clock');
      setInterval(() => { clock.textContent = String(++n); }, 1);
      const frame = () => { clock.dataset.frame = String(++n); requestAnimationFrame(frame); };
      requestAnimationFrame(frame);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { clock.dataset.msg = String(++n); channel.port2.postMessage(0); };
      channel.port2.postMessage(0);
      const spin = () => { const end = performance.now() + 30; while (performance.now() < end) clock.dataset.spin = String(++n); setTimeout(spin, 0); };
      spin();
    };
  </script>`),
};

let server;
let browser;

before(async () => {
  server = await startServer(PAGES);
  browser = await launch({ port: server.port });
});

// A failed test must not leave a hostile page running into the next one.
let blank;
afterEach(async () => {
  blank ??= browser.context.pages()[0];
  for (const p of browser.context.pages()) if (p !== blank) await p.close().catch(() => {});
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The worker's record of what it received, dropped and checked (in order), after
 *  entry number `after` (see mark()). */
const workerLog = async (after = 0) => (await browser.evalSW(() => globalThis.govcheck.log())).filter((e) => e.n > after);
const mark = async () => (await workerLog()).at(-1)?.n ?? 0;

/** Run `messages` through chrome.runtime.sendMessage from the tab's content-script world
 *  (the isolated world content/snapshot.js lives in): what a page-side context can send.
 *  → [{ res } | { err }] */
async function sendFromTab(tabId, messages) {
  return browser.evalSW(async ({ id, messages }) => {
    const [r] = await chrome.scripting.executeScript({
      target: { tabId: id },
      args: [messages],
      func: (list) => Promise.all(list.map((m) => chrome.runtime.sendMessage(m).then((res) => ({ res }), (e) => ({ err: String(e.message) })))),
    });
    return r.result;
  }, { id: tabId, messages });
}

async function until(what, test, { timeout = 15_000, every = 100 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await test();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

const ping = (tabId) => browser.evalSW((id) => chrome.tabs.sendMessage(id, { type: 'bg-cs-ping' }).catch(() => null), tabId);

describe('a busy tab and a normal tab', () => {
  it('the normal tab is checked after at most the one check already running, and a flood is coalesced', { timeout: 120_000 }, async () => {
    const busy = await openChecked(browser, 'http://www.busy.gov.cn/scripts.html', { timeout: 60_000 });
    assert.ok(busy.state.report || busy.state.error, 'the 100 000 × <script> page got a result');
    const before = await mark();
    // From the busy tab's content-script world: a 1 MB snapshot every 20 ms until the normal
    // tab has been checked (so the busy tab is still busy when it asks, however slow the
    // machine), at most 60 s.
    const html = bigPage();
    await browser.evalSW(async ({ id, html }) => {
      await chrome.scripting.executeScript({
        target: { tabId: id },
        args: [html],
        func: (snapshot) => {
          const sends = [];
          globalThis.stopFlood = false;
          globalThis.flood = new Promise((resolve) => {
            const timer = setInterval(() => {
              sends.push(chrome.runtime.sendMessage({ type: 'cs-bg-snapshot', reason: 'load', html: snapshot, url: location.href, title: 'flood' }));
              if (globalThis.stopFlood || sends.length === 3000) { clearInterval(timer); resolve(Promise.allSettled(sends)); }
            }, 20);
          });
        },
      });
    }, { id: busy.tabId, html });
    // The flood has reached the engine (a check of it is stored) and goes on for ~4 s.
    await until('a check of the flood', async () => (await waitForState(browser, busy.tabId)).title === 'flood');

    const normal = await openChecked(browser, 'http://www.hd.gov.cn/compliant.html', { timeout: 15_000 });
    assert.equal(normal.state.error, undefined);
    const badge = await badgeOf(browser, normal.tabId);
    assert.equal(badge.text, '✓');
    assert.deepEqual(badge.color, COLORS.pass);

    const sent = await browser.evalSW(async (id) => {
      const [r] = await chrome.scripting.executeScript({ target: { tabId: id }, func: async () => { globalThis.stopFlood = true; return (await globalThis.flood).length; } });
      return r.result;
    }, busy.tabId);
    assert.ok(sent >= 50, `only ${sent} snapshots were sent`);
    // Only the newest waiting snapshot of a tab is kept: many snapshots, a few checks.
    await until('the flood drained', async () => {
      const l = await workerLog(before);
      return l.filter((e) => e.tabId === busy.tabId && (e.event === 'start' || e.event === 'superseded')).length === sent;
    });
    const log = await workerLog(before);
    const received = log.findIndex((e) => e.tabId === normal.tabId && e.event === 'received');
    const started = log.findIndex((e) => e.tabId === normal.tabId && e.event === 'start');
    assert.ok(received >= 0 && started > received, JSON.stringify(log.filter((e) => e.tabId === normal.tabId)));
    const busyEnds = log.filter((e, i) => i > received && e.tabId === busy.tabId && e.event === 'end').length;
    assert.ok(busyEnds > 0, 'the busy tab was still being checked when the normal tab asked (else this test proves nothing)');
    const between = log.slice(received, started).filter((e) => e.event === 'start');
    assert.ok(between.length <= 1, `${between.length} checks of other tabs started while the normal tab waited`);
    // Only the newest waiting snapshot of a tab is kept: 200 snapshots, a few checks.
    const busyChecks = log.filter((e) => e.tabId === busy.tabId && e.event === 'start').length;
    const superseded = log.filter((e) => e.tabId === busy.tabId && e.event === 'superseded').length;
    // A 1 MB check takes longer than the 20 ms between snapshots: most are superseded.
    assert.ok(busyChecks * 3 < sent, `${busyChecks} checks for ${sent} snapshots`);
    assert.equal(busyChecks + superseded, sent);
    await busy.page.close();
    await normal.page.close();
  });
});

describe('messages from a content-script context', () => {
  it('are refused when they name another tab, another origin, the settings, or have the wrong shape', { timeout: 120_000 }, async () => {
    const a = await openChecked(browser, 'http://www.aa.gov.cn/missing-footer.html');
    const b = await openChecked(browser, 'http://www.bb.gov.cn/compliant.html');
    const settingsBefore = await browser.evalSW(() => chrome.storage.local.get(null));
    const snapshot = (extra) => ({ type: 'cs-bg-snapshot', reason: 'load', html: '<html><body>x</body></html>', url: 'http://www.aa.gov.cn/missing-footer.html', title: 't', ...extra });
    const cases = [
      [{ type: 'constructor' }, 'unknown-message'],
      [{ type: '__proto__' }, 'unknown-message'],
      [{ type: 'toString' }, 'unknown-message'],
      [{ type: 'hasOwnProperty' }, 'unknown-message'],
      [{ type: 42 }, 'unknown-message'],
      [{ type: 'ui-bg-get-state', tabId: b.tabId }, 'forbidden'],
      [{ type: 'ui-bg-check-tab', tabId: b.tabId }, 'forbidden'],
      [{ type: 'ui-bg-set-webmaster', origin: 'http://www.bb.gov.cn', on: true }, 'forbidden'],
      [{ type: 'ui-bg-set-webmaster', origin: 'http://www.aa.gov.cn', on: true }, 'forbidden'],
      [{ type: 'ui-bg-sync-origins' }, 'forbidden'],
      [snapshot({ html: 5 }), 'bad-message'],
      [snapshot({ html: ['<html>'] }), 'bad-message'],
      [snapshot({ url: undefined }), 'bad-message'],
      [snapshot({ reason: 'constructor' }), 'bad-message'],
      [snapshot({ title: { toString: 1 } }), 'bad-message'],
      [snapshot({ url: 'http://www.bb.gov.cn/compliant.html' }), 'forbidden'],
      [snapshot({ url: 'https://www.aa.gov.cn/missing-footer.html' }), 'forbidden'],
    ];
    const answers = await sendFromTab(a.tabId, cases.map(([m]) => m));
    cases.forEach(([m, error], i) => assert.deepEqual(answers[i], { res: { error } }, JSON.stringify(m)));

    // Nothing changed: tab B's report, the settings.
    assert.equal((await waitForState(browser, b.tabId)).checkedAt, b.state.checkedAt);
    assert.equal((await waitForState(browser, a.tabId)).url, 'http://www.aa.gov.cn/missing-footer.html');
    assert.deepEqual(await browser.evalSW(() => chrome.storage.local.get(null)), settingsBefore);

    // Storage itself is closed to that context (settings and reports alike).
    const storage = await browser.evalSW(async (id) => {
      const [r] = await chrome.scripting.executeScript({
        target: { tabId: id },
        func: async () => {
          const attempt = (p) => p.then(() => 'allowed', () => 'refused');
          return {
            localSet: await attempt(chrome.storage.local.set({ webmaster: { 'http://www.bb.gov.cn': true } })),
            localGet: await attempt(chrome.storage.local.get(null)),
            sessionGet: await attempt(chrome.storage.session.get(null)),
          };
        },
      });
      return r.result;
    }, a.tabId);
    assert.deepEqual(storage, { localSet: 'refused', localGet: 'refused', sessionGet: 'refused' });
    assert.deepEqual(await browser.evalSW(() => chrome.storage.local.get(null)), settingsBefore);

    // The same context may still do its job: a snapshot of its own page is checked.
    const since = Date.now();
    const [own] = await sendFromTab(a.tabId, [snapshot({ html: '<html><head><title>自己</title></head><body>x</body></html>' })]);
    assert.ok(own.res?.status, JSON.stringify(own));
    assert.equal((await waitForState(browser, a.tabId, { since })).title, 't');

    // And an extension page may ask about any tab.
    const popup = await openPopup(browser, a.tabId);
    const viaPopup = await popup.evaluate((id) => chrome.runtime.sendMessage({ type: 'ui-bg-get-state', tabId: id }), b.tabId);
    assert.equal(viaPopup.state.checkedAt, b.state.checkedAt);
    await popup.close();
    await a.page.close();
    await b.page.close();
  });

  it('a snapshot over the size limit is refused before it reaches the engine, and says so in both languages', { timeout: 120_000 }, async () => {
    const { page, tabId } = await openChecked(browser, 'http://www.aa.gov.cn/missing-footer.html?large');
    await browser.evalSW(() => chrome.storage.local.set({ thresholds: { max_html_bytes: 2000 } }));
    try {
      const since = Date.now();
      const [answer] = await sendFromTab(tabId, [{ type: 'cs-bg-snapshot', reason: 'load', html: `<html><body>${'字'.repeat(3000)}</body></html>`, url: page.url(), title: 'big' }]);
      assert.deepEqual(answer, { res: { status: 'error', costMs: 0 } });
      const state = await waitForState(browser, tabId, { since });
      assert.equal(state.report, undefined);
      assert.match(state.error, /页面过大（至少 \d+ 字节，上限 2000 字节） \/ page too large/);
      assert.equal((await badgeOf(browser, tabId)).text, '!');
    } finally {
      await browser.evalSW(() => chrome.storage.local.remove('thresholds'));
      await page.close();
    }
  });
});

describe('same-document navigations', () => {
  const navigated = (page) => page.waitForFunction(() => new URL(location.href).searchParams.get('n') === '1000', null, { timeout: 30_000 });

  it('a pushState loop is checked a few times, not once per navigation', { timeout: 120_000 }, async () => {
    const { page, tabId } = await openChecked(browser, 'http://www.spa.gov.cn/spa.html');
    try {
      const before = await mark();
      await page.evaluate(() => window.go());
      await navigated(page);
      // The last address is still checked (after the debounce).
      const last = await until('the check of the last address', async () => {
        const state = await waitForState(browser, tabId);
        return state.url.endsWith('?n=1000') && state;
      });
      assert.equal(last.reason, 'navigate');
      const { sent } = await ping(tabId);
      assert.ok(sent <= 7, `${sent} snapshots sent for 1 000 navigations`);
      const checks = (await workerLog(before)).filter((e) => e.tabId === tabId && e.event === 'start').length;
      assert.ok(checks >= 1 && checks <= 6, `${checks} checks for 1 000 navigations`);
    } finally {
      await page.close();
    }
  });

  it('with automatic checking off (and no webmaster mode) navigations are not checked', { timeout: 120_000 }, async () => {
    await browser.evalSW(() => chrome.storage.local.set({ autoCheck: false }));
    const page = await browser.context.newPage();
    try {
      await page.goto('http://www.spa.gov.cn/spa.html?off');
      const tabId = await tabIdOf(browser, page);
      const before = await mark();
      await page.evaluate(() => window.go());
      await navigated(page);
      // The content script is there and has sent nothing.
      const answer = await until('the content script', () => ping(tabId));
      assert.equal(answer.sent, 0);
      assert.equal(await browser.evalSW(async (id) => (await chrome.storage.session.get(`tab:${id}`))[`tab:${id}`] ?? null, tabId), null);
      assert.deepEqual((await workerLog(before)).filter((e) => e.tabId === tabId), []);
    } finally {
      await page.close();
      await browser.evalSW(() => chrome.storage.local.remove('autoCheck'));
    }
  });
});

describe('a DOM too deep for outerHTML', () => {
  for (const [name, what] of [['deep-template', 'inside a <template>'], ['deep-divs', 'in the document']]) {
    it(`100 000 elements deep ${what}: the tab survives and gets a report`, { timeout: 120_000 }, async () => {
      const url = `http://www.deep.gov.cn/${name}.html`;
      const { page, tabId, state } = await openChecked(browser, url, { timeout: 30_000 });
      assert.equal(state.error, undefined);
      assert.equal(state.report.meta.url, url);
      assert.equal(state.capped, true, 'the depth-capped serialiser ran');
      assert.ok(state.htmlChars < 200_000, `${state.htmlChars} chars`);
      assert.ok(!state.report.verdict.failed_rules.includes('footer-icp'), `the footer after the deep part was seen: ${state.report.verdict.failed_rules}`);
      assert.equal(await page.evaluate(() => document.title), '测试页', 'the tab is alive');
      // The click path reads the page the same way.
      const clicked = await browser.evalSW((id) => globalThis.govcheck.checkTab(id, 'click'), tabId);
      assert.equal(clicked.error, undefined);
      assert.equal(clicked.capped, true);
      await page.close();
    });
  }

  it('the serialiser writes what outerHTML writes on a page of awkward markup', { timeout: 120_000 }, async () => {
    const src = await readFile(path.join(EXT, 'content/serialise.js'), 'utf8');
    server.route('/awkward.html', doc(`<p class="a&quot;b" data-x="<t> & 'q' \u00a0">a &amp; &lt;b&gt; \u00a0 "q"</p>
      <svg viewBox="0 0 1 1" xmlns:xlink="http://www.w3.org/1999/xlink"><foreignObject><div>x</div></foreignObject><use xlink:href="#a"/><style>a > b {}</style></svg>
      <math><mi>x</mi></math><template><p>in &amp; template<template><b>deeper</b></template></p></template>
      <textarea>a &lt; b</textarea><xmp>a < b & c</xmp><noscript><p>&amp;</p></noscript><iframe>x<y</iframe><br><img alt="a>b"><input value='"'>
      <table><tr><td>1</td></tr></table><!-- comment --><pre>\nline</pre>
      <script>
        document.body.append(document.createProcessingInstruction('pi', 'x="1"'));
        const e = document.createElementNS('urn:x', 'p:thing'); e.setAttributeNS('urn:y', 'q:attr', 'v'); document.body.append(e);
        const br = document.createElement('br'); br.append('child of a void element'); document.body.append(br);
      </script>`, '<style>a > b { content: "&" }</style>'));
    const tab = await browser.context.newPage();
    const problems = [];
    for (const file of ['awkward.html', 'compliant.html', 'missing-footer.html']) {
      await tab.goto(`http://127.0.0.1:${server.port}/${file}`);
      await tab.evaluate(src);
      const r = await tab.evaluate(() => {
        const ours = globalThis.__govcheckSerialise.serialise(document.documentElement);
        const theirs = document.documentElement.outerHTML;
        let i = 0;
        while (i < ours.length && ours[i] === theirs[i]) i++;
        return { same: ours === theirs, at: i, ours: ours.slice(i - 30, i + 50), theirs: theirs.slice(i - 30, i + 50) };
      });
      if (!r.same) problems.push(`${file}: ${JSON.stringify(r)}`);
    }
    assert.deepEqual(problems, []);
    // Over the cap: the tags go, the text stays, the document stays well formed.
    const capped = await tab.evaluate(() => {
      const root = document.createElement('div');
      let node = root;
      for (let i = 0; i < 20; i++) { const el = document.createElement(i % 2 ? 'template' : 'b'); (node.content ?? node).append(el); node = el; }
      (node.content ?? node).append('底');
      return globalThis.__govcheckSerialise.serialise(root, 5);
    });
    assert.equal(capped, '<div><b><template><b><template>底</template></b></template></b></div>');
    await tab.close();
  });
});

describe('the highlight overlay', () => {
  it('a page that defines govcheck-highlight, pre-creates a closed host and hides new elements cannot fake or hide the boxes', { timeout: 120_000 }, async () => {
    const { page, tabId, state } = await openChecked(browser, 'http://www.trap.gov.cn/preempt.html');
    assert.ok(state.report.verdict.failed > 0);
    const popup = await openPopup(browser, tabId);
    await popup.click('#highlight-all');
    await popup.waitForFunction(() => document.getElementById('status').textContent !== '');
    const numbered = await popup.$$eval('#report .gc-num', (els) => els.map((e) => e.textContent));
    const status = await popup.$eval('#status', (e) => e.textContent);
    assert.match(status, new RegExp(`^(已标出 ${numbered.length} 处|Outlined ${numbered.length} of)`), status);
    // Let the page's synthetic Escape presses and its observer have their go.
    const escapes = await page.evaluate(() => window.escapes);
    await page.waitForFunction((n) => window.escapes >= n + 5, escapes);
    // The page saw our host arrive but could not look inside or attach its own root.
    const seen = await page.evaluate(() => ({ roots: window.seenShadowRoots, fake: window.fakeRoots, hosts: document.querySelectorAll('govcheck-highlight').length }));
    assert.ok(seen.roots.includes('closed'), JSON.stringify(seen));
    assert.ok(!seen.roots.includes('open') && !seen.roots.includes('attached'), JSON.stringify(seen));
    assert.deepEqual({ fake: seen.fake, hosts: seen.hosts }, { fake: 1, hosts: 1 }, 'the page\'s own element was neither used nor copied');
    const overlay = await overlayOf(browser, tabId);
    assert.ok(overlay, 'an overlay is drawn');
    assert.equal(overlay.connected, true);
    assert.deepEqual(overlay.host, { display: 'block', visibility: 'visible', opacity: '1', zIndex: '2147483647' });
    assert.ok(overlay.boxes.length > 0);
    for (const box of overlay.boxes) assert.ok(box.visible, `box ${box.label} is visible`);
    const byNumber = (x, y) => Number(x.slice(1)) - Number(y.slice(1));
    assert.deepEqual(overlay.boxes.flatMap((b) => b.label.split(' ')).filter(Boolean).sort(byNumber), [...numbered].sort(byNumber));
    // "Clear" still works, from the popup.
    await popup.click('#clear-highlight');
    await until('the overlay to go', async () => (await overlayOf(browser, tabId)) === null);
    await popup.close();
    await page.close();
  });
});

describe('webmaster mode on a page that never stops changing', () => {
  it('re-checks within 5 s of the first change, and keeps re-checking', { timeout: 120_000 }, async () => {
    const { page, tabId, state } = await openChecked(browser, 'http://www.tick.gov.cn/ticker.html');
    await browser.evalSW(() => chrome.storage.local.set({ webmaster: { 'http://www.tick.gov.cn': true } }));
    try {
      await until('the observer', async () => (await ping(tabId))?.webmaster === true);
      const t0 = Date.now();
      await page.evaluate(() => window.start());
      const first = await waitForState(browser, tabId, { since: state.checkedAt, timeout: 15_000 });
      assert.equal(first.reason, 'mutation');
      // checkedAt is when the worker started the check; the page's first change came
      // after t0. The check of this small page costs a few ms, so nothing excuses more.
      assert.ok(first.checkedAt - t0 <= 5_000, `first re-check ${first.checkedAt - t0} ms after the first change`);
      const second = await waitForState(browser, tabId, { since: first.checkedAt, timeout: 15_000 });
      assert.equal(second.reason, 'mutation');
      assert.ok(second.checkedAt - first.checkedAt >= 2_000, `spaced ${second.checkedAt - first.checkedAt} ms apart`);
      assert.ok(second.checkedAt - first.checkedAt <= 6_000, `spaced ${second.checkedAt - first.checkedAt} ms apart`);
    } finally {
      await browser.evalSW(() => chrome.storage.local.set({ webmaster: {} }));
      await page.close();
    }
  });
});
