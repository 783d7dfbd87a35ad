// Popup controller: shows the stored report of one tab, asks the worker to check the tab
// when there is none (this is the toolbar-click path), and drives highlighting, export
// and webmaster mode. The report is rendered by lib/render-findings.js (text nodes only).
//
// Opened from the toolbar it works on the active tab; opened as a page with ?tab=<id>
// (tests, or a pinned tab) it works on that tab.

import { renderDiff } from './lib/render-findings.js';
import { renderCards, numberedRows } from './lib/cards.js';
import { highlight as highlightInTab, clearHighlight, highlightItem, copyText, setMark, openSidePanel } from './lib/tab-actions.js';
import { UI_TO_BG } from './lib/messages.js';
import { getSettings } from './lib/settings.js';
import { localisePage } from './lib/i18n.js';
import { isGovHost, siteStartUrl } from './lib/site-access.js';
import { downloadText, hostPart, EXPORT_TYPES } from './lib/download.js';

const $ = (id) => document.getElementById(id);
// Government hosts: the manifest's host permissions, the list the content script runs on.
const GOV_PATTERNS = chrome.runtime.getManifest().host_permissions;
const params = new URLSearchParams(location.search);
if (params.has('tab')) document.body.classList.add('tab');

const settings = await getSettings();
const { lang, t } = await localisePage(document, settings.lang);

const tabId = params.has('tab')
  ? Number(params.get('tab'))
  : (await chrome.tabs.query({ active: true, currentWindow: true }))[0]?.id;

let current = { state: null, rules: [], labels: null };
/** The tab's URL as the browser reports it (visible after a toolbar click or on granted hosts). */
let tabUrl = null;

function send(type, extra = {}) {
  return chrome.runtime.sendMessage({ type, tabId, ...extra });
}

function setNotice(message) {
  $('notice').hidden = !message;
  $('notice').textContent = message || '';
}

function setStatus(message) {
  $('status').textContent = message || '';
}

function pageOrigin() {
  try { return new URL(current.state?.url).origin; } catch { return null; }
}

async function originGranted(origin) {
  return chrome.permissions.contains({ origins: [`${origin}/*`] });
}

// ------------------------------------------------------------------ rendering

async function render() {
  const { state, rules, labels } = current;
  const report = state?.report;
  $('report').replaceChildren();
  $('diff').replaceChildren();
  document.body.dataset.status = report ? report.verdict.status : (state?.error ? 'error' : 'none');
  if (!state) return;
  if (state.error) {
    setNotice(state.error === 'no-access' ? t('popupNoAccess') : t('popupError') + state.error);
    return;
  }
  setNotice('');
  let url = null;
  try { url = new URL(state.url); } catch { /* not a URL */ }
  $('page-host').textContent = url ? url.host : '';
  $('page-host').title = state.title || '';
  $('checked-at').textContent = t('popupChecked', new Date(state.checkedAt).toLocaleTimeString(), state.checks ?? 1);

  const origin = url?.origin;
  const webmaster = Boolean(origin && settings.webmaster[origin]);
  $('webmaster').checked = webmaster;
  $('webmaster').disabled = !origin || !/^https?:$/.test(url.protocol);

  $('grant').hidden = !url || !/^https?:$/.test(url.protocol) || isGovHost(url.hostname, GOV_PATTERNS) || await originGranted(origin);

  if (state.diff && (webmaster || state.reason === 'recheck' || state.reason === 'mutation')) {
    $('diff').append(renderDiff(state.diff, { document, lang, rules }));
  }
  // The popup's cards are the side panel's (lib/cards.js), without its filters: a quick
  // summary whose fail group is open; the side panel is where the work is done.
  $('report').append(renderCards(report, {
    document, lang, rules, labels, onLocate: locate, onCopy: copyText,
    onMark: async ({ finding, mark, reason }) => setStatus(t((await setMark(tabId, { finding, mark, reason })).ok ? 'panelMarkSaved' : 'panelMarkFailed')),
    catalogueHref: (id) => `catalogue.html#rule-${encodeURIComponent(id)}`,
  }));
}

const withoutHash = (u) => String(u).split('#')[0];

async function load() {
  const { state, rules, labels } = await send(UI_TO_BG.GET_STATE);
  current = { state, rules: rules ?? [], labels: labels ?? null };
  // The tab's URL is visible here after a toolbar click (activeTab) or on granted hosts.
  // A stored report of another address (the tab navigated on a site the worker cannot
  // watch) is not shown: check the page that is there now.
  const tab = await chrome.tabs.get(tabId).catch(() => null);
  tabUrl = tab?.url ?? null;
  const moved = tab?.url && state?.url && withoutHash(tab.url) !== withoutHash(state.url);
  if (!state || moved) await check('click');
  else await render();
}

async function check(reason) {
  setStatus(t('popupChecking'));
  const res = await send(UI_TO_BG.CHECK_TAB, { reason });
  setStatus('');
  if (res.error) { current.state = { error: res.error }; }
  else current = { state: res.state, rules: res.rules ?? current.rules, labels: res.labels ?? current.labels };
  await render();
}

// ------------------------------------------------------------------ highlighting

async function highlight(items) {
  const result = await highlightInTab(tabId, items, t('highlightRegion'));
  if (!result) setStatus(t('popupCannotHighlight'));
  return result;
}

async function locate(finding, number) {
  const result = await highlight([highlightItem(finding, number)]);
  if (!result) return null;
  const [r] = result;
  setStatus(!r.found ? t('popupNotFound') : !r.visible ? t('popupInvisible')
    : number ? t('popupLocated', number) : t('popupLocatedOne'));
  return r;
}

$('highlight-all').addEventListener('click', async () => {
  const report = current.state?.report;
  if (!report) return;
  const items = numberedRows(report, current.rules).map(({ n, finding }) => highlightItem(finding, n));
  if (!items.length) { setStatus(t('popupNothingToMark')); return; }
  const result = await highlight(items);
  if (!result) return;
  const hidden = result.filter((r) => r.found && !r.visible).length;
  setStatus(t('popupLocatedAll', result.filter((r) => r.found && r.visible).length, items.length) + (hidden ? t('popupHiddenCount', hidden) : ''));
});

$('clear-highlight').addEventListener('click', async () => {
  await clearHighlight(tabId);
  setStatus('');
});

// 在侧边栏中处理: the side panel stays open while the user works on the page. The browser
// opens it only inside the click's user gesture, so the window is known beforehand and
// nothing is awaited before the call.
const windowId = (await chrome.windows.getCurrent().catch(() => null))?.id;
$('open-panel').addEventListener('click', () => {
  openSidePanel(windowId).then(() => { if (!params.has('tab')) window.close(); }, () => setStatus(t('popupOpenPanelFailed')));
});

// ------------------------------------------------------------------ actions

$('recheck').addEventListener('click', () => check('recheck'));

// 检查整站: the whole site in an extension page (site.html) that fetches its pages. A
// government host is covered by the manifest. Any other site is asked for by site.html,
// from a click on its own button, which says why first: a permission prompt opened from
// the popup closes the popup, and with it whatever was to follow the answer.
$('site-check').addEventListener('click', async () => {
  const start = siteStartUrl(current.state?.url ?? tabUrl ?? '');
  if (!start) { setStatus(t('popupSiteCheckNoSite')); return; }
  await chrome.tabs.create({ url: chrome.runtime.getURL(`site.html?url=${encodeURIComponent(start)}`) });
  if (!params.has('tab')) window.close();
});

// 我为政府网站找错 (issue 12): the citizen picks on the page itself (content/pick.js, under
// this click's activeTab grant); citizen.html opens beside it to review. The popup steps aside.
$('report-error').addEventListener('click', async () => {
  const res = await send(UI_TO_BG.CITIZEN_START);
  if (res?.error) { setStatus(t('popupReportErrorFailed')); return; }
  setStatus(t('popupReportErrorPick'));
  if (!params.has('tab')) window.close();
});

$('grant-origin').addEventListener('click', async () => {
  const origin = pageOrigin();
  if (!origin) return;
  // Must run in the click's user gesture: request before any other await.
  const granted = await chrome.permissions.request({ origins: [`${origin}/*`] });
  if (granted) {
    await send(UI_TO_BG.SYNC_ORIGINS);
    $('grant').hidden = true;
  }
});

$('webmaster').addEventListener('change', async (event) => {
  const on = event.target.checked;
  const origin = pageOrigin();
  if (!origin) return;
  let host = '';
  try { host = new URL(origin).hostname; } catch { /* ignore */ }
  if (on && !isGovHost(host, GOV_PATTERNS) && !(await originGranted(origin))) {
    // Webmaster mode needs the content script on every load of this site.
    const granted = await chrome.permissions.request({ origins: [`${origin}/*`] });
    if (!granted) { event.target.checked = false; return; }
    await send(UI_TO_BG.SYNC_ORIGINS);
  }
  await send(UI_TO_BG.SET_WEBMASTER, { origin, on });
  settings.webmaster = { ...settings.webmaster, [origin]: on || undefined };
  if (!on) delete settings.webmaster[origin];
  await render();
});

// Exports use the engine's own serialisers, loaded on demand (the popup is an extension
// page, so WASM may run here).
async function download(kind) {
  const report = current.state?.report;
  if (!report) return;
  const engine = await import('./lib/engine.js');
  const body = kind === 'json' ? JSON.stringify(report, null, 2)
    : kind === 'csv' ? await engine.reportCsv(report) : await engine.reportHtml(report);
  downloadText(body, `govcheck-${hostPart(report.meta.url, 'page')}-${report.meta.today}.${kind}`, EXPORT_TYPES[kind]);
}
for (const kind of ['json', 'csv', 'html']) $(`export-${kind}`).addEventListener('click', () => download(kind));

// Webmaster re-checks (and checks from other windows) land in storage: follow them.
chrome.storage.onChanged.addListener((changes, area) => {
  const change = changes[`tab:${tabId}`];
  if (area === 'session' && change?.newValue) {
    current.state = change.newValue;
    render();
  }
});

await load();
document.body.dataset.ready = '1';
