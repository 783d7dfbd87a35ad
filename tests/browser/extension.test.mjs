// The extension in a real Chromium: the built WASM engine, the unpacked extension, and
// pages served from 127.0.0.1 under government hostnames (see harness.mjs).
// Run: node --test --test-concurrency=1 tests/browser/   (after `bash build.sh`)

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import {
  FIXTURES, startServer, launch, openChecked, openPopup, badgeOf, waitForState, tabIdOf, overlayOf, COLORS, docsProse,
} from './harness.mjs';
import { bigPage } from './pages.mjs';

const FOOTER_RULES = ['footer-conac-badge', 'footer-zhaocuo-entry', 'footer-site-code', 'footer-icp',
  'footer-psb-beian', 'footer-sponsor-contact', 'footer-sitemap'];

const fixture = (name) => ({ file: path.join(FIXTURES, name), template: true });

let server;
let browser;

before(async () => {
  server = await startServer({
    '/compliant.html': fixture('compliant.html'),
    '/missing-footer.html': fixture('missing-footer.html'),
    '/stale-home.html': fixture('stale-home.html'),
    '/hostile.html': fixture('hostile.html'),
    '/csp.html': { ...fixture('missing-footer.html'), headers: { 'content-security-policy': "default-src 'none'; script-src 'none'; object-src 'none'" } },
    '/big.html': { body: bigPage() },
  });
  browser = await launch({ port: server.port });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Every finding's outcome and rule in a stored report, as "rule:outcome" strings. */
const outcomes = (report) => report.findings.map((f) => `${f.rule}:${f.outcome}`);

function assertBadgeMatches(badge, report) {
  const { verdict } = report;
  if (verdict.veto_failed > 0) {
    assert.equal(badge.text, String(verdict.failed));
    assert.deepEqual(badge.color, COLORS.fail_veto);
  } else if (verdict.failed > 0) {
    assert.equal(badge.text, String(verdict.failed));
    assert.deepEqual(badge.color, COLORS.fail);
  } else {
    assert.equal(badge.text, '✓');
    assert.deepEqual(badge.color, COLORS.pass);
  }
  // The tooltip says how many indicators were decided on this page.
  assert.match(badge.title, new RegExp(`${report.coverage.decided}\\D+${report.coverage.total}`));
}

describe('automatic check and badge', () => {
  it('a compliant page gets a green ✓', async () => {
    const { page, tabId, state } = await openChecked(browser, 'http://www.hd.gov.cn/compliant.html');
    assert.equal(state.error, undefined);
    const { report } = state;
    assert.equal(report.meta.url, 'http://www.hd.gov.cn/compliant.html');
    for (const id of FOOTER_RULES) assert.ok(report.meta.rules_run.includes(id), `rules_run lacks ${id}`);
    assert.deepEqual(report.verdict.failed_rules, [], `unexpected failures: ${outcomes(report).filter((o) => o.endsWith(':fail'))}`);
    const badge = await badgeOf(browser, tabId);
    assert.equal(badge.text, '✓');
    assert.deepEqual(badge.color, COLORS.pass);
    assertBadgeMatches(badge, report);
    await page.close();
  });

  it('a page missing footer items gets an amber count and names the missing items', async () => {
    const { page, tabId, state } = await openChecked(browser, 'http://www.xx.gov.cn/missing-footer.html');
    const { report } = state;
    for (const id of ['footer-conac-badge', 'footer-zhaocuo-entry', 'footer-site-code', 'footer-icp', 'footer-psb-beian', 'footer-sitemap']) {
      assert.ok(outcomes(report).includes(`${id}:fail`), `${id} should fail: ${outcomes(report)}`);
    }
    assert.equal(report.verdict.veto_failed, 0);
    const badge = await badgeOf(browser, tabId);
    assert.equal(badge.text, String(report.verdict.failed));
    assert.ok(report.verdict.failed >= 6);
    assert.deepEqual(badge.color, COLORS.fail);
    assertBadgeMatches(badge, report);
    await page.close();
  });

  it('a veto-class failure gets a red count (badge drawn for a veto verdict)', async () => {
    // The same badge code the worker runs after a check, fed a veto verdict, so the red
    // path is covered whatever veto rules the engine has today.
    const { page, tabId, state } = await openChecked(browser, 'http://www.xx.gov.cn/missing-footer.html');
    const veto = structuredClone(state.report);
    veto.verdict = { ...veto.verdict, status: 'fail_veto', veto_failed: 1 };
    await browser.evalSW(({ id, report }) => globalThis.govcheck.setBadge(id, { report }), { id: tabId, report: veto });
    const badge = await badgeOf(browser, tabId);
    assert.equal(badge.text, String(veto.verdict.failed));
    assert.deepEqual(badge.color, COLORS.fail_veto);
    assertBadgeMatches(badge, veto);
    await page.close();
  });

  it('a home page not updated for 120 days (veto: home-not-updated) gets a red count', async (t) => {
    const ids = await browser.evalSW(async () => (await globalThis.govcheck.engine.rules()).map((r) => r.id));
    if (!ids.includes('home-not-updated')) { t.skip('the engine has no home-not-updated rule yet'); return; }
    const { page, tabId, state } = await openChecked(browser, 'http://www.hd.gov.cn/stale-home.html');
    const { report } = state;
    assert.ok(report.verdict.veto_failed > 0, `expected a veto failure: ${outcomes(report)}`);
    assert.equal(report.verdict.status, 'fail_veto');
    const badge = await badgeOf(browser, tabId);
    assert.deepEqual(badge.color, COLORS.fail_veto);
    assertBadgeMatches(badge, report);
    await page.close();
  });

  it('a page with a strict CSP (script-src none) is still checked', async () => {
    const { page, tabId, state } = await openChecked(browser, 'http://www.hd.gov.cn/csp.html');
    assert.equal(state.error, undefined);
    assert.ok(state.report.verdict.failed_rules.includes('footer-icp'), state.report.verdict.failed_rules.join());
    // The page's own CSP is in force (an inline script would not run)…
    const violated = await page.evaluate(() => new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective));
      const probe = new Image();
      probe.src = '/probe.png';
      setTimeout(() => resolve('no violation'), 2000);
    }));
    assert.equal(violated, 'img-src');
    assertBadgeMatches(await badgeOf(browser, tabId), state.report);
    // Highlighting is injected by the extension, which the page's CSP does not govern.
    const popup = await openPopup(browser, tabId);
    await popup.click('#highlight-all');
    await popup.waitForFunction(() => document.getElementById('status').textContent !== '');
    const labels = ((await overlayOf(browser, tabId))?.boxes ?? []).map((b) => b.label);
    const located = state.report.findings.filter((f) => f.selector && ['fail', 'review', 'needs_site'].includes(f.outcome)).length;
    assert.ok(located > 0);
    assert.equal(labels.join(' ').split(' ').filter(Boolean).length, located);
    await popup.close();
    await page.close();
  });

  it('a generated 1 MB page is checked', async () => {
    const { page, tabId, state } = await openChecked(browser, 'http://www.hd.gov.cn/big.html', { timeout: 30_000 });
    assert.equal(state.error, undefined);
    assert.ok(state.htmlChars > 500_000, `snapshot was ${state.htmlChars} chars`);
    assert.ok(state.report.meta.html_bytes > 1_000_000);
    assertBadgeMatches(await badgeOf(browser, tabId), state.report);
    await page.close();
  });
});

describe('popup', () => {
  it('lists findings by outcome and indicator, and a click outlines the element on the page', async () => {
    const { page, tabId, state } = await openChecked(browser, 'http://www.hd.gov.cn/compliant.html');
    const popup = await openPopup(browser, tabId);
    const rendered = await popup.$$eval('#report .gc-finding', (els) => els.map((e) => e.dataset.rule));
    assert.deepEqual(new Set(rendered), new Set(state.report.findings.map((f) => f.rule)));
    assert.equal(await popup.$eval('.gc-verdict', (e) => e.dataset.status), state.report.verdict.status);

    const icp = state.report.findings.find((f) => f.rule === 'footer-icp' && f.outcome === 'pass');
    assert.ok(icp?.selector, 'the ICP pass finding has a selector');
    // The pass group starts closed: open it and the indicator's card, then locate its row.
    await popup.click('.gc-group-pass > summary');
    await popup.click(`.gc-group-pass .gc-card[data-rule="footer-icp"] > summary`);
    await popup.click(`.gc-group-pass .gc-card[data-rule="footer-icp"] .gc-locate`);
    await popup.waitForFunction(() => /Outlined|标出/.test(document.getElementById('status').textContent));
    const box = (await overlayOf(browser, tabId))?.boxes[0];
    const target = await page.evaluate((selector) => {
      const el = document.querySelector(selector);
      const r = el?.getBoundingClientRect();
      return el && { text: el.textContent, x: r.left, y: r.top, width: r.width, inView: r.top >= 0 && r.bottom <= innerHeight };
    }, icp.selector);
    const result = box && target && {
      text: target.text, dx: Math.abs(box.rect.x + 2 - target.x), dy: Math.abs(box.rect.y + 2 - target.y),
      dw: Math.abs(box.rect.width - 4 - target.width), boxSelector: box.selector, inView: target.inView, visible: box.visible,
    };
    assert.ok(result, 'an outline box was drawn');
    assert.match(result.text, /ICP备05003367号/);
    assert.equal(result.boxSelector, icp.selector);
    assert.ok(result.dx < 1.5 && result.dy < 1.5 && result.dw < 1.5, `box off the element: ${JSON.stringify(result)}`);
    assert.ok(result.inView, 'the element was scrolled into view');
    assert.ok(result.visible, 'the box is visible');

    // The card is open on its rows and basis.
    const body = await popup.$eval(`.gc-group-pass .gc-card[data-rule="footer-icp"]`, (d) => ({ open: d.open, basis: Boolean(d.querySelector('.gc-basis')) }));
    assert.ok(body.open && body.basis);
    await popup.close();
    await page.close();
  });

  it('"highlight all" numbers every located failure; the button for a later version is disabled with a tooltip', async () => {
    const { page, tabId, state } = await openChecked(browser, 'http://www.xx.gov.cn/missing-footer.html');
    const popup = await openPopup(browser, tabId);
    await popup.click('#highlight-all');
    await popup.waitForFunction(() => document.getElementById('status').textContent !== '');
    // One box per element; findings on the same element share it ("#1 #2").
    const labels = (await overlayOf(browser, tabId)).boxes.map((b) => b.label).filter(Boolean);
    const numbered = await popup.$$eval('#report .gc-num', (els) => els.map((e) => e.textContent));
    assert.ok(labels.length > 0);
    const byNumber = (a, b) => Number(a.slice(1)) - Number(b.slice(1));
    assert.deepEqual(labels.flatMap((l) => l.split(' ')).sort(byNumber), [...numbered].sort(byNumber));
    assert.ok(state.report.findings.some((f) => f.outcome === 'fail'));

    // 找错 is real now (tests/browser/citizen.test.mjs), and so is 检查整站 (site.test.mjs).
    assert.ok(!(await popup.$eval('#report-error', (b) => b.disabled)), 'report-error is enabled');
    const site = await popup.$eval('#site-check', (b) => ({ disabled: b.disabled, title: b.title }));
    assert.ok(!site.disabled, 'site-check is enabled');
    assert.ok(site.title.length > 3, 'site-check has a tooltip');
    assert.match(await popup.$eval('#report-error', (b) => b.textContent), /找错/);

    await popup.click('#clear-highlight');
    await popup.waitForFunction(() => document.getElementById('status').textContent === '');
    assert.equal(await overlayOf(browser, tabId), null);
    await popup.close();
    await page.close();
  });

  it('exports JSON, CSV with a BOM and printable HTML made by the engine', async () => {
    const { page, tabId, state } = await openChecked(browser, 'http://www.xx.gov.cn/missing-footer.html');
    const popup = await openPopup(browser, tabId);
    const read = async (button) => {
      const [download] = await Promise.all([popup.waitForEvent('download'), popup.click(button)]);
      return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
    };
    const json = await read('#export-json');
    assert.match(json.name, /^govcheck-www\.xx\.gov\.cn-\d{4}-\d{2}-\d{2}\.json$/);
    assert.deepEqual(JSON.parse(json.bytes.toString('utf8')), state.report);
    const csv = await read('#export-csv');
    assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'CSV starts with a UTF-8 BOM');
    assert.match(csv.bytes.toString('utf8'), /footer-icp/);
    const html = await read('#export-html');
    assert.match(html.name, /\.html$/);
    assert.match(html.bytes.toString("utf8"), /<!doctype html|<html/i);
    await popup.close();
    await page.close();
  });
});

describe('webmaster mode cost', () => {
  it('a page that changes all the time is re-checked only every few seconds', async () => {
    const { page, tabId, state } = await openChecked(browser, 'http://www.xx.gov.cn/missing-footer.html?ticker');
    await browser.evalSW(() => chrome.storage.local.set({ webmaster: { 'http://www.xx.gov.cn': true } }));
    try {
      await observing(tabId, true);
      // A ticker: one DOM change every 50 ms for 5 s (100 changes).
      await page.evaluate(() => new Promise((resolve) => {
        let n = 0;
        const id = setInterval(() => {
          document.getElementById('footer-line').dataset.tick = String(n++);
          if (n === 100) { clearInterval(id); resolve(); }
        }, 50);
      }));
      // Until the re-check the last changes asked for is done.
      const idle = await settled(tabId);
      const checks = (await waitForState(browser, tabId)).checks - state.checks;
      assert.ok(checks >= 1 && checks <= 3, `${checks} re-checks for 100 changes in 5 s`);

      // The extension's own highlight overlay is not a page change: drawing and clearing
      // it leave nothing asked for (the observer has run by the time the popup hears back).
      const popup = await openPopup(browser, tabId);
      await popup.click('#highlight-all');
      await popup.waitForFunction(() => document.getElementById('status').textContent !== '');
      await popup.click('#clear-highlight');
      await popup.waitForFunction(() => document.getElementById('status').textContent === '');
      const after = await ping(tabId);
      assert.deepEqual({ pending: after.pending, sent: after.sent }, { pending: false, sent: idle.sent }, 'highlighting caused a re-check');
      assert.equal((await waitForState(browser, tabId)).checks, state.checks + checks);
      await popup.close();
    } finally {
      await browser.evalSW(() => chrome.storage.local.set({ webmaster: {} }));
      await page.close();
    }
  });
});

describe('check on click', () => {
  it('with automatic checking off, a page is checked when the popup opens (the toolbar-click handler)', async () => {
    await browser.evalSW(() => chrome.storage.local.set({ autoCheck: false }));
    try {
      const page = await browser.context.newPage();
      await page.goto('http://www.xx.gov.cn/missing-footer.html?manual');
      const tabId = await tabIdOf(browser, page);
      // Once the content script has its settings and nothing in flight, no check is coming.
      const idle = await settled(tabId);
      assert.equal(idle.sent, 0, 'no snapshot sent');
      assert.equal(await browser.evalSW(async (id) => (await chrome.storage.session.get(`tab:${id}`))[`tab:${id}`] ?? null, tabId), null, 'not checked automatically');
      assert.equal((await badgeOf(browser, tabId)).text, '');
      const popup = await openPopup(browser, tabId);
      const state = await waitForState(browser, tabId);
      assert.equal(state.reason, 'click');
      assert.ok(state.report.verdict.failed > 0);
      assert.equal((await badgeOf(browser, tabId)).text, String(state.report.verdict.failed));
      assert.equal(await popup.$eval('.gc-verdict', (e) => e.dataset.status), state.report.verdict.status);
      await popup.close();
      await page.close();
    } finally {
      await browser.evalSW(() => chrome.storage.local.remove('autoCheck'));
    }
  });

  it('a page the extension may not read shows a notice, not a report', async () => {
    const page = await browser.context.newPage();
    await page.goto(`http://127.0.0.1:${server.port}/missing-footer.html`);
    const tabId = await browser.evalSW(async () => {
      const tabs = await chrome.tabs.query({});
      return Math.max(...tabs.map((t) => t.id));
    });
    const popup = await openPopup(browser, tabId);
    // Without a toolbar click (activeTab) or a granted origin, reading the page fails.
    await popup.waitForSelector('#notice:not([hidden])');
    assert.equal(await popup.$eval('body', (b) => b.dataset.status), 'error');
    assert.equal(await popup.$$eval('#report *', (els) => els.length), 0);
    await popup.close();
    await page.close();
  });
});

/** Poll `test` (every 25 ms, up to 10 s) until it is true: a wait on state, not a sleep. */
async function until(what, test) {
  const end = Date.now() + 10_000;
  while (Date.now() < end) {
    if (await test()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const ping = (tabId) => browser.evalSW((id) => chrome.tabs.sendMessage(id, { type: 'bg-cs-ping' }).catch(() => null), tabId);

/** Wait until the tab's content script has no check asked for or in flight; its ping. */
async function settled(tabId) {
  const end = Date.now() + 15_000;
  while (Date.now() < end) {
    const answer = await ping(tabId);
    if (answer && !answer.pending) return answer;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the content script never settled');
}

/** Wait until the tab's content script has (or has not) a MutationObserver running. */
async function observing(tabId, on) {
  const end = Date.now() + 5_000;
  while (Date.now() < end) {
    const ping = await browser.evalSW((id) => chrome.tabs.sendMessage(id, { type: 'bg-cs-ping' }).catch(() => null), tabId);
    if (ping && ping.webmaster === on) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`webmaster observer never became ${on ? 'active' : 'inactive'}`);
}

describe('webmaster mode', () => {
  it('re-checks after the page changes and shows what was resolved and what is new', async () => {
    const { page, tabId, state: first } = await openChecked(browser, 'http://www.xx.gov.cn/missing-footer.html');
    assert.ok(outcomes(first.report).includes('footer-icp:fail'));
    const popup = await openPopup(browser, tabId);
    assert.equal(await popup.$eval('#webmaster', (c) => c.checked), false, 'off by default');
    await popup.click('#webmaster');
    await popup.waitForFunction(() => document.getElementById('webmaster').checked);
    // The content script starts observing once the setting lands in storage.
    await observing(tabId, true);

    const before = Date.now();
    await page.evaluate(() => {
      const line = document.getElementById('footer-line');
      const icp = document.createElement('a');
      icp.id = 'icp';
      icp.href = 'https://beian.miit.gov.cn/';
      icp.textContent = '冀ICP备05003367号';
      line.append(' ', icp);
    });
    const second = await waitForState(browser, tabId, { since: before, timeout: 10_000 });
    assert.equal(second.reason, 'mutation');
    assert.ok(second.diff, 'the re-check carries a diff');
    assert.ok(second.diff.resolved.some((f) => f.rule === 'footer-icp'), `footer-icp resolved: ${JSON.stringify(second.diff)}`);
    assert.ok(!outcomes(second.report).includes('footer-icp:fail'));
    const badge = await badgeOf(browser, tabId);
    assert.equal(badge.text, String(second.report.verdict.failed));

    // The open popup follows the re-check and shows the difference.
    await popup.waitForSelector('.gc-diff-resolved li[data-rule="footer-icp"]', { timeout: 5_000 });

    // A change that breaks something shows up as added.
    const before2 = Date.now();
    await page.evaluate(() => { document.getElementById('footer-line').textContent = ''; document.title = ''; });
    const third = await waitForState(browser, tabId, { since: before2, timeout: 10_000 });
    assert.ok(third.diff.added.length > 0 || third.diff.resolved.length === 0, JSON.stringify(third.diff));
    assert.ok(third.diff.added.some((f) => f.rule === 'footer-icp'), `footer-icp added again: ${JSON.stringify(third.diff)}`);

    // Turning it off stops re-checks.
    await popup.click('#webmaster');
    await popup.waitForFunction(() => !document.getElementById('webmaster').checked);
    await observing(tabId, false);
    const checks = (await waitForState(browser, tabId)).checks;
    const { sent } = await settled(tabId);
    await page.evaluate(() => document.body.append('changed'));
    const after = await ping(tabId);
    assert.deepEqual({ pending: after.pending, sent: after.sent }, { pending: false, sent }, 'no re-check asked for with webmaster mode off');
    assert.equal((await waitForState(browser, tabId)).checks, checks, 'no re-check with webmaster mode off');
    await popup.close();
    await page.close();
  });
});

describe('re-check', () => {
  it('a reload of the same page is compared with the previous check', async () => {
    const { page, tabId, state } = await openChecked(browser, 'http://www.xx.gov.cn/missing-footer.html?reload');
    const since = Date.now();
    await page.reload();
    const again = await waitForState(browser, tabId, { since });
    assert.equal(again.checks, state.checks + 1);
    assert.deepEqual({ added: again.diff.added, resolved: again.diff.resolved }, { added: [], resolved: [] });
    assert.ok(again.diff.unchanged > 0);
    await page.close();
  });
});

describe('hostile page', () => {
  it('shows page text that looks like markup as plain text, and runs none of it', async () => {
    const { page, tabId, state } = await openChecked(browser, 'http://www.hd.gov.cn/hostile.html');
    assert.equal(state.error, undefined);
    const popup = await openPopup(browser, tabId);
    const dialogs = [];
    popup.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    // Open every group and finding so everything is rendered and visible.
    await popup.$$eval('#report details', (ds) => ds.forEach((d) => { d.open = true; }));
    const result = await popup.evaluate(() => ({
      elements: [...document.querySelectorAll('#report img, #report script, #report svg, #report iframe, #report [onerror], #report [onclick], #report a[href^="javascript"]')].map((e) => e.outerHTML),
      text: document.getElementById('report').textContent + document.getElementById('page-host').title,
      pwned: window.__pwned,
    }));
    assert.deepEqual(result.elements, []);
    assert.equal(result.pwned, undefined);
    // At least one payload reached the popup and is shown literally.
    assert.match(result.text, /<img src=x onerror=alert\(\d+\)>|<\/script>|<script>/);
    // Also through the engine's printable HTML export, loaded as a page.
    const html = await popup.evaluate(async (report) => (await import('./lib/engine.js')).reportHtml(report), state.report);
    const viewer = await browser.context.newPage();
    viewer.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    await viewer.setContent(html);
    assert.equal(await viewer.evaluate(() => document.querySelectorAll('img[src="x"], script, svg').length), 0);
    // Anything that could run has had its turn once the page has painted twice.
    await viewer.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.deepEqual(dialogs, []);
    await viewer.close();
    await popup.close();
    await page.close();
  });
});

describe('storage', () => {
  it('when storage.session is full, the oldest reports make room for the new one', async () => {
    const fakes = await browser.evalSW(async () => {
      // Fill storage.session to within 20 KB of its quota, whatever is in it already, so
      // the new report (well over 20 KB for a 1 MB page) cannot fit without evictions.
      const free = chrome.storage.session.QUOTA_BYTES - await chrome.storage.session.getBytesInUse(null);
      const pad = 'x'.repeat(Math.floor((free - 20_000) / 11) - 100);
      const entries = {};
      for (let i = 0; i < 11; i++) entries[`tab:${990_000 + i}`] = { checkedAt: i, url: 'http://old.gov.cn/', pad };
      await chrome.storage.session.set(entries);
      return Object.keys(entries);
    });
    try {
      const { state } = await openChecked(browser, 'http://www.hd.gov.cn/big.html?full', { timeout: 30_000 });
      assert.ok(state.report, 'the new report was stored');
      const left = await browser.evalSW(async (keys) => Object.keys(await chrome.storage.session.get(keys)), fakes);
      assert.ok(left.length < fakes.length && left.length > 0, `${left.length} of ${fakes.length} old reports left`);
      assert.ok(!left.includes('tab:990000'), 'the oldest went first');
    } finally {
      await browser.evalSW((keys) => chrome.storage.session.remove(keys), fakes);
    }
  });
});

describe('language', () => {
  it('follows the browser by default; the options switch popup and badge to Chinese or English', async () => {
    const { page, tabId } = await openChecked(browser, 'http://www.xx.gov.cn/missing-footer.html');
    const ui = await browser.evalSW(() => chrome.i18n.getMessage('uiLang'));
    let popup = await openPopup(browser, tabId);
    assert.equal(await popup.$eval('#recheck', (b) => b.textContent), ui === 'zh' ? '重新检查' : 'Re-check');
    // The report speaks the same language as the buttons.
    assert.match(await popup.$eval('.gc-group-fail > summary', (s) => s.textContent), ui === 'zh' ? /不合格/ : /Fail/);
    await popup.close();

    await browser.evalSW(() => chrome.storage.local.set({ lang: 'zh' }));
    popup = await openPopup(browser, tabId);
    assert.equal(await popup.$eval('#recheck', (b) => b.textContent), '重新检查');
    assert.match(await popup.$eval('.gc-group-fail > summary', (s) => s.textContent), /不合格/);
    assert.equal(await popup.$eval('html', (h) => h.lang), 'zh-CN');
    let since = Date.now();
    await popup.click('#recheck');
    await waitForState(browser, tabId, { since });
    assert.match((await badgeOf(browser, tabId)).title, /项指标不合格[\s\S]*本页判定 \d+\/\d+ 项指标/);
    await popup.close();

    await browser.evalSW(() => chrome.storage.local.set({ lang: 'en' }));
    popup = await openPopup(browser, tabId);
    assert.equal(await popup.$eval('#recheck', (b) => b.textContent), 'Re-check');
    assert.match(await popup.$eval('.gc-group-fail > summary', (s) => s.textContent), /Fail/);
    since = Date.now();
    await popup.click('#recheck');
    await waitForState(browser, tabId, { since });
    assert.match((await badgeOf(browser, tabId)).title, /failed[\s\S]*\d+ of \d+ indicators decided/);
    await browser.evalSW(() => chrome.storage.local.remove('lang'));
    await popup.close();
    await page.close();
  });
});

describe('rule explanations', () => {
  const ICP = '.gc-group-fail .gc-card[data-rule="footer-icp"]';

  it('the popup explains a rule in Chinese in the Chinese UI, code as <code>, no backticks; in English in the English UI', async () => {
    const { page, tabId } = await openChecked(browser, 'http://www.xx.gov.cn/missing-footer.html?explain');
    try {
      await browser.evalSW(() => chrome.storage.local.set({ lang: 'zh' }));
      let popup = await openPopup(browser, tabId);
      await popup.click(`${ICP} > summary`);
      const zh = await docsProse(popup, `${ICP} .gc-doc:not(.gc-basis)`);
      // Why and how to fix, once per card (the example is in the catalogue entry it links to).
      assert.ok(zh.count >= 2, `why and fix shown: ${JSON.stringify(zh)}`);
      assert.ok(zh.share > 0.8, `the explanation is Chinese prose: ${JSON.stringify(zh)}`);
      assert.equal(zh.backticks, 0, 'no literal Markdown backticks');
      assert.equal(await popup.$eval(`${ICP} .gc-fix > strong`, (e) => e.textContent), '如何整改：');
      const code = await popup.$$eval(`${ICP} .gc-fix code`, (els) => els.map((e) => e.textContent));
      assert.ok(code.includes('https://beian.miit.gov.cn/'), `code spans became <code>: ${code}`);
      assert.ok(!(await popup.$eval('#report', (e) => e.textContent)).includes('`'), 'no backticks anywhere in the report');
      await popup.close();

      await browser.evalSW(() => chrome.storage.local.set({ lang: 'en' }));
      popup = await openPopup(browser, tabId);
      await popup.click(`${ICP} > summary`);
      const en = await docsProse(popup, `${ICP} .gc-doc:not(.gc-basis)`);
      assert.ok(en.share < 0.5, `the English UI explains in English: ${JSON.stringify(en)}`);
      assert.equal(en.backticks, 0);
      assert.equal(await popup.$eval(`${ICP} .gc-fix > strong`, (e) => e.textContent), 'How to fix: ');
      await popup.close();
    } finally {
      await browser.evalSW(() => chrome.storage.local.remove('lang'));
      await page.close();
    }
  });

  it('the catalogue, linked from the popup and the options, explains every rule in the UI language', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.waitForSelector('body[data-ready="1"]');
    assert.equal(await options.$eval('#open-catalogue', (a) => new URL(a.href).pathname), '/catalogue.html');
    const popupHtml = await options.evaluate(async () => (await fetch('popup.html')).text());
    assert.match(popupHtml, /<a id="open-catalogue" href="catalogue.html"/);
    await options.close();

    const ids = await browser.evalSW(async () => (await globalThis.govcheck.engine.rules()).map((r) => r.id));
    const open = async () => {
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.extensionId}/catalogue.html#rule-footer-icp`);
      await page.waitForSelector('body[data-ready="1"]', { timeout: 15_000 });
      return page;
    };
    try {
      await browser.evalSW(() => chrome.storage.local.set({ lang: 'zh' }));
      let page = await open();
      assert.equal(await page.$eval('html', (h) => h.lang), 'zh-CN');
      assert.deepEqual(await page.$$eval('#rules .gc-rule-doc', (els) => els.map((e) => e.dataset.rule)), ids);
      const sections = await page.$$eval('#rules .gc-rule-doc', (els) => els.map((e) => [e.dataset.rule,
        ['what', 'why', 'fix', 'example'].filter((k) => e.querySelector(`.gc-${k}`)).length]));
      for (const [id, n] of sections) assert.equal(n, 4, `${id} shows 检查内容, 为什么重要, 如何整改 and 示例`);
      for (const id of ids) {
        const zh = await docsProse(page, `#rule-${id} .gc-doc:not(.gc-basis)`);
        assert.ok(zh.share > 0.6, `${id}: Chinese prose in the Chinese UI: ${JSON.stringify(zh)}`);
        assert.equal(zh.backticks, 0, `${id}: no literal backticks`);
      }
      assert.ok((await docsProse(page, '#rules .gc-doc')).codes > ids.length, 'code spans shown as <code>');
      const categories = await page.$$eval('#rules .gc-category', (els) => els.map((e) => e.textContent));
      assert.ok(categories.every((c) => /\p{Script=Han}/u.test(c)), `category names in Chinese: ${categories}`);
      await page.close();

      await browser.evalSW(() => chrome.storage.local.set({ lang: 'en' }));
      page = await open();
      const en = await docsProse(page, '#rules .gc-doc:not(.gc-basis)');
      assert.ok(en.share < 0.4, `English prose in the English UI: ${JSON.stringify(en)}`);
      assert.equal(en.backticks, 0);
      await page.close();
    } finally {
      await browser.evalSW(() => chrome.storage.local.remove('lang'));
    }
  });
});

describe('options', () => {
  it('builds threshold fields from the engine and applies an override to the next check', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.waitForSelector('body[data-ready="1"]');
    const fields = await options.$$eval('#thresholds input', (els) => els.map((e) => ({ name: e.name, placeholder: e.placeholder })));
    assert.ok(fields.some((f) => f.name === 'news_window_days'), JSON.stringify(fields));
    await options.fill('#opt-news_window_days', '7');
    await options.press('#opt-news_window_days', 'Tab');
    await options.waitForFunction(() => document.getElementById('saved').textContent !== '');
    assert.equal(await options.$eval('#saved', (e) => e.textContent), await options.evaluate(() => chrome.i18n.getMessage('optionsSaved')),
      'the engine accepted the threshold override (check(html, url, { today, news_window_days: 7 }))');
    const { page, state } = await openChecked(browser, 'http://www.hd.gov.cn/compliant.html');
    assert.equal(state.report.meta.options.news_window_days, 7);
    // Back to the default so other tests see the national thresholds.
    await options.click('#reset-thresholds');
    await options.waitForFunction(() => document.getElementById('opt-news_window_days').value === '');
    assert.deepEqual(await browser.evalSW(async () => (await chrome.storage.local.get('thresholds')).thresholds), {});
    await page.close();
    await options.close();
  });
});

// Last: after the worker's process is killed, Playwright's handle on the old worker is
// stale, so this test talks to the extension through its pages only.
describe('service worker restart', () => {
  it('keeps the badge and the report when the worker is killed and started again', async () => {
    const { page, tabId, state } = await openChecked(browser, 'http://www.xx.gov.cn/missing-footer.html');
    const ask = (p) => p.evaluate((id) => chrome.runtime.sendMessage({ type: 'ui-bg-get-state', tabId: id }), tabId);
    let popup = await openPopup(browser, tabId);
    const before = await ask(popup);
    await popup.close();
    // Kill the extension's process (worker included) without warning: harsher than the
    // browser stopping an idle worker, and the same for what must survive.
    const internals = await browser.context.newPage();
    await internals.goto('chrome://serviceworker-internals/');
    const text = await internals.evaluate(() => document.body.innerText);
    await internals.close();
    const block = text.split('Scope:').find((b) => b.includes(`chrome-extension://${browser.extensionId}/background.js`));
    const pid = Number(block?.match(/Renderer process ID: (\d+)/)?.[1]);
    assert.ok(pid > 0, 'found the worker process');
    process.kill(pid, 'SIGKILL');
    await until('the worker process to be gone', () => { try { process.kill(pid, 0); return false; } catch { return true; } });

    popup = await openPopup(browser, tabId);
    const after = await ask(popup);
    assert.notEqual(after.worker.id, before.worker.id, 'a new worker instance answered');
    assert.equal(after.state.checkedAt, state.checkedAt, 'the stored report survived; no re-check was needed');
    assert.equal(await popup.$eval('.gc-verdict', (e) => e.dataset.status), state.report.verdict.status);
    const badge = await popup.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    assert.equal(badge, String(state.report.verdict.failed));
    await popup.close();
    await page.close();
  });
});
