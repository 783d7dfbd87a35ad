// Real government pages from the corpus, each served under its own government hostname,
// checked by the extension's automatic path. For every page: a report is stored, the
// badge agrees with the verdict, the footer indicators ran, and every selector the
// engine reports resolves to an element of the live page (so "click to outline" works),
// and the content script's depth-capped serialiser writes exactly what outerHTML writes
// (it is used only on a DOM too deep for outerHTML; here it is run on every real page).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { EXT, corpusDir, startServer, launch, openChecked, badgeOf, COLORS } from './harness.mjs';

const FOOTER_RULES = ['footer-conac-badge', 'footer-zhaocuo-entry', 'footer-site-code', 'footer-icp',
  'footer-psb-beian', 'footer-sponsor-contact', 'footer-sitemap'];

const dir = corpusDir();
let labels = [];
if (dir) labels = JSON.parse(await readFile(path.join(dir, '../labels.json'), 'utf8'));

let server;
let browser;

describe('corpus pages', { skip: dir ? false : 'no corpus (tests/corpus/pages or ../shared/corpus/pages)' }, () => {
  before(async () => {
    const routes = {};
    for (const label of labels) routes[`/${label.file}`] = { file: path.join(dir, label.file) };
    server = await startServer(routes);
    browser = await launch({ port: server.port });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('every page is checked, badged, and its selectors resolve on the live page', async () => {
    assert.ok(labels.length >= 20, `corpus has ${labels.length} pages`);
    const serialiser = await readFile(path.join(EXT, 'content/serialise.js'), 'utf8');
    const problems = [];
    const unlike = [];
    for (const label of labels) {
      const url = `http://${label.site_domain}/${label.file}`;
      const { page, tabId, state } = await openChecked(browser, url, { timeout: 20_000 });
      try {
        assert.equal(state.error, undefined, `${label.file}: ${state.error}`);
        const { report } = state;
        assert.equal(report.meta.url, url);
        for (const id of FOOTER_RULES) assert.ok(report.meta.rules_run.includes(id), `${label.file}: ${id} did not run`);
        const badge = await badgeOf(browser, tabId);
        const status = report.verdict.veto_failed > 0 ? 'fail_veto' : report.verdict.failed > 0 ? 'fail' : 'pass';
        assert.equal(badge.text, status === 'pass' ? '✓' : String(report.verdict.failed), label.file);
        assert.deepEqual(badge.color, COLORS[status], label.file);
        const selectors = report.findings.filter((f) => f.selector).map((f) => f.selector);
        const missing = await page.evaluate((list) => list.filter((s) => {
          try { return document.querySelectorAll(s).length !== 1; } catch { return true; }
        }), selectors);
        if (missing.length) problems.push(`${label.file}: ${missing.join(' | ')}`);
        await page.evaluate(serialiser);
        const diff = await page.evaluate(() => {
          const ours = globalThis.__govcheckSerialise.serialise(document.documentElement);
          const theirs = document.documentElement.outerHTML;
          if (ours === theirs) return null;
          let i = 0;
          while (ours[i] === theirs[i]) i++;
          return { at: i, ours: ours.slice(i - 20, i + 40), theirs: theirs.slice(i - 20, i + 40) };
        });
        if (diff) unlike.push(`${label.file}: ${JSON.stringify(diff)}`);
      } finally {
        await page.close();
      }
    }
    assert.deepEqual(problems, [], 'selectors that do not resolve to exactly one element on the live page');
    assert.deepEqual(unlike, [], 'pages the serialiser writes differently from outerHTML');
  });
});
