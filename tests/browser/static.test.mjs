// Checks on the extension's files that need no browser: the manifest's promises
// (CSP, fewest permissions), the Firefox variant, message names shared with the classic
// content scripts, and the "page text never becomes markup" rule in the UI code.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { domainToASCII } from 'node:url';
import { EXT, ROOT } from './harness.mjs';
import { CS_TO_BG, BG_TO_CS, PICK_TO_BG } from '../../extension/lib/messages.js';

const read = (p) => readFile(path.join(EXT, p), 'utf8');
const json = async (p) => JSON.parse(await read(p));

async function jsFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) { if (!['pkg', 'node_modules'].includes(entry.name)) out.push(...await jsFiles(p)); }
    else if (/\.m?js$/.test(entry.name)) out.push(p);
  }
  return out;
}

describe('manifest', () => {
  it('is MV3 with a module service worker and WASM allowed only for extension pages', async () => {
    const m = await json('manifest.json');
    assert.equal(m.manifest_version, 3);
    assert.deepEqual(m.background, { service_worker: 'background.js', type: 'module' });
    assert.equal(m.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
    assert.equal(m.default_locale, 'zh_CN');
  });

  it('asks for the fewest permissions, with other hosts optional', async () => {
    const m = await json('manifest.json');
    assert.deepEqual(m.permissions.sort(), ['activeTab', 'contextMenus', 'scripting', 'sidePanel', 'storage']);
    assert.deepEqual(m.host_permissions, ['*://*.gov.cn/*', `*://*.${domainToASCII('a.政务').slice(2)}/*`]);
    assert.deepEqual(m.optional_host_permissions, ['*://*/*']);
    const doc = await read('PERMISSIONS.md');
    for (const p of [...m.permissions, ...m.host_permissions, ...m.optional_host_permissions]) {
      assert.ok(doc.includes(`\`${p}\``), `PERMISSIONS.md explains ${p}`);
    }
  });

  it('has a Firefox variant that loads the same files', async () => {
    const c = await json('manifest.json');
    const f = await json('manifest.firefox.json');
    assert.deepEqual(f.background, { scripts: ['background.js'], type: 'module' });
    assert.ok(f.browser_specific_settings?.gecko?.id);
    // Firefox has no sidePanel permission: its sidebar_action needs none.
    assert.deepEqual(f.permissions, c.permissions.filter((p) => p !== 'sidePanel'), 'permissions');
    for (const key of ['host_permissions', 'optional_host_permissions', 'content_scripts', 'content_security_policy', 'action', 'options_ui', 'icons', 'default_locale']) {
      assert.deepEqual(f[key], c[key], key);
    }
    const files = [f.background.scripts[0], f.action.default_popup, f.options_ui.page, ...Object.values(f.icons),
      ...f.content_scripts.flatMap((s) => s.js)];
    for (const file of files) assert.ok(existsSync(path.join(EXT, file)), file);
    // The side panel: Chromium's side_panel, Firefox's sidebar_action, the same page.
    assert.equal(f.sidebar_action?.default_panel, c.side_panel?.default_path);
    assert.ok(existsSync(path.join(EXT, c.side_panel.default_path)), c.side_panel.default_path);
  });

  it('one list of government hosts: host_permissions, the content script and isGovHost agree', async () => {
    const { isGovHost, sitePermissionOrigins } = await import('../../extension/lib/site-access.js');
    const c = await json('manifest.json');
    const f = await json('manifest.firefox.json');
    assert.deepEqual(f.host_permissions, c.host_permissions);
    assert.deepEqual(c.content_scripts[0].matches, c.host_permissions);
    const gov = c.host_permissions;
    for (const host of ['www.gov.cn', 'gov.cn', 'WWW.HD.GOV.CN.', `www.${domainToASCII('中国.政务')}`]) assert.ok(isGovHost(host, gov), host);
    for (const host of ['example.org', 'gov.cn.example.org', 'notgov.cn', 'xn--zfr164b.example.org', '']) assert.ok(!isGovHost(host, gov), host);
    assert.deepEqual(sitePermissionOrigins('http://www.hd.gov.cn/a.html', gov), []);
    assert.deepEqual(sitePermissionOrigins('https://www.example.org/', gov), ['*://example.org/*', '*://www.example.org/*']);
    // No second, hand-written list beside the manifest's.
    for (const file of ['lib/site-access.js', 'popup.js', 'site.js']) {
      const code = (await read(file)).replace(/^\s*(\/\/|\/?\*).*$/gm, ''); // comments may name hosts
      assert.ok(!/gov\\?\.cn|zfr164b/.test(code), file);
    }
  });

  it('has every UI string in both locales', async () => {
    const zh = await json('_locales/zh_CN/messages.json');
    const en = await json('_locales/en/messages.json');
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
    const used = new Set();
    for (const file of [...await jsFiles(EXT), path.join(EXT, 'popup.html'), path.join(EXT, 'options.html'), path.join(EXT, 'site.html'), path.join(EXT, 'catalogue.html'), path.join(EXT, 'citizen.html'), path.join(EXT, 'panel.html')]) {
      const src = await readFile(file, 'utf8');
      for (const m of src.matchAll(/data-i18n(?:-title|-placeholder)?="(\w+)"|\bt\('(\w+)'/g)) used.add(m[1] ?? m[2]);
    }
    for (const key of used) assert.ok(key in zh, `_locales lacks ${key}`);
    // Store limits: name ≤ 45, description ≤ 132 characters.
    for (const table of [zh, en]) {
      assert.ok(table.extName.message.length <= 45, table.extName.message);
      assert.ok(table.extDescription.message.length <= 132, table.extDescription.message);
    }
  });
});

describe('code rules', () => {
  it('content scripts use the message names of lib/messages.js', async () => {
    const snapshot = await read('content/snapshot.js');
    for (const name of [...Object.values(CS_TO_BG), ...Object.values(BG_TO_CS)]) {
      assert.ok(snapshot.includes(`'${name}'`), `content/snapshot.js lacks '${name}'`);
    }
    const pick = await read('content/pick.js');
    for (const name of Object.values(PICK_TO_BG)) assert.ok(pick.includes(`'${name}'`), `content/pick.js lacks '${name}'`);
  });

  it('the snapshot is cut at the same depth as the engine cuts pages (MAX_DEPTH)', async () => {
    const rust = await readFile(path.join(ROOT, 'src/page/nesting.rs'), 'utf8');
    const js = await read('content/serialise.js');
    const core = rust.match(/pub const MAX_DEPTH: usize = ([\d_]+);/)?.[1];
    const ours = js.match(/const MAX_DEPTH = ([\d_]+);/)?.[1];
    assert.ok(core && ours, 'MAX_DEPTH found in both files');
    assert.equal(Number(ours.replaceAll('_', '')), Number(core.replaceAll('_', '')));
  });

  it('the worker registers and injects the manifest\'s content scripts, serialiser first', async () => {
    const m = await json('manifest.json');
    assert.deepEqual(m.content_scripts[0].js, ['content/serialise.js', 'content/snapshot.js']);
    const bg = await read('background.js');
    assert.match(bg, /CONTENT_SCRIPTS = chrome\.runtime\.getManifest\(\)\.content_scripts\[0\]\.js/);
    assert.ok(!/files: \['content\/snapshot\.js'\]|js: \['content\/snapshot\.js'\]/.test(bg), 'snapshot.js never without the serialiser');
  });

  it('the worker routes messages through a Map and checks who sent them', async () => {
    const bg = await read('background.js');
    assert.match(bg, /const ROUTES = new Map\(/);
    assert.ok(!/HANDLERS\[|ROUTES\[/.test(bg), 'no handler looked up on a plain object');
  });

  it('only lib/engine.js imports the WASM package', async () => {
    const files = [...await jsFiles(EXT), ...await jsFiles(path.join(ROOT, 'www'))];
    const importers = [];
    for (const file of files) {
      if (/\/www\/lib\//.test(file)) continue; // build.sh's copies of extension/lib
      if (/pkg\/govcheck/.test(await readFile(file, 'utf8'))) importers.push(path.relative(ROOT, file));
    }
    assert.deepEqual(importers, ['extension/lib/engine.js']);
  });

  it('UI code never turns strings into markup', async () => {
    const files = [...await jsFiles(EXT), ...await jsFiles(path.join(ROOT, 'www'))].filter((f) => !/\/www\/lib\//.test(f));
    for (const file of files) {
      const src = (await readFile(file, 'utf8')).replace(/^\s*\/\/.*$/gm, '');
      for (const banned of ['innerHTML', 'outerHTML =', 'insertAdjacentHTML', 'document.write', 'createContextualFragment', 'DOMParser', 'eval(', 'new Function']) {
        assert.ok(!src.includes(banned), `${path.relative(ROOT, file)} uses ${banned}`);
      }
    }
  });

  it('the shipped files carry no test or bench hooks (the harness adds them to its copy)', async () => {
    for (const file of await jsFiles(EXT)) {
      const src = await readFile(file, 'utf8');
      assert.ok(!/globalThis\.govcheck\b|lastTiming|browser-bench/.test(src), path.relative(ROOT, file));
    }
  });

  it('outcome and effect words come from the engine, not from the renderer', async () => {
    const src = await read('lib/render-findings.js');
    for (const word of ['需人工复核', '单项否决', "'Needs review'", "'Not applicable'"]) assert.ok(!src.includes(word), word);
    assert.ok(!/SITE_CRAWL_DEFAULTS/.test(await read('lib/engine.js')), 'crawl bounds come from the engine');
  });

  it('one download helper for every export', async () => {
    for (const file of ['popup.js', 'site.js', 'citizen.js', 'options-marks.js', '../www/app.js']) {
      const src = await read(file);
      assert.ok(!/createObjectURL/.test(src), `${file} saves files through lib/download.js`);
      assert.match(src, /lib\/download\.js/, file);
    }
  });

  it('www uses no chrome.* API: its own scripts nor the extension/lib files build.sh copies to www/lib', async () => {
    const build = await readFile(path.join(ROOT, 'build.sh'), 'utf8');
    const copied = [...build.matchAll(/extension\/lib\/([\w-]+\.js)\b/g)].map((m) => m[1]);
    for (const f of ['engine.js', 'render-findings.js', 'cards.js', 'download.js']) assert.ok(copied.includes(f), `build.sh copies lib/${f} to www/lib`);
    assert.match(build, /extension\/lib\/cards\.css/, 'build.sh copies lib/cards.css to www/lib');
    const files = [...copied.map((f) => path.join(EXT, 'lib', f)), ...(await jsFiles(path.join(ROOT, 'www'))).filter((f) => !/\/www\/lib\//.test(f))];
    for (const file of files) {
      const src = (await readFile(file, 'utf8')).replace(/^\s*(\/\/|\/?\*).*$/gm, '');
      assert.ok(!/\bchrome\.|\bbrowser\./.test(src), `${path.relative(ROOT, file)} uses chrome.*`);
    }
  });

  it('no content script loads WASM', async () => {
    for (const file of await jsFiles(path.join(EXT, 'content'))) {
      const src = await readFile(file, 'utf8');
      assert.ok(!/WebAssembly|import\s|pkg\//.test(src), path.relative(ROOT, file));
    }
  });
});
