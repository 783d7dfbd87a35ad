// www/ in a real Chromium: the playground renders a pasted page with the same engine and
// indicator cards as the popup and side panel (without what needs a browser tab), re-loads
// an exported JSON report, and the rule catalogue comes from the engine's rule metadata.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';
import { ROOT, FIXTURES, CHROMIUM, startServer, fillDates, corpusDir, docsProse } from './harness.mjs';

const WWW = path.join(ROOT, 'www');

let server;
let browser;
let page;

before(async () => {
  for (const f of ['pkg/govcheck.js', 'pkg/govcheck_bg.wasm', 'lib/engine.js', 'lib/render-findings.js', 'lib/cards.js', 'lib/cards.css']) {
    if (!existsSync(path.join(WWW, f))) throw new Error(`www/${f} is missing: run \`bash build.sh\` (it builds www/pkg/ and copies extension/lib/ to www/lib/)`);
  }
  server = await startServer({}, { dir: WWW });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
  page = await browser.newPage();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openPlayground() {
  await page.goto(`http://127.0.0.1:${server.port}/index.html`);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 15_000 });
}

describe('www playground', () => {
  it('checks pasted HTML and renders the report like the popup', async () => {
    await openPlayground();
    const html = fillDates(await readFile(path.join(FIXTURES, 'missing-footer.html'), 'utf8'));
    await page.fill('#html', html);
    await page.fill('#url', 'http://www.xx.gov.cn/missing-footer.html');
    await page.click('#check');
    await page.waitForSelector('#report .gc-verdict');
    const rendered = await page.$$eval('#report .gc-finding', (els) => els.map((e) => `${e.dataset.rule}:${e.className.match(/gc-outcome-(\w+)/)[1]}`));
    for (const id of ['footer-site-code', 'footer-icp', 'footer-psb-beian']) {
      assert.ok(rendered.includes(`${id}:fail`), `${id} fails: ${rendered}`);
    }
    const status = await page.$eval('.gc-verdict', (e) => e.dataset.status);
    assert.notEqual(status, 'pass');
  });

  it('shows the extension\'s indicator cards, with the engine\'s words and docs, and nothing that needs a tab', async () => {
    await openPlayground();
    const html = fillDates(await readFile(path.join(FIXTURES, 'missing-footer.html'), 'utf8'));
    const url = 'http://www.xx.gov.cn/missing-footer.html';
    await page.fill('#html', html);
    await page.fill('#url', url);
    await page.click('#check');
    await page.waitForSelector('#report .gc-cards .gc-card');
    // The report the page rendered, from the same engine with the same inputs.
    const report = await page.evaluate(async ([h, u]) => (await import('./lib/engine.js'))
      .check(h, u, { today: document.getElementById('today').value, source: document.getElementById('source').value }), [html, url]);
    const cards = await page.$$eval('#report .gc-card', (els) => els.map((e) => ({
      rule: e.dataset.rule, group: e.dataset.group, count: Number(e.dataset.count), open: e.open,
      chip: e.querySelector(':scope > summary .gc-chip').textContent,
      countText: e.querySelector(':scope > summary .gc-count')?.textContent ?? null,
      title: e.querySelector(':scope > summary .gc-title').textContent,
      fix: e.querySelector('.gc-fix')?.textContent ?? null,
      catalogue: e.querySelector('.gc-catalogue-link a')?.getAttribute('href') ?? null,
    })));
    assert.deepEqual(new Set(cards.map((c) => c.rule)), new Set(report.findings.map((f) => f.rule)), 'one card per indicator');
    const failing = cards.filter((c) => c.group === 'fail');
    assert.deepEqual(failing.map((c) => c.rule).sort(), [...report.verdict.failed_rules].sort());
    const rules = await page.evaluate(async () => (await import('./lib/engine.js')).rules());
    const card = failing.find((c) => c.rule === 'footer-site-code');
    assert.ok(card, `a failing footer-site-code card: ${JSON.stringify(failing)}`);
    const rows = report.findings.filter((f) => f.rule === 'footer-site-code' && f.outcome === 'fail' && f.effect !== 'advice').length;
    assert.ok(rows > 0);
    assert.equal(card.count, rows);
    assert.equal(card.countText, `${rows} 处`);
    assert.equal(card.chip, '不合格', 'the engine\'s outcome label');
    assert.ok(card.open, 'failing cards start open');
    assert.equal(card.title, rules.find((r) => r.id === 'footer-site-code').title, 'the rule\'s title from the engine');
    assert.match(card.fix, /^如何整改：/, 'the rule\'s docs');
    assert.equal(card.catalogue, 'rules.html#rule-footer-site-code', 'the card links to the playground\'s rule catalogue');
    assert.ok(failing.every((c) => c.count > 0 && c.chip === '不合格'), JSON.stringify(failing));
    assert.equal(await page.$eval('#report .gc-verdict', (e) => Number(e.dataset.failed)), report.verdict.failed);

    // Locate, copy selector, marks and 找错 need the extension and a browser tab: not here.
    await page.$$eval('#report details', (ds) => ds.forEach((d) => { d.open = true; }));
    assert.equal(await page.$$eval('#report .gc-locate, #report .gc-copy, #report .gc-mark, #report .gc-reason', (els) => els.length), 0);
    const buttons = await page.$$eval('button', (els) => els.map((b) => b.textContent));
    assert.ok(!buttons.some((b) => /找错|标记|误报|定位/.test(b)), JSON.stringify(buttons));

    // The engine's words in English too.
    await page.selectOption('#lang', 'en');
    assert.equal(await page.$eval('#report .gc-card[data-rule="footer-site-code"] > summary .gc-chip', (e) => e.textContent), 'Fail');
    await page.selectOption('#lang', 'zh');
  });

  it('shows a hostile page\'s markup as text', async () => {
    await openPlayground();
    const dialogs = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    await page.fill('#html', fillDates(await readFile(path.join(FIXTURES, 'hostile.html'), 'utf8')));
    await page.click('#check');
    await page.waitForSelector('#report .gc-verdict');
    await page.$$eval('#report details', (ds) => ds.forEach((d) => { d.open = true; }));
    const found = await page.$$eval('#report img, #report script, #report svg, #report [onerror]', (els) => els.length);
    assert.equal(found, 0);
    assert.match(await page.$eval('#report', (e) => e.textContent), /<img src=x onerror=alert\(\d+\)>|<script>/);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(dialogs, []);
    page.removeAllListeners('dialog');
  });

  it('re-loads an exported JSON report and shows the same findings', async () => {
    await openPlayground();
    const html = fillDates(await readFile(path.join(FIXTURES, 'compliant.html'), 'utf8'));
    const report = await page.evaluate(async (h) => (await import('./lib/engine.js')).check(h, 'http://www.hd.gov.cn/', {}), html);
    const dir = await mkdtemp(path.join(tmpdir(), 'govcheck-www-'));
    const file = path.join(dir, 'report.json');
    await writeFile(file, JSON.stringify(report));
    await page.setInputFiles('#file', file);
    await page.waitForSelector('#report .gc-verdict');
    const rendered = await page.$$eval('#report .gc-finding', (els) => els.map((e) => e.dataset.rule));
    assert.deepEqual(rendered.sort(), report.findings.map((f) => f.rule).sort());
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a saved GBK page, and a UTF-8 page still labelled GBK, as their text', async () => {
    const pages = [[path.join(FIXTURES, 'gbk-saved-page.html'), '3609000002']];
    if (corpusDir()) pages.push([path.join(corpusDir(), 'bjrbj__home.html'), '1100000062']);
    for (const [file, code] of pages) {
      await openPlayground();
      await page.setInputFiles('#file', file);
      await page.waitForSelector('#report .gc-verdict');
      assert.match(await page.$eval('#html', (e) => e.value), /网站标识码/, `${file} decoded`);
      const finding = await page.$eval('#report .gc-finding[data-rule="footer-site-code"]', (e) => e.textContent);
      assert.ok(finding.includes(code), `${path.basename(file)}: site code ${code} in ${finding}`);
    }
  });

  it('reports bad input as a one-line error', async () => {
    await openPlayground();
    await page.fill('#html', '<p>x</p>');
    await page.fill('#today', '');
    await page.evaluate(() => { document.getElementById('today').required = false; });
    await page.click('#check');
    await page.waitForSelector('#error:not([hidden])');
    const message = await page.$eval('#error', (e) => e.textContent);
    assert.ok(message.length > 0 && !message.includes('\n'), message);
  });
});

describe('www rule catalogue', () => {
  it('lists every rule from the engine with its documentation', async () => {
    await page.goto(`http://127.0.0.1:${server.port}/rules.html`);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 15_000 });
    const rules = await page.evaluate(async () => (await import('./lib/engine.js')).rules());
    const shown = await page.$$eval('#rules .gc-rule-doc', (els) => els.map((e) => e.dataset.rule));
    assert.deepEqual(shown, rules.map((r) => r.id));
    for (const id of ['footer-conac-badge', 'footer-icp', 'footer-site-code']) assert.ok(shown.includes(id), id);
    const first = await page.$eval('#rules .gc-rule-doc', (e) => e.textContent);
    assert.ok(first.includes(rules[0].title));
  });

  it('shows the Chinese docs in Chinese and the English docs in English, code as <code>', async () => {
    await page.goto(`http://127.0.0.1:${server.port}/rules.html`);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 15_000 });
    const zh = await docsProse(page, '#rules .gc-doc:not(.gc-basis)');
    assert.ok(zh.share > 0.8, `Chinese by default: ${JSON.stringify(zh)}`);
    assert.equal(zh.backticks, 0);
    assert.ok(zh.codes > 20, JSON.stringify(zh));
    assert.match(await page.$eval('#rule-footer-icp .gc-fix', (e) => e.textContent), /^如何整改：/);
    await page.selectOption('#lang', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const en = await docsProse(page, '#rules .gc-doc:not(.gc-basis)');
    assert.ok(en.share < 0.4, `English on request: ${JSON.stringify(en)}`);
    assert.equal(en.backticks, 0);
    assert.match(await page.$eval('#rule-footer-icp .gc-fix', (e) => e.textContent), /^How to fix: /);
  });
});
