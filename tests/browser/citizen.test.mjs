// 我为政府网站找错 (issue 12) in a real Chromium: the citizen selects text (or clicks an
// element) on a government page, the review page shows the report with a screenshot of the
// element outlined, the report is saved, the site's 找错 entry opens with the page's site
// code and the report text on the clipboard, and the saved report is exported and deleted.
// The national platform (https://zfwzgl.www.gov.cn/…) is answered by a Playwright route:
// nothing reaches the network (the harness also maps *.gov.cn to 127.0.0.1).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startServer, launch, openChecked, openPopup, openPanel } from './harness.mjs';

const CODE = '1304000009';
const page = (footer, extra = '') => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>某县人民政府 &lt;b&gt;首页</title></head>
<body><header><h1>某县人民政府</h1></header>
<main><p id="intro">本站发布全县政务信息。欢迎访问某县人民政府网占，了解最新动态！联系电话：0310-1234567。</p>
<ul class="list"><li><a id="broken" href="/gone.html">办事指南下载</a></li></ul>${extra}</main>
<footer id="footer"><p>${footer}</p></footer></body></html>`;

let server;
let browser;
const national = []; // what reached the stub of the national platform

before(async () => {
  server = await startServer({
    '/with-code.html': { body: page(`版权所有：某县人民政府　网站标识码：${CODE}`) },
    '/no-entry.html': { body: page('版权所有：某县人民政府', '<p id="hostile">&lt;img src=x onerror=alert(1)&gt;错字在此</p>') },
  });
  // The screenshot needs the activeTab grant of the click that starts a report (toolbar,
  // context menu); Playwright cannot click the toolbar or a native menu, so this copy of
  // the extension holds <all_urls> instead, which captureVisibleTab accepts the same way.
  // (Every host but the government ones still resolves to nothing.)
  browser = await launch({ port: server.port, manifest: (m) => { m.host_permissions.push('<all_urls>'); } });
  await browser.context.route('https://zfwzgl.www.gov.cn/**', (route) => {
    national.push(route.request().url());
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<title>stub</title>找错 stub' });
  });
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Select `text` inside the element `selector` of the page (as a citizen's mouse would). */
async function selectText(p, selector, text) {
  await p.evaluate(([sel, t]) => {
    const el = document.querySelector(sel);
    const node = [...el.childNodes].find((n) => n.nodeType === 3 && n.data.includes(t));
    const at = node.data.indexOf(t);
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + t.length);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  }, [selector, text]);
}

/** Start a report on the tab the way the popup's button does (citizen:start from an
 *  extension page), with the page shown, and wait for the review page. */
async function startFromPopup(p, tabId) {
  const popup = await openPopup(browser, tabId);
  await p.bringToFront();
  const review = browser.context.waitForEvent('page', { predicate: (x) => x.url().includes('/citizen.html?draft='), timeout: 20_000 });
  const res = await popup.evaluate((id) => chrome.runtime.sendMessage({ type: 'citizen:start', tabId: id }), tabId);
  return { popup, res, review };
}

/** Red outline pixels (#d32f2f) in the review page's screenshot. */
const outlinePixels = (review) => review.evaluate(async () => {
  const img = document.getElementById('shot');
  await img.decode();
  const c = document.createElement('canvas');
  c.width = img.naturalWidth;
  c.height = img.naturalHeight;
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const d = ctx.getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - 211) < 12 && Math.abs(d[i + 1] - 47) < 12 && Math.abs(d[i + 2] - 47) < 12) n += 1;
  return { n, width: c.width };
});

describe('citizen error report', () => {
  it('select text → category → review → saved → the 找错 entry with the site code → export → delete', async () => {
    const { page: p, tabId } = await openChecked(browser, 'http://www.hd.gov.cn/with-code.html');
    const children = await p.evaluate(() => document.documentElement.children.length);
    await selectText(p, '#intro', '网占');
    const { popup, res, review: pending } = await startFromPopup(p, tabId);
    assert.deepEqual(res, { started: true, mode: 'selection' });
    const review = await pending;
    await review.waitForSelector('body[data-ready="1"]');

    // The review shows what was picked, as text.
    const shown = await review.evaluate(() => Object.fromEntries(['r-title', 'r-url', 'r-selected', 'r-context', 'r-selector', 'target-url']
      .map((id) => [id, document.getElementById(id).textContent])));
    assert.equal(shown['r-title'], '某县人民政府 <b>首页');
    assert.equal(shown['r-url'], 'http://www.hd.gov.cn/with-code.html');
    assert.equal(shown['r-selected'], '网占');
    assert.equal(shown['r-context'], '欢迎访问某县人民政府网占，了解最新动态！');
    assert.equal(shown['r-selector'], '#intro');
    assert.equal(shown['target-url'], `https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=${CODE}&url=${encodeURIComponent('http://www.hd.gov.cn/with-code.html')}`);
    assert.equal(await review.$eval('#target-note', (e) => e.dataset.how), 'national');
    assert.equal(await review.$eval('#r-title', (e) => e.children.length), 0, 'page text is never markup');

    // The screenshot has the selection outlined; the outline is gone from the page.
    assert.equal(await review.$eval('#no-shot', (e) => e.hidden ? '' : e.textContent), '', 'a screenshot was taken');
    const px = await outlinePixels(review);
    assert.ok(px.width > 0 && px.n > 20, `outline in the screenshot (${px.n} red pixels)`);
    assert.equal(await p.evaluate(() => document.documentElement.children.length), children, 'the outline was removed after the capture');

    // Category and comment; the preview is the engine's paste-ready text.
    assert.equal(await review.$eval('input[name="category"]:checked', (e) => e.value), 'typo', 'a text selection defaults to 错别字');
    await review.check('input[name="category"][value="outdated"]');
    await review.check('input[name="category"][value="typo"]');
    await review.fill('#comment', '应为“政府网站”');
    await review.waitForFunction(() => document.getElementById('preview').textContent.includes('应为“政府网站”'));
    const preview = await review.$eval('#preview', (e) => e.textContent);
    for (const part of ['【问题类型】错别字', '【问题内容】“网占”', '【所在语句】欢迎访问某县人民政府网占', '【页面位置】#intro', '【说明】应为“政府网站”']) {
      assert.ok(preview.includes(part), `${part} in ${preview}`);
    }

    // Save, copy, open: the national platform with the site code (answered by the stub).
    await review.click('#submit');
    let entry;
    for (let i = 0; i < 100 && !entry; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      entry = national.length ? browser.context.pages().find((x) => x.url().startsWith('https://zfwzgl.www.gov.cn/')) : undefined;
    }
    assert.ok(entry, 'the 找错 entry opened in a tab');
    assert.equal(entry.url(), shown['target-url']);
    assert.equal(new URL(entry.url()).searchParams.get('site_code'), CODE);
    assert.deepEqual(national, [shown['target-url']], 'only the stub answered');
    await review.waitForFunction(() => document.getElementById('status').textContent !== '');
    assert.equal(await review.evaluate(() => navigator.clipboard.readText()), preview, 'the report text is on the clipboard');

    // Saved locally, listed, with its screenshot.
    const saved = await review.evaluate(async () => {
      const { 'citizen:index': index } = await chrome.storage.local.get('citizen:index');
      const item = (await chrome.storage.local.get(`citizen:${index[0].id}`))[`citizen:${index[0].id}`];
      return { index, item };
    });
    assert.equal(saved.index.length, 1);
    assert.equal(saved.item.report.comment, '应为“政府网站”');
    assert.match(saved.item.screenshot, /^data:image\/png;base64,/);
    assert.equal(await review.$$eval('#reports li[data-id]', (els) => els.length), 1);

    // Export: the JSON with the PNG beside it, and one self-contained HTML.
    const downloads = [];
    review.on('download', (d) => downloads.push(d));
    await review.click('#reports .export-json');
    await review.waitForFunction(() => true);
    for (let i = 0; i < 50 && downloads.length < 2; i += 1) await new Promise((r) => setTimeout(r, 100));
    assert.equal(downloads.length, 2, 'two files: JSON and PNG');
    const [json, png] = [downloads.find((d) => d.suggestedFilename().endsWith('.json')), downloads.find((d) => d.suggestedFilename().endsWith('.png'))];
    const exported = JSON.parse(await readFile(await json.path(), 'utf8'));
    assert.equal(exported.format, 'govcheck-citizen-report');
    assert.equal(exported.report.selected_text, '网占');
    assert.equal(exported.report.target.site_code, CODE);
    assert.equal(exported.screenshot, png.suggestedFilename());
    assert.equal(exported.text, preview);
    const pngBytes = await readFile(await png.path());
    assert.deepEqual([...pngBytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');

    const htmlDownload = review.waitForEvent('download');
    await review.click('#reports .export-html');
    const html = await readFile(await (await htmlDownload).path(), 'utf8');
    assert.match(html, /data:image\/png;base64,/);
    assert.ok(html.includes('某县人民政府 &lt;b&gt;首页') && !html.includes('<b>首页'), 'the page title is escaped');

    // Delete.
    await review.click('#reports .delete');
    await review.waitForFunction(() => !document.querySelector('#reports li[data-id]'));
    assert.deepEqual(await review.evaluate(async () => Object.keys(await chrome.storage.local.get(null)).filter((k) => k.startsWith('citizen:') && k !== 'citizen:index')), []);
    for (const x of [review, entry, popup, p]) await x.close();
  });

  it('clicking an element picks it (a link does not navigate); a page without code or entry says so', async () => {
    const { page: p, tabId } = await openChecked(browser, 'http://www.xx.gov.cn/no-entry.html');
    const { popup, res, review: pending } = await startFromPopup(p, tabId);
    assert.deepEqual(res, { started: true, mode: 'pick' });
    // A page's synthetic click picks nothing; the citizen's own click does.
    await p.evaluate(() => document.getElementById('intro').click());
    await p.click('#broken');
    const review = await pending;
    await review.waitForSelector('body[data-ready="1"]');
    assert.equal(p.url(), 'http://www.xx.gov.cn/no-entry.html', 'the link was not followed');
    assert.equal(await review.$eval('#r-selected', (e) => e.textContent), '办事指南下载');
    assert.match(await review.$eval('#r-context', (e) => e.textContent), /链接 http:\/\/www\.xx\.gov\.cn\/gone\.html/);
    assert.equal(await review.$eval('#r-selector', (e) => e.textContent), '#broken');
    assert.equal(await review.$eval('input[name="category"]:checked', (e) => e.value), 'typo');
    assert.equal(await review.$eval('#target-note', (e) => e.dataset.how), 'none');
    assert.match(await review.$eval('#target-note', (e) => e.textContent), /既没有找错入口|neither a 找错 entry nor a site code/);
    assert.equal(await review.$eval('#target-url', (e) => e.textContent), '');
    await review.check('input[name="category"][value="broken_link"]');
    const before = national.length;
    await review.click('#submit');
    await review.waitForFunction(() => document.getElementById('status').classList.contains('error'));
    assert.equal(national.length, before, 'nothing opened: there is nowhere to open');
    assert.match(await review.evaluate(() => navigator.clipboard.readText()), /【问题类型】链接错误/);
    for (const x of [review, popup, p]) await x.close();
  });

  it('the context menu path takes the link it was opened on; hostile page text stays text', async () => {
    const { page: p, tabId } = await openChecked(browser, 'http://www.yy.gov.cn/no-entry.html');
    await selectText(p, '#hostile', '<img src=x onerror=alert(1)>错字');
    await p.bringToFront();
    const pending = browser.context.waitForEvent('page', { predicate: (x) => x.url().includes('/citizen.html?draft='), timeout: 20_000 });
    // What the menu's onClicked handler calls (the harness cannot click a native menu).
    const res = await browser.evalSW((id) => globalThis.govcheck.citizen.start(id, {}), tabId);
    assert.equal(res.mode, 'selection');
    const review = await pending;
    await review.waitForSelector('body[data-ready="1"]');
    assert.equal(await review.$eval('#r-selected', (e) => e.textContent), '<img src=x onerror=alert(1)>错字');
    assert.equal(await review.$$eval('#review img', (els) => els.length), 1, 'only the screenshot is an image');
    await review.close();

    const pending2 = browser.context.waitForEvent('page', { predicate: (x) => x.url().includes('/citizen.html?draft='), timeout: 20_000 });
    await p.evaluate(() => getSelection().removeAllRanges());
    await p.bringToFront();
    const res2 = await browser.evalSW((id) => globalThis.govcheck.citizen.start(id, { linkUrl: 'http://www.yy.gov.cn/gone.html' }), tabId);
    assert.equal(res2.mode, 'element');
    const review2 = await pending2;
    await review2.waitForSelector('body[data-ready="1"]');
    assert.equal(await review2.$eval('#r-selector', (e) => e.textContent), '#broken');
    for (const x of [review2, p]) await x.close();
  });

  it('the popup\'s 我为政府网站找错 button starts it (no screenshot when the page is not the tab shown)', async () => {
    const { page: p, tabId } = await openChecked(browser, 'http://www.pp.gov.cn/with-code.html');
    await selectText(p, '#intro', '网占');
    const popup = await openPopup(browser, tabId); // a tab of its own: now the one shown
    const pending = browser.context.waitForEvent('page', { predicate: (x) => x.url().includes('/citizen.html?draft='), timeout: 20_000 });
    await popup.click('#report-error');
    const review = await pending;
    await review.waitForSelector('body[data-ready="1"]');
    assert.equal(await review.$eval('#r-selected', (e) => e.textContent), '网占');
    assert.ok(await review.$eval('#shot', (e) => e.hidden));
    assert.match(await review.$eval('#no-shot', (e) => e.textContent), /not the one shown/);
    assert.notEqual(await popup.$eval('#status', (e) => e.textContent), '');
    for (const x of [review, popup, p]) await x.close();
  });

  it('the side panel\'s 我为政府网站找错 button starts it on the panel\'s tab and says the screenshot may be missing', async () => {
    await browser.evalSW(() => chrome.storage.local.set({ lang: 'zh' })); // the panel in Chinese (this Chromium's i18n is en-US)
    const { page: p, tabId } = await openChecked(browser, 'http://www.sp.gov.cn/with-code.html');
    const { tabId: other } = await openChecked(browser, 'http://www.so.gov.cn/no-entry.html'); // not the panel's tab
    const panel = await openPanel(browser, { tabId }); // a window of its own: the page stays the tab shown in its window
    await selectText(p, '#intro', '网占');
    const pending = browser.context.waitForEvent('page', { predicate: (x) => x.url().includes('/citizen.html?draft='), timeout: 20_000 });
    await panel.click('#report-error');
    const review = await pending;
    await review.waitForSelector('body[data-ready="1"]');
    assert.equal(await review.$eval('#r-url', (e) => e.textContent), 'http://www.sp.gov.cn/with-code.html', 'the panel\'s tab, not the other one');
    assert.equal(await review.$eval('#r-selected', (e) => e.textContent), '网占');
    const opened = await browser.evalSW(async (draft) => {
      const [tab] = await chrome.tabs.query({ url: chrome.runtime.getURL(`citizen.html?draft=${draft}`) });
      return { opener: tab?.openerTabId };
    }, new URL(review.url()).searchParams.get('draft'));
    assert.equal(opened.opener, tabId, 'the review page opened beside the panel\'s tab');
    assert.notEqual(opened.opener, other);
    // The panel stays open: it says what to do, and that from here there may be no screenshot.
    assert.match(await panel.$eval('#status', (e) => e.textContent), /选中有错误的文字.*截图/);
    for (const x of [review, panel, p]) await x.close();
    await browser.context.pages().find((x) => x.url().includes('www.so.gov.cn'))?.close();
  });

  it('the side panel says so when it cannot start a report on its tab', async () => {
    // A browser page: no extension may inject a script there. (Its URL is hidden from the
    // worker, but the newest tab is it: tab ids only grow.)
    const p = await browser.context.newPage();
    await p.goto('chrome://version/');
    const tabId = await browser.evalSW(async () => Math.max(...(await chrome.tabs.query({})).map((x) => x.id)));
    const panel = await openPanel(browser, { tabId });
    await panel.click('#report-error');
    await panel.waitForFunction(() => document.getElementById('status').textContent !== '');
    assert.match(await panel.$eval('#status', (e) => e.textContent), /无法从侧边栏在此页面上找错/);
    for (const x of [panel, p]) await x.close();
    await browser.evalSW(() => chrome.storage.local.remove('lang'));
  });

  it('only the page\'s own content script may send what was picked, about its own origin', async () => {
    const { page: p, tabId } = await openChecked(browser, 'http://www.zz.gov.cn/with-code.html');
    const answer = await browser.evalSW(async (id) => {
      const [r] = await chrome.scripting.executeScript({
        target: { tabId: id },
        func: () => chrome.runtime.sendMessage({ type: 'citizen:picked', url: 'http://www.hd.gov.cn/x.html', title: 't', selected_text: 'x', context: 'x', selector: null }),
      });
      return r.result;
    }, tabId);
    assert.deepEqual(answer, { error: 'forbidden' });
    const bad = await browser.evalSW(async (id) => {
      const [r] = await chrome.scripting.executeScript({ target: { tabId: id }, func: () => chrome.runtime.sendMessage({ type: 'citizen:start', tabId: 1 }) });
      return r.result;
    }, tabId);
    assert.deepEqual(bad, { error: 'forbidden' });
    await p.close();
  });
});
