// Module service worker: runs the engine on page snapshots, sets the per-tab badge,
// and keeps each tab's report in chrome.storage.session.
//
// The worker can be stopped at any time and started again for the next event, so:
// every listener is registered synchronously at the top level; the engine initialises
// lazily on the first check (engine.js memoises it); nothing lives only in memory —
// each tab's report (also the base of the next webmaster diff) is in
// chrome.storage.session, and the browser itself keeps per-tab badge text.

import * as engine from './lib/engine.js';
import { badgeFor } from './lib/render-findings.js';
import { CS_TO_BG, UI_TO_BG, BG_TO_CS } from './lib/messages.js';
import { getSettings, engineOptions, isWebmaster } from './lib/settings.js';
import { loadI18n } from './lib/i18n.js';

const CONTENT_SCRIPT_ID = 'govcheck-granted-origins';
const GOV_ORIGINS = chrome.runtime.getManifest().host_permissions;

const stateKey = (tabId) => `tab:${tabId}`;
// Which worker instance answered (diagnostics; tests use it to see a restart happened).
const WORKER = Object.freeze({ id: crypto.randomUUID(), startedAt: Date.now() });

// ---------------------------------------------------------------- listeners (sync)

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const handler = HANDLERS[message?.type];
  if (!handler) return false;
  handler(message, sender).then(
    (result) => sendResponse(result ?? {}),
    (err) => sendResponse({ error: String(err?.message ?? err) }),
  );
  return true; // answer asynchronously
});

chrome.tabs.onRemoved.addListener((tabId) => {
  chrome.storage.session.remove(stateKey(tabId));
});

chrome.tabs.onUpdated.addListener((tabId, info) => {
  // A new document in the tab: the old report no longer describes it. (The browser
  // clears the per-tab badge itself.) Same-document navigations keep the report until
  // the content script sends the new state.
  if (info.status === 'loading' && info.url) chrome.storage.session.remove(stateKey(tabId));
});

chrome.permissions.onAdded.addListener(() => { syncGrantedOrigins(); });
chrome.permissions.onRemoved.addListener(() => { syncGrantedOrigins(); });
chrome.runtime.onInstalled.addListener(() => { syncGrantedOrigins(); });

// ---------------------------------------------------------------- message handlers

const HANDLERS = {
  // Content script → background: a page snapshot (on load, on DOM change in webmaster
  // mode, after an SPA navigation).
  async [CS_TO_BG.SNAPSHOT](msg, sender) {
    const receivedAt = Date.now();
    const tabId = sender.tab?.id;
    if (tabId === undefined || sender.frameId !== 0) return { ignored: true };
    const settings = await getSettings();
    if (msg.reason === 'load' && !settings.autoCheck) return { ignored: true };
    const state = await runCheck(tabId, { html: msg.html, url: msg.url, title: msg.title, sentAt: msg.sentAt, receivedAt }, msg.reason, settings);
    return { status: state.report?.verdict.status ?? 'error' };
  },

  async [UI_TO_BG.GET_STATE]({ tabId }) {
    return { state: await getState(tabId), rules: await rulesOrNull(), worker: WORKER };
  },

  // The toolbar-click path: the popup opens on a tab and asks for a check. Works on any
  // page the extension may script: government hosts, granted origins, or the active
  // tab after the click (activeTab).
  async [UI_TO_BG.CHECK_TAB]({ tabId, reason = 'click' }) {
    return { state: await checkTab(tabId, reason), rules: await rulesOrNull() };
  },

  async [UI_TO_BG.SET_WEBMASTER]({ origin, on, tabId }) {
    const settings = await getSettings();
    const webmaster = { ...settings.webmaster };
    if (on) webmaster[origin] = true; else delete webmaster[origin];
    await chrome.storage.local.set({ webmaster });
    // The content script watches storage and starts/stops its observer. On a page
    // checked by click only it is not there yet: inject it (activeTab allows that).
    if (on && tabId !== undefined) await ensureContentScript(tabId);
    return {};
  },

  async [UI_TO_BG.SYNC_ORIGINS]() {
    return { origins: await syncGrantedOrigins() };
  },
};

// ---------------------------------------------------------------- checking

const queues = new Map(); // tabId → promise: checks of one tab run one after another
let lastTiming = null;

function serialise(tabId, task) {
  const run = (queues.get(tabId) ?? Promise.resolve()).then(task, task);
  const tail = run.catch(() => {});
  queues.set(tabId, tail);
  tail.then(() => { if (queues.get(tabId) === tail) queues.delete(tabId); });
  return run;
}

async function getState(tabId) {
  const key = stateKey(tabId);
  return (await chrome.storage.session.get(key))[key] ?? null;
}

async function rulesOrNull() {
  try { return await engine.rules(); } catch { return null; }
}

/** Take a snapshot of the tab's top frame with scripting.executeScript and check it. */
export async function checkTab(tabId, reason) {
  let snap;
  try {
    const [result] = await chrome.scripting.executeScript({
      target: { tabId },
      func: () => ({ html: document.documentElement.outerHTML, url: location.href, title: document.title }),
    });
    snap = result?.result;
  } catch (err) {
    return { error: 'no-access', detail: String(err?.message ?? err) };
  }
  if (!snap) return { error: 'no-access', detail: 'no result' };
  return runCheck(tabId, snap, reason, await getSettings());
}

function runCheck(tabId, snap, reason, settings) {
  return serialise(tabId, async () => {
    const previous = await getState(tabId);
    const state = { url: snap.url, title: snap.title, reason, checkedAt: Date.now(), htmlChars: snap.html.length };
    const t0 = performance.now();
    try {
      state.report = await engine.check(snap.html, snap.url, engineOptions(settings, { source: 'live' }));
      state.timing = { engineMs: performance.now() - t0, initMs: engine.initMs };
    } catch (err) {
      state.error = String(err?.message ?? err);
    }
    let origin = null;
    try { origin = new URL(snap.url).origin; } catch { /* about:blank and the like */ }
    state.webmaster = origin !== null && isWebmaster(settings, origin);
    // Webmaster mode (and any re-check of the same address): what changed since the
    // previous check of this page.
    if (state.report && previous?.report && previous.url === snap.url) {
      state.diff = await engine.diffReports(previous.report, state.report);
      state.previousCheckedAt = previous.checkedAt;
    }
    state.checks = (previous?.url === snap.url ? previous.checks ?? 1 : 0) + 1;
    // Badge first: a stored state means the whole check, badge included, is done.
    await setBadge(tabId, state, settings);
    const badgeAt = Date.now();
    await store(tabId, state);
    // Diagnostics for bench/browser-bench.mjs (memory only; gone when the worker stops).
    lastTiming = {
      tabId, url: snap.url, sentAt: snap.sentAt ?? null, receivedAt: snap.receivedAt ?? state.checkedAt,
      checkStart: state.checkedAt, badgeAt, storedAt: Date.now(), ...state.timing,
    };
    return state;
  });
}

/** Keep a tab's state. storage.session holds 10 MB, and a report of a large page can be
 *  a few hundred KB: when it is full, forget the reports of the tabs checked longest ago
 *  (their popups simply check again) and retry once. */
async function store(tabId, state) {
  const key = stateKey(tabId);
  try {
    await chrome.storage.session.set({ [key]: state });
  } catch {
    const all = await chrome.storage.session.get(null);
    const others = Object.entries(all)
      .filter(([k]) => k.startsWith('tab:') && k !== key)
      .sort((a, b) => a[1].checkedAt - b[1].checkedAt);
    await chrome.storage.session.remove(others.slice(0, Math.ceil(others.length / 2)).map(([k]) => k));
    await chrome.storage.session.set({ [key]: state });
  }
}

async function setBadge(tabId, state, settings = null) {
  const { t } = await loadI18n((settings ?? await getSettings()).lang);
  let text, color, title;
  if (state.report) {
    const badge = badgeFor(state.report);
    const { verdict, coverage } = state.report;
    text = badge.text;
    color = badge.color;
    const what = badge.status === 'fail_veto' ? t('badgeVeto', verdict.failed, verdict.veto_failed)
      : badge.status === 'fail' ? t('badgeFail', verdict.failed) : t('badgePass');
    title = `govcheck — ${what}\n${t('badgeCoverage', coverage.decided, coverage.total)}`;
  } else {
    text = '!';
    color = '#757575';
    title = `govcheck — ${t('badgeError')}\n${state.error}`;
  }
  try {
    await chrome.action.setBadgeText({ tabId, text });
    await chrome.action.setBadgeBackgroundColor({ tabId, color });
    if (chrome.action.setBadgeTextColor) {
      await chrome.action.setBadgeTextColor({ tabId, color: color === '#e6a100' ? '#000000' : '#ffffff' });
    }
    await chrome.action.setTitle({ tabId, title });
  } catch {
    // The tab closed or navigated away while the check ran.
  }
}

// ---------------------------------------------------------------- granted origins

/** Register the snapshot content script on every granted origin beyond the government
 *  hosts, so those sites are checked automatically too. Returns those origins. */
async function syncGrantedOrigins() {
  const { origins = [] } = await chrome.permissions.getAll();
  const extra = origins.filter((o) => !GOV_ORIGINS.includes(o));
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] }).catch(() => []);
  if (existing.length) await chrome.scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
  if (extra.length) {
    await chrome.scripting.registerContentScripts([{
      id: CONTENT_SCRIPT_ID, matches: extra, js: ['content/snapshot.js'], runAt: 'document_idle', allFrames: false,
    }]);
  }
  return extra;
}

async function ensureContentScript(tabId) {
  try {
    const ping = await chrome.tabs.sendMessage(tabId, { type: BG_TO_CS.PING });
    if (ping?.ok) return;
  } catch { /* not injected yet */ }
  await chrome.scripting.executeScript({ target: { tabId }, files: ['content/snapshot.js'] });
}

// For tests and the benchmark (sw.evaluate runs in this global scope): the same
// functions the message handlers call. Not reachable from web pages.
globalThis.govcheck = { checkTab, getState, setBadge, syncGrantedOrigins, engine, lastTiming: () => lastTiming };
