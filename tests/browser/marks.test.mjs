// Triage marks that survive re-checks (issue 12), in a real Chromium: marks:set from an
// extension page, the tab's report carrying finding.mark and report.baseline, the badge
// counting only what no mark covers, marks applied again on a re-check and after the
// worker's process is killed, a "fixed" mark whose finding is back (and one that held),
// and the options page's baseline export (read by the CLI too) and import.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { FIXTURES, ROOT, startServer, launch, openChecked, badgeOf, waitForState, fillDates } from './harness.mjs';

const URL_ = 'http://www.xx.gov.cn/missing-footer.html';
const SITE = 'www.xx.gov.cn';

let server;
let browser;
let ui; // an extension page: marks:* are answered for the extension's own pages only
let tmp;

before(async () => {
  server = await startServer({ '/missing-footer.html': { file: path.join(FIXTURES, 'missing-footer.html'), template: true } });
  browser = await launch({ port: server.port });
  ui = await browser.context.newPage();
  await ui.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await ui.waitForSelector('body[data-ready="1"]');
  tmp = await mkdtemp(path.join(tmpdir(), 'govcheck-marks-'));
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const send = (message) => ui.evaluate((m) => chrome.runtime.sendMessage(m), message);
const failing = (report, rule) => report.findings.find((f) => f.rule === rule && f.outcome === 'fail');
/** The failing indicators no mark covers (a fixed mark whose finding is back covers nothing). */
const openRules = (report) => new Set(report.findings
  .filter((f) => f.outcome === 'fail' && report.verdict.failed_rules.includes(f.rule) && (!f.mark || f.mark.back)).map((f) => f.rule));
const badgeText = (report) => (openRules(report).size ? String(openRules(report).size) : '✓');

function mark(tabId, report, rule, kind, reason = '') {
  const f = failing(report, rule);
  assert.ok(f?.fingerprint, `${rule} fails with a fingerprint`);
  return send({ type: 'marks:set', tabId, fingerprint: f.fingerprint, rule, mark: kind, reason, message: f.message, column: f.column ?? null, value: f.value });
}

let tabId;
let page;
let exported; // the baseline file the options page wrote

describe('triage marks', () => {
  it('marks a false alarm and an accepted finding: counted apart, the verdict unchanged', async () => {
    const opened = await openChecked(browser, URL_);
    ({ tabId, page } = opened);
    const { report } = opened.state;
    assert.equal((await badgeOf(browser, tabId)).text, String(report.verdict.failed));
    assert.ok(report.verdict.failed >= 4, 'several footer items fail');

    const a = await mark(tabId, report, 'footer-conac-badge', 'false_alarm', '标识在页头轮播图中');
    assert.equal(a.error, undefined, JSON.stringify(a));
    const b = await mark(tabId, report, 'footer-sitemap', 'accepted', '改版时补');
    const marked = b.state.report;
    assert.deepEqual(failing(marked, 'footer-conac-badge').mark, { kind: 'false_alarm', reason: '标识在页头轮播图中', marked_at: marked.meta.today, back: false });
    assert.equal(failing(marked, 'footer-sitemap').mark.kind, 'accepted');
    assert.equal(failing(marked, 'footer-icp').mark, undefined);
    assert.equal(marked.baseline.false_alarm, 1);
    assert.equal(marked.baseline.accepted, 1);
    assert.deepEqual(marked.verdict, report.verdict, 'the verdict is the engine\'s');
    const badge = await badgeOf(browser, tabId);
    assert.equal(badge.text, String(report.verdict.failed - 2));
    assert.equal(badge.text, badgeText(marked));
    assert.match(badge.title, new RegExp(`\\b${report.verdict.failed}\\b`), 'the tooltip keeps the official count');
    assert.match(badge.title, /marked|已标记/);

    // Stored as baseline entries of the tab's site.
    const stored = await browser.evalSW(async (k) => (await chrome.storage.local.get(k))[k], `marks:${SITE}`);
    assert.equal(stored.length, 2);
    assert.deepEqual(Object.keys(stored[0]).sort(), ['column', 'fingerprint', 'mark', 'marked_at', 'message', 'reason', 'rule', 'site', 'url', 'value']);
    assert.equal(stored[0].site, SITE);
  });

  it('refuses marks:set from a content script, of a bad shape, or for a finding the report lacks', async () => {
    const fromPage = await browser.evalSW(async (id) => {
      const [r] = await chrome.scripting.executeScript({
        target: { tabId: id },
        func: (t) => chrome.runtime.sendMessage({ type: 'marks:set', tabId: t, fingerprint: 'abcd', rule: 'footer-icp', mark: 'false_alarm' }),
        args: [id],
      });
      return r.result;
    }, tabId);
    assert.deepEqual(fromPage, { error: 'forbidden' });
    assert.deepEqual(await send({ type: 'marks:set', tabId, fingerprint: 'abcd', rule: 'footer-icp', mark: 'bogus' }), { error: 'bad-message' });
    assert.deepEqual(await send({ type: 'marks:set', tabId, fingerprint: '<script>', rule: 'footer-icp', mark: null }), { error: 'bad-message' });
    assert.deepEqual(await send({ type: 'marks:set', tabId, fingerprint: '0123456789abcdef', rule: 'footer-icp', mark: 'accepted' }), { error: 'no-such-finding' });
  });

  it('a re-check (the page loaded again) applies the marks again', async () => {
    const t0 = Date.now();
    await page.reload();
    const state = await waitForState(browser, tabId, { since: t0 });
    assert.equal(state.report.baseline.false_alarm, 1);
    assert.equal(state.report.baseline.accepted, 1);
    assert.equal(failing(state.report, 'footer-conac-badge').mark.kind, 'false_alarm');
    assert.equal((await badgeOf(browser, tabId)).text, badgeText(state.report));
  });

  it('"fixed" re-checks at once: still there → back, counted and flagged; fixed on the page → held', async () => {
    const { report } = await waitForState(browser, tabId);
    const res = await mark(tabId, report, 'footer-icp', 'fixed', '已补备案号');
    const back = res.state.report;
    assert.ok(res.state.checkedAt > 0 && res.state.reason === 'recheck', 'marking fixed checked the page again');
    assert.deepEqual(failing(back, 'footer-icp').mark, { kind: 'fixed', reason: '已补备案号', marked_at: back.meta.today, back: true });
    assert.equal(back.baseline.fixed_back, 1);
    assert.ok(openRules(back).has('footer-icp'), 'a fix that did not hold still counts');
    const badge = await badgeOf(browser, tabId);
    assert.equal(badge.text, String(report.verdict.failed - 2));
    assert.match(badge.title, /still there|仍然存在/);

    // The webmaster really fixes it; the next check finds it gone: the fix held.
    await page.evaluate(() => {
      const a = document.createElement('a');
      a.href = 'https://beian.miit.gov.cn/';
      a.textContent = '冀ICP备05003367号';
      document.getElementById('footer-line').append(' ', a);
    });
    const again = await send({ type: 'ui-bg-check-tab', tabId, reason: 'recheck' });
    const held = again.state.report;
    assert.equal(failing(held, 'footer-icp'), undefined);
    assert.equal(held.baseline.fixed_back, 0);
    assert.equal(held.baseline.fixed_held, 1);
    assert.equal((await badgeOf(browser, tabId)).text, badgeText(held));
  });

  it('removing a mark (null) counts the finding again', async () => {
    const { report } = await waitForState(browser, tabId);
    const res = await mark(tabId, report, 'footer-sitemap', null);
    assert.equal(failing(res.state.report, 'footer-sitemap').mark, undefined);
    assert.equal(res.state.report.baseline.accepted, 0);
    assert.equal((await badgeOf(browser, tabId)).text, badgeText(res.state.report));
    await mark(tabId, res.state.report, 'footer-sitemap', 'accepted', '改版时补');
  });

  it('the options page exports the marks as a baseline file the CLI reads', async () => {
    await ui.reload();
    await ui.waitForSelector('body[data-ready="1"]');
    assert.equal(await ui.$$eval('#marks-sites > li[data-site]', (els) => els.map((e) => e.dataset.site).join()), SITE);
    assert.match(await ui.$eval('#marks-sites', (e) => e.textContent), /(误报|false alarm) 1/, 'the engine\'s words for the marks');
    const download = ui.waitForEvent('download');
    await ui.click('#marks-export');
    exported = path.join(tmp, 'baseline.json');
    await (await download).saveAs(exported);
    const file = JSON.parse(await readFile(exported, 'utf8'));
    assert.equal(file.format, 'govcheck-baseline');
    assert.equal(file.version, 1);
    assert.deepEqual(file.entries.map((e) => `${e.rule}:${e.mark}:${e.site}`).sort(),
      ['footer-conac-badge:false_alarm:www.xx.gov.cn', 'footer-icp:fixed:www.xx.gov.cn', 'footer-sitemap:accepted:www.xx.gov.cn']);

    // The same file marks the CLI's check of the same page.
    const cli = path.join(ROOT, 'target/release/govcheck');
    if (!existsSync(cli)) return;
    const html = path.join(tmp, 'page.html');
    await writeFile(html, fillDates(await readFile(path.join(FIXTURES, 'missing-footer.html'), 'utf8')));
    let out;
    try {
      out = execFileSync(cli, ['check', html, '--url', URL_, '--source', 'live', '--format', 'json', '--baseline', exported], { encoding: 'utf8' });
    } catch (err) {
      out = err.stdout; // exit status 1: unmarked failures remain
    }
    const cliReport = JSON.parse(out);
    assert.equal(cliReport.baseline.false_alarm, 1);
    assert.equal(cliReport.baseline.accepted, 1);
    assert.equal(cliReport.baseline.fixed_back, 1, 'the saved page still lacks the ICP number');
  });

  it('marks survive the worker being killed; cleared and imported again from the file', async () => {
    const before = await send({ type: 'ui-bg-get-state', tabId });
    const internals = await browser.context.newPage();
    await internals.goto('chrome://serviceworker-internals/');
    const text = await internals.evaluate(() => document.body.innerText);
    await internals.close();
    const block = text.split('Scope:').find((b) => b.includes(`chrome-extension://${browser.extensionId}/background.js`));
    const pid = Number(block?.match(/Renderer process ID: (\d+)/)?.[1]);
    assert.ok(pid > 0, 'found the worker process');
    process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    // The options page shared the killed process: open it again.
    ui = await browser.context.newPage();
    await ui.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await ui.waitForSelector('body[data-ready="1"]');

    await page.reload();
    let after = null;
    for (let i = 0; i < 150; i += 1) {
      after = await send({ type: 'ui-bg-get-state', tabId });
      if (after.state?.checkedAt > before.state.checkedAt) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.notEqual(after.worker.id, before.worker.id, 'a new worker instance checked the page');
    assert.equal(after.state.report.baseline.false_alarm, 1);
    assert.equal(after.state.report.baseline.accepted, 1);
    const badge = await ui.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    assert.equal(badge, badgeText(after.state.report));

    // Clear: the tab's report is unmarked at once; import the file: marked again.
    assert.deepEqual(await send({ type: 'marks:clear', site: SITE }), {});
    const cleared = (await send({ type: 'ui-bg-get-state', tabId })).state.report;
    assert.equal(cleared.baseline, undefined);
    assert.ok(cleared.findings.every((f) => !f.mark));
    assert.equal(await ui.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId), String(cleared.verdict.failed));

    await ui.reload();
    await ui.waitForSelector('body[data-ready="1"]');
    await ui.setInputFiles('#marks-import', exported);
    await ui.waitForFunction(() => document.getElementById('marks-status').textContent !== '');
    assert.equal(await ui.$eval('#marks-status', (e) => e.dataset.error), '');
    assert.match(await ui.$eval('#marks-status', (e) => e.textContent), /3/);
    const imported = (await send({ type: 'ui-bg-get-state', tabId })).state.report;
    assert.equal(imported.baseline.false_alarm, 1);
    assert.equal(await ui.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId), badgeText(imported));

    // Not a baseline file: the engine's bilingual message, nothing imported.
    await ui.setInputFiles('#marks-import', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"govcheck-baseline","version":9,"entries":[]}') });
    await ui.waitForFunction(() => document.getElementById('marks-status').dataset.error === '1');
    assert.match(await ui.$eval('#marks-status', (e) => e.textContent), /基线文件版本 9 不受支持.*baseline version 9 is not supported/);
  });
});
