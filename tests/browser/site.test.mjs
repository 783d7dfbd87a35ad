// 检查整站 in the extension (issue 8): the popup's button opens site.html, which crawls a
// generated government site (site-gen.mjs) served on 127.0.0.1 and reached as
// http://www.testsite.gov.cn/ (harness.mjs maps *.gov.cn to the server), with the core's
// SiteCrawl driven by fetch. Every count asserted here comes from the generator.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, openChecked, openPopup } from './harness.mjs';
import { serveSite, HOST, GONE, PDF, SLOW, STALE, COLUMNS } from './site-gen.mjs';

const ORIGIN = `http://${HOST}`;
const ARTICLE = /\/t\d{8}_\d+\.html$/;

let server;
let browser;
/** What the server holds open (set per test). */
const holding = { slow: false, articles: false };

before(async () => {
  server = await serveSite({ hold: (p) => (holding.slow && p === SLOW) || (holding.articles && ARTICLE.test(p)) });
  browser = await launch({ port: server.port });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const siteUrl = (query = '') => `chrome-extension://${browser.extensionId}/site.html?url=${encodeURIComponent(`${ORIGIN}/`)}${query}`;

async function openSite(query) {
  const page = await browser.context.newPage();
  await page.goto(siteUrl(query));
  return page;
}

/** The site page has ended (report shown, or an error); the state it ended in. */
async function finished(page) {
  await page.waitForSelector('body[data-state="done"], body[data-state="error"]', { timeout: 60_000 });
  return page.$eval('body', (b) => b.dataset.state);
}

async function downloadOf(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

/** What the rendered page says, read from the DOM only. */
function shown(page) {
  return page.evaluate(() => {
    const verdict = document.querySelector('#report .gc-verdict');
    return {
      status: verdict.dataset.status,
      label: verdict.querySelector('.gc-verdict-label').textContent,
      labelAlt: verdict.querySelector('.gc-verdict-alt')?.textContent ?? null,
      lang: document.documentElement.lang,
      pages: Number(verdict.querySelector('.gc-counts').dataset.pages),
      stoppedBy: verdict.querySelector('.gc-stopped').dataset.stoppedBy,
      indicators: [...document.querySelectorAll('#report .gc-indicator')].map((d) => ({
        rule: d.dataset.rule, outcome: d.dataset.outcome, count: Number(d.dataset.count), threshold: Number(d.dataset.threshold),
        links: [...d.querySelectorAll('.gc-item a.gc-url')].map((a) => ({ href: a.getAttribute('href'), target: a.target, rel: a.rel })),
        columns: [...d.querySelectorAll('.gc-item .gc-column')].map((c) => c.textContent),
      })),
      failedRows: [...document.querySelectorAll('#report .gc-pages-failed tbody tr')].map((tr) => ({
        url: tr.querySelector('a.gc-url').getAttribute('href'), error: tr.dataset.error, status: tr.querySelector('.gc-page-status').textContent,
      })),
      allRows: document.querySelectorAll('#report .gc-pages-all tbody tr').length,
    };
  });
}

describe('检查整站 (whole-site check)', () => {
  it('the popup button opens the site page, which crawls the site and shows the site report', async () => {
    holding.slow = false;
    holding.articles = false;
    // Chinese first (Debian's Chromium is en-US only, so the language is set, as a user would).
    await browser.evalSW(() => chrome.storage.local.set({ lang: 'zh' }));
    // A cookie of the site: the crawl must not send it (credentials omitted).
    await browser.context.addCookies([{ name: 'sid', value: 'secret', domain: HOST, path: '/' }]);
    const { page, tabId } = await openChecked(browser, `${ORIGIN}/xwzx/gzdt/`);
    assert.ok(server.log.some((r) => r.cookie?.includes('sid=secret')), 'the tab itself sends the cookie');
    const popup = await openPopup(browser, tabId);
    assert.equal(await popup.$eval('#site-check', (b) => b.disabled), false);
    const from = server.log.length;
    server.stats.maxOpen = 0;
    const [site] = await Promise.all([browser.context.waitForEvent('page'), popup.click('#site-check')]);
    await site.waitForURL(/\/site\.html\?/);
    assert.equal(site.url(), siteUrl());
    assert.equal(await finished(site), 'done');

    const report = await site.evaluate(() => globalThis.govcheckSite.report);
    // Verdict: one stale core column (通知公告) is a deduction, not a veto.
    assert.equal(report.verdict.status, 'fail');
    assert.deepEqual(report.verdict.failed_rules, ['column-stale']);
    assert.deepEqual(report.verdict.veto_rules, []);
    const stale = report.indicators.find((i) => i.rule === 'column-stale');
    assert.deepEqual([stale.outcome, stale.effect, stale.count, stale.threshold], ['fail', 'deduct', STALE.length, 5]);
    assert.deepEqual(stale.items.map((i) => i.column), STALE);
    assert.equal(stale.items[0].url, `${ORIGIN}${COLUMNS.find((c) => c.name === STALE[0]).path}`);
    assert.equal(report.indicators.find((i) => i.rule === 'column-blank').count, 0);

    // Pages: every HTML page of the site once, the 404 recorded as such, nothing else.
    assert.equal(report.pages.length, server.pages.length);
    assert.deepEqual(report.pages.map((p) => new URL(p.url).pathname).sort(), [...server.pages].sort());
    const gone = report.pages.find((p) => p.url === `${ORIGIN}${GONE}`);
    assert.deepEqual([gone.status, gone.error], [404, 'http_404']);
    assert.deepEqual(report.pages.filter((p) => p.error).map((p) => p.error), ['http_404']);
    assert.equal(report.crawl.stopped_by, 'complete');
    assert.equal(report.crawl.robots, 'respected');
    assert.ok(report.crawl.skipped.resource >= 1 && report.crawl.skipped.not_http >= 1, JSON.stringify(report.crawl.skipped));

    // What the crawl asked the server for: robots.txt and the pages, each once; never the
    // PDF or the mailto: address; no cookie; at most 4 at once.
    // (The tab opened above may still ask for its favicon.)
    const asked = server.log.slice(from).filter((r) => r.path !== '/favicon.ico');
    assert.deepEqual(asked.map((r) => r.path).sort(), ['/robots.txt', ...server.pages].sort());
    assert.ok(!asked.some((r) => r.path === PDF || /mailto|webmaster@/.test(r.path)));
    assert.ok(asked.every((r) => r.host === HOST && r.cookie === null), 'no cookie sent by the crawl');
    assert.ok(server.stats.maxOpen <= 4, `at most 4 requests at once, saw ${server.stats.maxOpen}`);

    // The page shows the same report.
    const dom = await shown(site);
    assert.equal(dom.status, report.verdict.status);
    assert.equal(dom.lang, 'zh-CN');
    assert.equal(dom.label, report.verdict.label);
    assert.equal(dom.labelAlt, report.verdict.label_en);
    assert.match(dom.label, /存在问题/);
    assert.equal(dom.pages, report.pages.length);
    assert.equal(dom.allRows, report.pages.length);
    assert.equal(dom.stoppedBy, 'complete');
    assert.deepEqual(dom.indicators.map(({ rule, outcome, count, threshold }) => ({ rule, outcome, count, threshold })),
      ['fail', 'review', 'needs_site', 'pass', 'not_applicable'].flatMap((o) => report.indicators.filter((i) => i.outcome === o))
        .map(({ rule, outcome, count, threshold }) => ({ rule, outcome, count, threshold })));
    const staleDom = dom.indicators.find((i) => i.rule === 'column-stale');
    assert.deepEqual(staleDom.columns, STALE.map((c) => `「${c}」`));
    assert.deepEqual(staleDom.links, [{ href: stale.items[0].url, target: '_blank', rel: 'noopener noreferrer' }]);
    assert.deepEqual(dom.failedRows, [{ url: `${ORIGIN}${GONE}`, error: 'http_404', status: 'HTTP 404' }]);

    // Exports: the JSON is the report shown (the CLI's shape), CSV and HTML by the engine.
    const json = await downloadOf(site, '#export-json');
    assert.match(json.name, /^govcheck-site-www\.testsite\.gov\.cn-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(json.bytes.toString('utf8'));
    assert.deepEqual(exported, report);
    assert.equal(exported.verdict.label, dom.label);
    assert.deepEqual(Object.keys(exported), ['meta', 'verdict', 'indicators', 'pages', 'crawl']);
    const csv = await downloadOf(site, '#export-csv');
    assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'CSV starts with a UTF-8 BOM');
    assert.match(csv.bytes.toString('utf8'), /column-stale/);
    assert.match(csv.bytes.toString('utf8'), /通知公告/);
    const html = await downloadOf(site, '#export-html');
    assert.match(html.name, /\.html$/);
    assert.match(html.bytes.toString('utf8'), /<!doctype html/i);
    assert.match(html.bytes.toString('utf8'), /通知公告/);

    await site.close();
    await popup.close();
    await page.close();
    await browser.context.clearCookies();
    await browser.evalSW(() => chrome.storage.local.remove('lang'));
  });

  it('a page slower than the timeout is recorded as a timeout and the crawl goes on', async () => {
    holding.slow = true;
    holding.articles = false;
    const site = await openSite('&timeout=1');
    try {
      assert.equal(await finished(site), 'done');
      const report = await site.evaluate(() => globalThis.govcheckSite.report);
      const slow = report.pages.find((p) => p.url === `${ORIGIN}${SLOW}`);
      assert.deepEqual([slow.status, slow.error], [null, 'timeout']);
      assert.equal(report.pages.length, server.pages.length);
      assert.equal(report.crawl.failed, 2);
      assert.equal(report.verdict.status, 'fail');
      const rows = (await shown(site)).failedRows.map((r) => r.error).sort();
      assert.deepEqual(rows, ['http_404', 'timeout']);
    } finally {
      holding.slow = false;
      server.release();
      await site.close();
    }
  });

  it('cancel stops the crawl mid-way and shows the partial report', async () => {
    holding.slow = false;
    holding.articles = true;
    const abortedBefore = server.stats.aborted;
    const site = await openSite();
    try {
      // Articles are held: the crawl fills its 4 slots with them and waits.
      await server.until(() => server.held() === 4);
      await site.waitForFunction(() => document.querySelectorAll('#current li').length === 4);
      const progress = await site.evaluate(() => ({
        state: document.body.dataset.state,
        done: Number(document.getElementById('progress-text').dataset.done),
        queued: Number(document.getElementById('progress-text').dataset.queued),
        text: document.getElementById('progress-text').textContent,
        current: [...document.querySelectorAll('#current li')].map((li) => li.textContent),
      }));
      assert.equal(progress.state, 'running');
      assert.ok(progress.done > 0 && progress.queued > 0, JSON.stringify(progress));
      assert.match(progress.text, new RegExp(`${progress.done}\\D+${progress.queued + 4}`));
      assert.ok(progress.current.every((c) => ARTICLE.test(c)), progress.current.join('\n'));

      await site.click('#cancel');
      assert.equal(await finished(site), 'done');
      const report = await site.evaluate(() => globalThis.govcheckSite.report);
      assert.equal(report.crawl.stopped_by, 'cancelled');
      assert.equal(report.pages.length, progress.done);
      assert.ok(report.pages.length < server.pages.length);
      assert.ok(!report.pages.some((p) => ARTICLE.test(p.url)), 'no held article in the report');
      const dom = await shown(site);
      assert.equal(dom.stoppedBy, 'cancelled');
      assert.equal(dom.pages, progress.done);
      assert.equal(await site.isVisible('#progress'), false);
      // The 4 held requests were abandoned by the page, and nothing new was asked.
      await server.until(() => server.stats.aborted - abortedBefore >= 4);
      assert.ok(server.stats.maxOpen <= 4, `at most 4 requests at once, saw ${server.stats.maxOpen}`);
      const json = JSON.parse((await downloadOf(site, '#export-json')).bytes.toString('utf8'));
      assert.deepEqual(json, report);
    } finally {
      holding.articles = false;
      server.release();
      await site.close();
    }
  });

  it('a homepage that cannot be fetched ends in a notice, not a verdict', async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/site.html?url=${encodeURIComponent('http://down.testsite.gov.cn/')}`);
    assert.equal(await finished(page), 'error');
    assert.match(await page.textContent('#notice'), /HTTP 503/);
    assert.equal(await page.$$eval('#report > *', (els) => els.length), 0);
    assert.equal(await page.$eval('#export-json', (b) => b.disabled), true);
    await page.close();
  });

  it('a site outside the government domains asks for permission first and fetches nothing', async () => {
    const before = server.log.length;
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/site.html?url=${encodeURIComponent('http://staging.example.org/zwgk/')}`);
    await page.waitForSelector('body[data-state="permission"]');
    assert.equal(await page.isVisible('#grant-site'), true);
    assert.match(await page.textContent('#grant-text'), /staging\.example\.org/);
    assert.equal(await page.isVisible('#progress'), false);
    assert.equal(server.log.length, before);
    await page.close();
  });

  it('renders page-derived text as text, and links only to http(s) pages', async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/site.html`);
    await page.waitForSelector('body[data-state="error"]');
    const out = await page.evaluate(async () => {
      const { renderSiteReport } = await import(chrome.runtime.getURL('lib/render-findings.js'));
      globalThis.pwned = 0;
      const evil = '<img src=x onerror="globalThis.pwned=1"><b>粗体</b>';
      const report = {
        meta: { url: 'javascript:globalThis.pwned=2', today: '2025-01-01', engine: 'govcheck', engine_version: '0', ruleset: 'x' },
        verdict: { status: 'fail', label: evil, label_en: evil, failed_rules: ['column-stale'], veto_rules: [] },
        indicators: [{
          rule: 'column-stale', title: evil, title_en: evil, outcome: 'fail', effect: 'deduct', count: 2, threshold: 5,
          message: evil, message_en: evil, evidence: { note: evil },
          items: [
            { url: 'javascript:globalThis.pwned=3', column: evil, value: evil, message: evil, message_en: evil },
            { url: 'http://www.testsite.gov.cn/a?<b>', column: '栏目', message: 'm', message_en: 'm' },
          ],
        }],
        pages: [{ url: 'data:text/html,<b>x</b>', final_url: null, status: null, error: '<b>e</b>', kind: null, depth: 0 }],
        crawl: { fetched: 0, failed: 1, skipped: { '<b>why</b>': 1 }, stopped_by: 'complete', duration_ms: 1, robots: 'absent' },
      };
      const root = renderSiteReport(report, { document, lang: 'zh' });
      document.getElementById('report').replaceChildren(root);
      await new Promise((r) => setTimeout(r, 50));
      return {
        pwned: globalThis.pwned,
        elements: root.querySelectorAll('img, b, script').length,
        hrefs: [...root.querySelectorAll('a')].map((a) => a.getAttribute('href')),
        text: root.textContent.includes('<img src=x onerror='),
      };
    });
    assert.equal(out.pwned, 0);
    assert.equal(out.elements, 0);
    assert.deepEqual(out.hrefs, ['http://www.testsite.gov.cn/a?%3Cb%3E']);
    assert.ok(out.text);
    await page.close();
  });
});
