// Module service worker: runs the engine on page snapshots, sets the per-tab badge,
// and keeps each tab's report in chrome.storage.session.
//
// The worker can be stopped at any time and started again for the next event, so:
// every listener is registered synchronously at the top level; the engine initialises
// lazily on the first check (engine.js memoises it); each tab's report (also the base
// of the next webmaster diff) is in chrome.storage.session, and the browser itself keeps
// per-tab badge text. Only snapshots waiting for the engine live in memory: a restarted
// worker has forgotten them, their senders' promises reject, and the next change or
// load sends again.
//
// Everything that arrives is untrusted until checked: who sent it (an extension page, or
// a tab's own content script), its shape, and — for a snapshot — that it is of the
// sender's own tab and origin and that the settings ask for that check.

import * as engine from './lib/engine.js';
import { badgeFor } from './lib/render-findings.js';
import { CS_TO_BG, UI_TO_BG, BG_TO_CS, PICK_TO_BG } from './lib/messages.js';
import { getSettings, engineOptions, isWebmaster } from './lib/settings.js';
import { loadI18n } from './lib/i18n.js';
import * as marks from './lib/marks.js';
import * as citizen from './lib/citizen-worker.js';

const CONTENT_SCRIPT_ID = 'govcheck-granted-origins';
// The same files, in the same order, as the manifest's content_scripts.
const CONTENT_SCRIPTS = chrome.runtime.getManifest().content_scripts[0].js;
const GOV_ORIGINS = chrome.runtime.getManifest().host_permissions;

const stateKey = (tabId) => `tab:${tabId}`;
// Which worker instance answered (diagnostics; tests use it to see a restart happened).
const WORKER = Object.freeze({ id: crypto.randomUUID(), startedAt: Date.now() });

// What the scheduler received, dropped and checked, and each check's timing: a no-op
// here. The test and bench harness (tests/browser/harness.mjs) loads a copy of the
// extension whose background.js ends with tests/browser/sw-hooks.js, which records them.
let trace = () => {};

// ---------------------------------------------------------------- listeners (sync)

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // A Map, not an object: `type: "constructor"` or "__proto__" finds nothing.
  const route = typeof message?.type === 'string' ? ROUTES.get(message.type) : undefined;
  const refuse = (error) => { sendResponse({ error }); return false; };
  if (!route) return refuse('unknown-message');
  if (!route.from(sender)) return refuse('forbidden');
  if (!route.valid(message)) return refuse('bad-message');
  route.handle(message, sender).then(
    (result) => sendResponse(result ?? {}),
    (err) => sendResponse({ error: String(err?.message ?? err) }),
  );
  return true; // answer asynchronously
});

chrome.tabs.onRemoved.addListener((tabId) => {
  chrome.storage.session.remove(stateKey(tabId));
  scheduler.forget(tabId);
});

chrome.tabs.onUpdated.addListener((tabId, info) => {
  // A new document in the tab: the old report no longer describes it. (The browser
  // clears the per-tab badge itself.) Same-document navigations keep the report until
  // the content script sends the new state.
  if (info.status === 'loading' && info.url) chrome.storage.session.remove(stateKey(tabId));
});

// Content scripts cannot read settings (see restrictStorage): they learn theirs from the
// worker, at start (CS_TO_BG.HELLO) and whenever a setting they follow changes.
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && (changes.webmaster || changes.autoCheck)) tellContentScripts();
});

chrome.permissions.onAdded.addListener(() => { syncGrantedOrigins(); });
chrome.permissions.onRemoved.addListener(() => { syncGrantedOrigins(); });
chrome.runtime.onInstalled.addListener(() => { syncGrantedOrigins(); createCitizenMenu(); });
// 向本网站报告错误 (issue 12): the menu click grants activeTab on that tab; its title
// follows the language setting.
chrome.contextMenus?.onClicked.addListener((info, tab) => {
  if (info.menuItemId === citizen.MENU_ID && isTabId(tab?.id)) citizen.start(tab.id, { linkUrl: info.linkUrl, srcUrl: info.srcUrl });
});
chrome.storage.onChanged.addListener((changes, area) => { if (area === 'local' && changes.lang) createCitizenMenu(); });
restrictStorage();

/** Settings (storage.local) are for the extension's own pages and this worker only: a
 *  content script, whose renderer a page shares, can neither read nor write them.
 *  (storage.session is restricted so by default.) Chromium keeps the level across
 *  restarts; setting it again is harmless. Firefox offers the call for storage.session
 *  only, so there content scripts keep their default access to storage.local. */
function restrictStorage() {
  chrome.storage.local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })?.catch(() => {});
}

// ---------------------------------------------------------------- who may send what

const EXTENSION_URL = chrome.runtime.getURL(''); // "chrome-extension://<id>/"

/** One of the extension's own pages (popup, options; also when open in a tab). The
 *  browser, not the sender, fills in sender.url, so a content script cannot pass. */
function fromExtensionPage(sender) {
  return sender.id === chrome.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(EXTENSION_URL);
}

/** The content script in a tab's top frame. What it may ask about is that tab only. */
function fromTab(sender) {
  return sender.id === chrome.runtime.id && Number.isInteger(sender.tab?.id) && sender.tab.id >= 0
    && sender.frameId === 0 && originOf(sender.url) !== null;
}

function originOf(url) {
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

// Shapes. A snapshot is at most what one message can carry (Chromium's limit is 64 MiB
// of JSON); the engine's own, lower limit (max_html_bytes) is applied in runCheck.
const MAX_MESSAGE_CHARS = 64 * 1024 * 1024;
const MAX_URL_CHARS = 8 * 1024;
const MAX_TITLE_CHARS = 4 * 1024;
const SNAPSHOT_REASONS = new Set(['load', 'mutation', 'navigate', 'webmaster']);
const CHECK_REASONS = new Set(['click', 'recheck']);

const isTabId = (v) => Number.isInteger(v) && v >= 0;
const isString = (v, max) => typeof v === 'string' && v.length <= max;
const optional = (v, test) => v === undefined || test(v);

function validSnapshot(m) {
  return isString(m.html, MAX_MESSAGE_CHARS) && isString(m.url, MAX_URL_CHARS) && optional(m.title, (t) => isString(t, MAX_TITLE_CHARS))
    && SNAPSHOT_REASONS.has(m.reason) && optional(m.sentAt, Number.isFinite) && optional(m.capped, (c) => typeof c === 'boolean');
}

/** An http(s) origin written as the browser writes it ("https://example.org"). */
function isWebOrigin(v) {
  if (!isString(v, MAX_URL_CHARS)) return false;
  try {
    const url = new URL(v);
    return /^https?:$/.test(url.protocol) && url.origin === v;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- message handlers

const ROUTES = new Map([
  // Content script → background: which settings apply to this page (its own origin).
  // A page that will be checked says hello first: start the engine's initialisation
  // (fetch + compile + instantiate) now, while the page is serialised and sent.
  [CS_TO_BG.HELLO, { from: fromTab, valid: () => true, handle: onHello }],

  // Content script → background: a page snapshot (on load, on DOM change in webmaster
  // mode, after an SPA navigation), of the sender's own tab and origin only.
  [CS_TO_BG.SNAPSHOT, { from: fromTab, valid: validSnapshot, handle: onSnapshot }],

  [UI_TO_BG.GET_STATE, {
    from: fromExtensionPage,
    valid: (m) => isTabId(m.tabId),
    handle: async ({ tabId }) => ({ state: await getState(tabId), rules: await rulesOrNull(), labels: await labelsOrNull(), worker: WORKER }),
  }],

  // The toolbar-click path: the popup opens on a tab and asks for a check. Works on any
  // page the extension may script: government hosts, granted origins, or the active
  // tab after the click (activeTab).
  [UI_TO_BG.CHECK_TAB, {
    from: fromExtensionPage,
    valid: (m) => isTabId(m.tabId) && optional(m.reason, (r) => CHECK_REASONS.has(r)),
    handle: async ({ tabId, reason = 'click' }) => ({ state: await checkTab(tabId, reason), rules: await rulesOrNull(), labels: await labelsOrNull() }),
  }],

  [UI_TO_BG.SET_WEBMASTER, {
    from: fromExtensionPage,
    valid: (m) => isWebOrigin(m.origin) && typeof m.on === 'boolean' && optional(m.tabId, isTabId),
    handle: setWebmaster,
  }],

  [UI_TO_BG.SYNC_ORIGINS, { from: fromExtensionPage, valid: () => true, handle: async () => ({ origins: await syncGrantedOrigins() }) }],

  // Triage marks (issue 12; see the "marks" section below and lib/marks.js).
  [UI_TO_BG.MARKS_SET, { from: fromExtensionPage, valid: marks.validMarkMessage, handle: setMark }],
  [UI_TO_BG.MARKS_LIST, { from: fromExtensionPage, valid: () => true, handle: async () => ({ sites: await marks.allSites() }) }],
  [UI_TO_BG.MARKS_EXPORT, { from: fromExtensionPage, valid: () => true, handle: exportMarks }],
  [UI_TO_BG.MARKS_IMPORT, { from: fromExtensionPage, valid: (m) => isString(m.text, 16 * 1024 * 1024), handle: importMarks }],
  [UI_TO_BG.MARKS_CLEAR, { from: fromExtensionPage, valid: (m) => optional(m.site, (s) => isString(s, 300)), handle: clearMarks }],

  // A citizen's error report (issue 12; lib/citizen-worker.js): started from an extension
  // page (popup, side panel) on a tab; what the citizen picked comes from content/pick.js
  // in that tab's top frame, about its own page.
  [UI_TO_BG.CITIZEN_START, { from: fromExtensionPage, valid: (m) => isTabId(m.tabId), handle: ({ tabId }) => citizen.start(tabId) }],
  [PICK_TO_BG.PICKED, { from: fromTab, valid: citizen.validPick, handle: (m, sender) => citizen.picked(m, sender, { getState, checkTab }) }],
]);

async function onHello(_msg, sender) {
  const settings = await settingsFor(originOf(sender.url));
  if (settings.autoCheck || settings.webmaster) engine.ready().catch(() => { /* the check retries and reports it */ });
  return settings;
}

async function settingsFor(origin) {
  const settings = await getSettings();
  return { origin, autoCheck: Boolean(settings.autoCheck), webmaster: origin !== null && isWebmaster(settings, origin) };
}

async function onSnapshot(msg, sender) {
  const receivedAt = Date.now();
  // A content script speaks for the page it is in: not another origin, not a made-up URL.
  const origin = originOf(msg.url);
  if (origin === null || origin !== originOf(sender.url)) return { error: 'forbidden' };
  const { autoCheck, webmaster } = await settingsFor(origin);
  const wanted = msg.reason === 'load' ? autoCheck
    : msg.reason === 'navigate' ? autoCheck || webmaster
    : webmaster; // 'mutation', 'webmaster'
  if (!wanted) return { ignored: true };
  const snap = { html: msg.html, url: msg.url, title: msg.title ?? '', sentAt: msg.sentAt, receivedAt, capped: msg.capped === true };
  const state = await scheduler.submit(sender.tab.id, snap, msg.reason);
  // The check's own cost (not time spent waiting for other tabs' checks): the content
  // script spaces webmaster re-checks by it.
  return { status: state.report?.verdict.status ?? 'error', costMs: state.timing?.engineMs ?? 0 };
}

async function setWebmaster({ origin, on, tabId }) {
  const settings = await getSettings();
  const webmaster = { ...settings.webmaster };
  if (on) webmaster[origin] = true; else delete webmaster[origin];
  await chrome.storage.local.set({ webmaster });
  // Content scripts hear of it through storage.onChanged → tellContentScripts. On a page
  // checked by click only there is none yet: inject it (activeTab allows that).
  if (on && tabId !== undefined) await ensureContentScript(tabId);
  return {};
}

/** Send each tab's content script the settings for its origin. Tabs whose URL the
 *  worker may not see have no content script of ours that follows settings. */
async function tellContentScripts() {
  const settings = await getSettings();
  for (const tab of await chrome.tabs.query({})) {
    const origin = originOf(tab.url);
    if (origin === null) continue;
    const message = { type: BG_TO_CS.SETTINGS, origin, autoCheck: Boolean(settings.autoCheck), webmaster: isWebmaster(settings, origin) };
    chrome.tabs.sendMessage(tab.id, message, { frameId: 0 }).catch(() => { /* no content script there */ });
  }
}

// ---------------------------------------------------------------- scheduling

/**
 * One engine, many tabs. One check runs at a time; each tab has at most one snapshot
 * waiting, and a newer one replaces it (only the page's latest state matters; everyone
 * who asked gets the result of the check that covers theirs). When the engine is free
 * the waiting tab whose last check started longest ago goes next, so a tab that keeps
 * sending snapshots (a busy or hostile page) delays another tab's check by at most the
 * one check already running.
 */
const scheduler = (() => {
  const tabs = new Map(); // tabId → { pending: { snap, reason, waiters } | null, lastStart }
  let running = false;

  function submit(tabId, snap, reason) {
    return new Promise((resolve) => {
      let tab = tabs.get(tabId);
      if (!tab) { tab = { pending: null, lastStart: 0 }; tabs.set(tabId, tab); }
      const waiters = tab.pending?.waiters ?? [];
      if (tab.pending) trace({ tabId, event: 'superseded', at: Date.now() });
      waiters.push(resolve);
      tab.pending = { snap, reason, waiters };
      trace({ tabId, event: 'received', at: Date.now(), reason });
      pump();
    });
  }

  function pump() {
    if (running) return;
    let nextId = null;
    let next = null;
    for (const [id, tab] of tabs) {
      if (tab.pending && (next === null || tab.lastStart < next.lastStart)) { nextId = id; next = tab; }
    }
    if (!next) return;
    const { snap, reason, waiters } = next.pending;
    next.pending = null;
    next.lastStart = performance.now();
    running = true;
    trace({ tabId: nextId, event: 'start', at: Date.now(), reason, receivedAt: snap.receivedAt ?? null });
    runCheck(nextId, snap, reason)
      .catch((err) => ({ error: String(err?.message ?? err) }))
      .then((state) => {
        trace({ tabId: nextId, event: 'end', at: Date.now() });
        running = false;
        for (const resolve of waiters) resolve(state);
        pump();
      });
  }

  function forget(tabId) {
    const tab = tabs.get(tabId);
    if (tab?.pending) for (const resolve of tab.pending.waiters) resolve({ error: 'tab-closed' });
    tabs.delete(tabId);
  }

  return { submit, forget };
})();

// ---------------------------------------------------------------- checking

async function getState(tabId) {
  const key = stateKey(tabId);
  return (await chrome.storage.session.get(key))[key] ?? null;
}

async function rulesOrNull() {
  try { return await engine.rules(); } catch { return null; }
}

/** The engine's words for outcomes, effects and rule groups (the popup shows them). */
async function labelsOrNull() {
  try { return (await engine.defaults()).labels; } catch { return null; }
}

/** Take a snapshot of the tab's top frame with scripting.executeScript and check it. */
export async function checkTab(tabId, reason) {
  let snap;
  try {
    const target = { tabId };
    // The same depth-capped serialisation the content script uses.
    await chrome.scripting.executeScript({ target, files: ['content/serialise.js'] });
    const [result] = await chrome.scripting.executeScript({
      target,
      func: () => {
        const { html, capped } = globalThis.__govcheckSerialise.snapshot();
        return { html, capped, url: location.href, title: document.title };
      },
    });
    snap = result?.result;
  } catch (err) {
    return { error: 'no-access', detail: String(err?.message ?? err) };
  }
  if (!snap || typeof snap.html !== 'string' || typeof snap.url !== 'string') return { error: 'no-access', detail: 'no result' };
  return scheduler.submit(tabId, { ...snap, title: String(snap.title ?? '') }, reason);
}

let engineDefaults = null;
/** The largest page the engine takes, in bytes: the user's threshold, else the engine's. */
async function maxHtmlBytes(settings) {
  const own = settings.thresholds?.max_html_bytes;
  if (Number.isFinite(own)) return own;
  engineDefaults ??= await engine.defaultOptions();
  return engineDefaults.max_html_bytes;
}

/** Check one snapshot, set the badge and store the state. Only the scheduler calls it. */
async function runCheck(tabId, snap, reason) {
  const settings = await getSettings();
  const previous = await getState(tabId);
  const state = { url: snap.url, title: snap.title, reason, checkedAt: Date.now(), htmlChars: snap.html.length };
  if (snap.capped) state.capped = true;
  const t0 = performance.now();
  try {
    // A page can never have fewer UTF-8 bytes than UTF-16 units: a snapshot longer than
    // the limit is refused here, before it is copied into the engine's memory.
    const max = await maxHtmlBytes(settings);
    if (snap.html.length > max) {
      state.error = `页面过大（至少 ${snap.html.length} 字节，上限 ${max} 字节） / page too large (at least ${snap.html.length} bytes, limit ${max})`;
    } else {
      state.report = await engine.check(snap.html, snap.url, engineOptions(settings, { source: 'live' }));
      state.timing = { engineMs: performance.now() - t0, initMs: engine.initMs };
      state.report = await applyMarks(state.report, snap.url, state);
    }
  } catch (err) {
    state.error = String(err?.message ?? err);
  }
  const origin = originOf(snap.url);
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
  trace({
    event: 'checked', tabId, url: snap.url, sentAt: snap.sentAt ?? null, receivedAt: snap.receivedAt ?? state.checkedAt,
    checkStart: state.checkedAt, badgeAt, storedAt: Date.now(), ...state.timing,
  });
  return state;
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
    // Marked findings (issue 12) are counted apart: the badge counts what no mark covers.
    const marked = marks.markedBadge(state.report, badge);
    const { verdict, coverage } = state.report;
    text = (marked ?? badge).text;
    color = (marked ?? badge).color;
    const what = badge.status === 'fail_veto' ? t('badgeVeto', verdict.failed, verdict.veto_failed)
      : badge.status === 'fail' ? t('badgeFail', verdict.failed) : t('badgePass');
    title = `govcheck — ${what}\n${t('badgeCoverage', coverage.decided, coverage.total)}`;
    if (marked) title += `\n${t('badgeMarked', marked.marked, marked.text === '✓' ? 0 : marked.text)}${marked.back ? `\n${t('badgeFixedBack', marked.back)}` : ''}`;
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
      id: CONTENT_SCRIPT_ID, matches: extra, js: CONTENT_SCRIPTS, runAt: 'document_idle', allFrames: false,
    }]);
  }
  return extra;
}

async function ensureContentScript(tabId) {
  try {
    const ping = await chrome.tabs.sendMessage(tabId, { type: BG_TO_CS.PING });
    if (ping?.ok) return;
  } catch { /* not injected yet */ }
  await chrome.scripting.executeScript({ target: { tabId }, files: CONTENT_SCRIPTS });
}


// ---------------------------------------------------------------- marks (issue 12)

/** The report with its site's marks applied (the engine's apply_baseline). A stored mark
 *  the engine cannot read never costs the check: the report stays unmarked, and says so. */
async function applyMarks(report, url, state = null) {
  try {
    const baseline = await marks.baselineFor(marks.siteOf(url));
    return baseline ? await engine.applyBaseline(report, baseline) : report;
  } catch (err) {
    if (state) state.marksError = String(err?.message ?? err);
    return report;
  }
}

/** Mark the stored reports of every tab on these sites again ('*': every site), and their
 *  badges: right after a mark changes, without a new check. */
async function remarkTabs(sites) {
  const all = await chrome.storage.session.get(null);
  for (const [key, state] of Object.entries(all)) {
    if (!key.startsWith('tab:') || !state?.report) continue;
    if (!sites.includes('*') && !sites.includes(marks.siteOf(state.url))) continue;
    state.report = await applyMarks(marks.unmarked(state.report), state.url, state);
    const tabId = Number(key.slice(4));
    await setBadge(tabId, state);
    await store(tabId, state);
  }
}

/** marks:set — the finding is one of the tab's report (its site is the tab's host, never
 *  the sender's say). 'fixed' means "check again": the tab is re-checked at once. */
async function setMark(m) {
  const state = await getState(m.tabId);
  const site = marks.siteOf(state?.url);
  if (!state?.report || !site) return { error: 'no-report' };
  const finding = state.report.findings.find((f) => f.fingerprint === m.fingerprint && f.rule === m.rule);
  if (m.mark !== null && !finding) return { error: 'no-such-finding' };
  const entry = m.mark === null ? null : {
    fingerprint: m.fingerprint, rule: m.rule, site, mark: m.mark, reason: m.reason ?? '',
    message: finding.message ?? m.message ?? '', column: finding.column ?? m.column ?? null,
    value: finding.value ?? m.value ?? null, url: state.url, marked_at: engine.todayInShanghai(),
  };
  await marks.setMark(site, m, entry);
  if (m.mark === 'fixed') {
    const checked = await checkTab(m.tabId, 'recheck');
    if (!checked.error) return { state: checked };
  }
  await remarkTabs([site]);
  return { state: await getState(m.tabId) };
}

async function exportMarks() {
  const entries = Object.values(await marks.allSites()).flat();
  return { baseline: marks.baselineOf(entries, engine.todayInShanghai()) };
}

/** marks:import — the engine reads the file (a bad one is refused with its message). */
async function importMarks({ text }) {
  const baseline = await engine.parseBaseline(text);
  const result = await marks.importEntries(baseline.entries);
  await remarkTabs(result.sites.map((s) => s ?? '*'));
  return result;
}

async function clearMarks({ site }) {
  const sites = site === undefined ? Object.keys(await marks.allSites()) : [site];
  await marks.clearMarks(site);
  await remarkTabs(sites);
  return {};
}

async function createCitizenMenu() {
  const { t } = await loadI18n((await getSettings()).lang);
  citizen.createMenu(t('menuReportError'));
}
