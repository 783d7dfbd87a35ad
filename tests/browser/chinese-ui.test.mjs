// The Chinese UI speaks Chinese: the popup, the side panel with every card expanded, the
// options (高级 open), the catalogue and the HTML report, on pages with failures, show no
// English prose and no internal ids or keys outside code style (harness.mjs englishIn
// states the rule: <code>/<pre> aside, and elements deliberately shown in English
// alongside, lang="en" or class "en", as the HTML report's secondary lines are). A live
// page is never told to check it "in the browser" (请在浏览器中复核): it is the browser.
//
// And the HTML report (engine.reportHtml, also `govcheck check --format html`): summary
// first, nothing cut or scrolling sideways at 800 px, and it prints on A4.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, launch, openChecked, openPopup, openPanel, expandAll, englishIn, FIXTURES, corpusDir } from './harness.mjs';

const corpus = corpusDir();
let server;
let browser;

const PAGES = [
  'http://www.xx.gov.cn/missing-footer.html',
  'http://www.hl.gov.cn/big-footer.html',
  ...(corpus ? ['http://www.yichun.gov.cn/yichun.html'] : []),
];
const LIVE_WRONG = ['请在浏览器中复核'];

before(async () => {
  const routes = {
    '/missing-footer.html': { file: path.join(FIXTURES, 'missing-footer.html'), template: true },
    '/big-footer.html': { file: path.join(FIXTURES, 'big-footer.html') },
  };
  if (corpus) routes['/yichun.html'] = { file: path.join(corpus, 'yichun-gov__home.html') };
  server = await startServer(routes);
  browser = await launch({ port: server.port });
  await browser.evalSW(() => chrome.storage.local.set({ lang: 'zh' }));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const show = (found) => JSON.stringify(found.slice(0, 40).map((f) => `${f.word} | ${f.context}`), null, 1);

async function extensionPage(file) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/${file}`);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 15_000 });
  return page;
}

describe('the Chinese UI', () => {
  it('popup and side panel (every card expanded): no English prose, no raw keys', async () => {
    for (const url of PAGES) {
      const { page, tabId, state } = await openChecked(browser, url, { timeout: 20_000 });
      assert.ok(state.report.verdict.failed > 0, `${url} has failures`);
      const popup = await openPopup(browser, tabId);
      await expandAll(popup);
      assert.deepEqual(await englishIn(popup, 'body', { wrongWords: LIVE_WRONG }), [], `popup on ${url}`);
      await popup.close();

      const panel = await openPanel(browser, { tabId });
      await panel.waitForFunction((at) => document.body.dataset.rendered?.startsWith(`${at}:`), state.checkedAt);
      await expandAll(panel);
      const found = await englishIn(panel, 'body', { wrongWords: LIVE_WRONG });
      assert.deepEqual(found, [], `side panel on ${url}: ${show(found)}`);
      // Evidence is labelled in Chinese, never by its key.
      const keys = await panel.$$eval('.gc-evidence-list dt', (dts) => dts.map((d) => d.textContent));
      assert.ok(keys.every((k) => /\p{Script=Han}/u.test(k)), keys.join());
      await panel.close();
      await page.close();
    }
  });

  it('options (高级 open) and catalogue: no English prose, no raw keys', async () => {
    const options = await extensionPage('options.html');
    await expandAll(options);
    let found = await englishIn(options);
    assert.deepEqual(found, [], `options: ${show(found)}`);
    // Every threshold has a Chinese label, its unit and the national value beside it.
    const rows = await options.$$eval('.threshold', (els) => els.map((e) => ({
      key: e.dataset.key, label: e.querySelector('label').textContent, official: e.querySelector('.default').textContent,
      advanced: Boolean(e.closest('#advanced')),
    })));
    assert.ok(rows.length >= 10, JSON.stringify(rows));
    for (const r of rows) {
      assert.match(r.label, /\p{Script=Han}/u, r.key);
    }
    assert.deepEqual(rows.filter((r) => r.advanced).map((r) => r.key).sort(), ['max_html_bytes', 'max_nodes']);
    for (const r of rows) assert.match(r.official, r.advanced ? /^默认：\d+/ : /^全国标准：\d+/, r.key);
    assert.match(await options.$eval('#opt-news_window_days', (i) => i.closest('.threshold').textContent), /全国标准：14 天/);
    // A value that departs from the national standard is flagged.
    await options.fill('#opt-news_window_days', '30');
    assert.match(await options.$eval('#opt-news_window_days', (i) => i.closest('.threshold').querySelector('.departs').textContent), /与全国标准不同/);
    await options.fill('#opt-news_window_days', '');
    assert.equal(await options.$eval('#opt-news_window_days', (i) => i.closest('.threshold').querySelector('.departs').textContent), '');
    assert.match(await options.$eval('#profile', (s) => s.selectedOptions[0].textContent), /^全国标准（国办秘函〔2019〕19号）$/);
    await options.close();

    const catalogue = await extensionPage('catalogue.html');
    found = await englishIn(catalogue);
    assert.deepEqual(found, [], `catalogue: ${show(found)}`);
    await catalogue.close();
  });

  // The engine's HTML report: English only in its secondary lines (class "en"); quoted tag
  // names, markup and addresses in messages as <code> (src/report/html.rs message_html).
  it('the HTML report: no English prose outside its secondary English lines', async () => {
    const { page, state } = await openChecked(browser, PAGES.at(-1), { timeout: 20_000 });
    const viewer = await reportPage(state.report);
    const found = await englishIn(viewer, 'body', { wrongWords: LIVE_WRONG });
    assert.deepEqual(found, [], `HTML report: ${show(found)}`);
    await viewer.close();
    await page.close();
  });
});

/** The engine's HTML report of `report`, loaded as a page. */
async function reportPage(report, viewport = { width: 800, height: 1000 }) {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const html = await popup.evaluate(async (r) => (await import('./lib/engine.js')).reportHtml(r), report);
  await popup.close();
  const viewer = await browser.context.newPage();
  await viewer.setViewportSize(viewport);
  await viewer.setContent(html);
  return viewer;
}

describe('the HTML report', () => {
  it('summary first; nothing cut or scrolling sideways at 800 px; prints on A4', async () => {
    const { page, state } = await openChecked(browser, PAGES.at(-1), { timeout: 20_000 });
    const viewer = await reportPage(state.report);
    const layout = () => viewer.evaluate(() => {
      const over = [];
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.width && r.right > document.documentElement.clientWidth + 1) over.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(r.right)}`);
        // Content cut inside its box (a cell, a code span) without a way to scroll to it.
        const cs = getComputedStyle(el);
        if (el.scrollWidth > el.clientWidth + 1 && cs.overflowX === 'hidden' && el.clientWidth > 0) over.push(`${el.tagName.toLowerCase()} cut: ${el.scrollWidth} > ${el.clientWidth}`);
      }
      return { scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth, over: over.slice(0, 10) };
    });
    let l = await layout();
    assert.ok(l.scroll <= l.width, `no sideways scroll at 800 px: ${JSON.stringify(l)}`);
    assert.deepEqual(l.over, []);
    // Summary first: the verdict comes before any table of findings.
    const order = await viewer.evaluate(() => {
      const verdict = document.querySelector('.verdict');
      const table = document.querySelector('table');
      return verdict && table ? Boolean(verdict.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING) : null;
    });
    assert.equal(order, true, 'the verdict precedes the tables');

    // Print: A4 width (210 mm at 96 dpi ≈ 794 px, less the page margins).
    await viewer.emulateMedia({ media: 'print' });
    await viewer.setViewportSize({ width: 718, height: 1000 });
    l = await layout();
    assert.ok(l.scroll <= l.width, `no sideways overflow in print: ${JSON.stringify(l)}`);
    const pdf = await viewer.pdf({ format: 'A4', printBackground: true });
    assert.ok(pdf.length > 1000, 'prints to A4');
    await viewer.close();
    await page.close();
  });
});
