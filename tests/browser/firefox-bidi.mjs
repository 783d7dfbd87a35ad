// Firefox smoke check of manifest.firefox.json, driven over WebDriver BiDi (Playwright
// cannot drive stock Firefox). Run by firefox.test.mjs in a child process, because Node 20
// needs --experimental-websocket for the WebSocket client:
//   node --experimental-websocket tests/browser/firefox-bidi.mjs
// Prints one JSON line: what the extension did on a government page.
//
// All of Firefox's traffic goes to the local test server through a PAC proxy (including
// its own background requests, which just get 404s), so nothing leaves the machine.

import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXT, FIXTURES, startServer } from './harness.mjs';

const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const ADDON_ID = 'govcheck@govcheck.invalid';
const UUID = '6f3c1d2e-8a4b-4c5d-9e6f-0a1b2c3d4e5f';

const work = await mkdtemp(path.join(tmpdir(), 'govcheck-firefox-'));
const extDir = path.join(work, 'extension');
const profile = path.join(work, 'profile');
await cp(EXT, extDir, { recursive: true });
await rm(path.join(extDir, 'manifest.json'));
await rename(path.join(extDir, 'manifest.firefox.json'), path.join(extDir, 'manifest.json'));

const server = await startServer({
  '/compliant.html': { file: path.join(FIXTURES, 'compliant.html'), template: true },
  '/missing-footer.html': { file: path.join(FIXTURES, 'missing-footer.html'), template: true },
});
const pac = `function FindProxyForURL(u, h) { return 'PROXY 127.0.0.1:${server.port}'; }`;
await mkdir(profile, { recursive: true });
await writeFile(path.join(profile, 'user.js'), [
  ['network.proxy.type', 2],
  ['network.proxy.autoconfig_url', `data:text/plain,${encodeURIComponent(pac)}`],
  ['network.proxy.allow_hijacking_localhost', false],
  ['network.trr.mode', 5],
  ['extensions.webextensions.uuids', JSON.stringify({ [ADDON_ID]: UUID })],
  ['app.update.auto', false],
  ['toolkit.telemetry.enabled', false],
  ['datareporting.policy.dataSubmissionEnabled', false],
  ['browser.safebrowsing.malware.enabled', false],
  ['browser.safebrowsing.phishing.enabled', false],
  ['network.captive-portal-service.enabled', false],
  ['network.connectivity-service.enabled', false],
  ['intl.locale.requested', 'zh-CN'],
].map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n'));

const firefox = spawn(FIREFOX, ['--headless', '--remote-debugging-port', '0', '--remote-allow-system-access', '--profile', profile, '--no-remote'], { stdio: ['ignore', 'pipe', 'pipe'] });
const result = { ok: false };
let ws;
try {
  const wsUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Firefox did not start its BiDi server')), 30_000);
    let buf = '';
    firefox.stderr.on('data', (d) => {
      buf += d;
      const m = buf.match(/WebDriver BiDi listening on (ws:\/\/[^\s]+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    firefox.on('exit', (code) => reject(new Error(`Firefox exited (${code}): ${buf.slice(-500)}`)));
  });
  ws = new WebSocket(`${wsUrl}/session`);
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
  let nextId = 1;
  const pending = new Map();
  ws.onmessage = (event) => {
    const msg = JSON.parse(event.data);
    if (msg.id && pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.type === 'error') reject(new Error(`${msg.error}: ${msg.message}`)); else resolve(msg.result);
    }
  };
  const send = (method, params) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    ws.send(JSON.stringify({ id, method, params }));
  });
  const evaluate = async (context, expression) => {
    const r = await send('script.evaluate', { expression, target: { context }, awaitPromise: true, resultOwnership: 'none' });
    if (r.type === 'exception') throw new Error(`evaluate: ${r.exceptionDetails.text}`);
    return r.result.type === 'string' ? JSON.parse(r.result.value) : r.result;
  };

  const session = await send('session.new', { capabilities: {} });
  result.browser = `${session.capabilities.browserName} ${session.capabilities.browserVersion}`;
  const install = await send('webExtension.install', { extensionData: { type: 'path', path: extDir } });
  result.installed = install.extension;

  const { contexts } = await send('browsingContext.getTree', {});
  const tab = contexts[0].context;
  // An extension page in a second tab reads what the background stored and drew.
  const extTab = (await send('browsingContext.create', { type: 'tab' })).context;
  const base = `moz-extension://${UUID}`;
  await send('browsingContext.navigate', { context: extTab, url: `${base}/options.html`, wait: 'complete' });
  result.pages = {};
  for (const name of ['compliant.html', 'missing-footer.html']) {
    const url = `http://www.hd.gov.cn/${name}`;
    await send('browsingContext.navigate', { context: tab, url, wait: 'complete' });
    let found = null;
    for (let i = 0; i < 100 && !found?.state; i++) {
      found = await evaluate(extTab, `(async () => {
        const t = (await chrome.tabs.query({})).find((x) => x.url === ${JSON.stringify(url)});
        if (!t) return JSON.stringify(null);
        const s = (await chrome.storage.session.get('tab:' + t.id))['tab:' + t.id] ?? null;
        return JSON.stringify({ tabId: t.id, state: s && s.url === ${JSON.stringify(url)} ? s : null,
          badge: await chrome.action.getBadgeText({ tabId: t.id }),
          color: await chrome.action.getBadgeBackgroundColor({ tabId: t.id }) });
      })()`);
      if (!found?.state) await new Promise((r) => setTimeout(r, 200));
    }
    if (!found?.state) throw new Error(`no report stored for ${url}`);
    const { state } = found;
    result.pages[name] = {
      status: state.report?.verdict.status ?? `error: ${state.error}`, failed: state.report?.verdict.failed,
      rulesRun: state.report?.meta.rules_run.length, badge: found.badge, color: found.color, tabId: found.tabId,
    };
  }
  const { tabId } = result.pages['missing-footer.html'];
  await send('browsingContext.navigate', { context: extTab, url: `${base}/popup.html?tab=${tabId}`, wait: 'complete' });
  for (let i = 0; i < 50 && !result.popup; i++) {
    const v = await evaluate(extTab, `JSON.stringify(document.body.dataset.ready ? { status: document.querySelector('.gc-verdict')?.dataset.status, findings: document.querySelectorAll('.gc-finding').length } : null)`);
    if (v) result.popup = v; else await new Promise((r) => setTimeout(r, 100));
  }
  result.ok = true;
} catch (err) {
  result.error = String(err?.message ?? err);
} finally {
  try { ws?.close(); } catch { /* closed */ }
  firefox.kill('SIGTERM');
  await new Promise((r) => { firefox.once('exit', r); setTimeout(r, 5000); });
  await server.close();
  await rm(work, { recursive: true, force: true });
}
console.log(JSON.stringify(result));
