// Side panel (Chrome side_panel, Firefox sidebar_action): the working surface. It stays
// open while the user clicks and scrolls the page, follows the active tab of its window
// (tab switches, loads, the worker's re-checks) and shows one card per indicator
// (lib/cards.js), with filters, search, locate, copy selector and marks, and the
// 我为政府网站找错 button of the popup.
//
// Opened as a page it takes ?tab=<id> (that tab only) or ?window=<id> (follow that
// window's active tab): the tests open it so, as the real side panel cannot be driven.

import { renderCards, filterCards, numberedRows } from './lib/cards.js';
import { renderDiff } from './lib/render-findings.js';
import { UI_TO_BG } from './lib/messages.js';
import { getSettings } from './lib/settings.js';
import { localisePage } from './lib/i18n.js';
import { highlight, clearHighlight, highlightItem, downloadReport, copyText, setMark } from './lib/tab-actions.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const settings = await getSettings();
const { lang, t } = await localisePage(document, settings.lang);

const fixedTab = params.has('tab') ? Number(params.get('tab')) : null;
const windowId = params.has('window') ? Number(params.get('window')) : (await chrome.windows.getCurrent()).id;

let tabId = null;
let current = { state: null, rules: [], labels: null };
let generation = 0; // a newer load wins over an older one still awaiting

const setStatus = (m) => { $('status').textContent = m || ''; };
function setNotice(m) { $('notice').hidden = !m; $('notice').textContent = m || ''; }

// ------------------------------------------------------------------ following the tab

async function activeTab() {
  if (fixedTab !== null) return fixedTab;
  const [tab] = await chrome.tabs.query({ active: true, windowId });
  return tab?.id ?? null;
}

async function follow(id) {
  if (id === tabId) return;
  tabId = id;
  document.body.dataset.tab = String(id ?? '');
  setStatus('');
  await load();
}

const withoutHash = (u) => String(u).split('#')[0];

async function load() {
  const gen = ++generation;
  if (tabId === null) { show(null); return; }
  const res = await chrome.runtime.sendMessage({ type: UI_TO_BG.GET_STATE, tabId }).catch(() => ({}));
  const tab = await chrome.tabs.get(tabId).catch(() => null);
  if (gen !== generation) return;
  current = { state: res?.state ?? null, rules: res?.rules ?? current.rules, labels: res?.labels ?? current.labels };
  // A stored report of another address (the tab navigated where the worker cannot watch)
  // does not describe the page there now.
  const moved = tab?.url && current.state?.url && withoutHash(tab.url) !== withoutHash(current.state.url);
  show(moved ? null : current.state, tab);
}

if (fixedTab === null) {
  chrome.tabs.onActivated.addListener((info) => { if (info.windowId === windowId) follow(info.tabId); });
}
chrome.tabs.onUpdated.addListener((id, info) => {
  if (id === tabId && (info.url || info.status === 'complete')) load();
});
// Checks (automatic, webmaster re-checks, another page's request) land in storage.
chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'session' || tabId === null) return;
  const change = changes[`tab:${tabId}`];
  if (!change) return;
  if (change.newValue) { current.state = change.newValue; show(current.state); } else show(null);
});

// ------------------------------------------------------------------ rendering

function filters() {
  return { failOnly: $('fail-only').checked, vetoOnly: $('veto-only').checked, query: $('search').value };
}

function applyFilters() {
  const root = $('report').querySelector('.gc-cards');
  if (!root) { $('shown').textContent = ''; return; }
  const n = filterCards(root, filters());
  $('shown').textContent = t('panelShown', n, root.querySelectorAll('.gc-card').length);
}

/** Render a state, keeping which cards and groups were open when it is the same page. */
function show(state, tab = null) {
  const report = state?.report;
  const previous = $('report').querySelector('.gc-cards');
  const samePage = previous && previous.dataset.url === state?.url;
  const open = new Set(samePage ? [...previous.querySelectorAll('details[open][id]')].map((d) => d.id) : []);
  const openGroups = samePage ? new Set([...previous.querySelectorAll('.gc-group')].filter((g) => g.open).map((g) => g.dataset.outcome)) : null;
  $('report').replaceChildren();
  $('diff').replaceChildren();
  $('empty').hidden = true;
  setNotice('');
  document.body.dataset.status = report ? report.verdict.status : (state?.error ? 'error' : 'none');
  let host = '';
  try { host = new URL(state?.url ?? tab?.url).host; } catch { /* none */ }
  $('page-host').textContent = host;
  $('page-host').title = state?.title || '';
  $('checked-at').textContent = state?.checkedAt ? t('popupChecked', new Date(state.checkedAt).toLocaleTimeString(), state.checks ?? 1) : '';
  if (!samePage && $('status').dataset.loading) { setStatus(''); delete $('status').dataset.loading; }
  if (!state) {
    const url = tab?.url ?? '';
    // A page still loading will be checked when it is done (government hosts, granted
    // sites): say so rather than offer a check.
    const loading = tab?.status === 'loading';
    if (loading) { setStatus(t('popupChecking')); $('status').dataset.loading = '1'; }
    $('empty').hidden = loading || !/^https?:/.test(url);
    if (!/^https?:/.test(url) && tabId !== null && tab) setNotice(t('popupNoAccess'));
    document.body.dataset.rendered = `none:${tabId}`;
    applyFilters();
    return;
  }
  if (state.error) {
    setNotice(state.error === 'no-access' ? t('popupNoAccess') : t('popupError') + state.error);
    document.body.dataset.rendered = `error:${tabId}`;
    applyFilters();
    return;
  }
  if (state.diff && (state.webmaster || state.reason === 'recheck' || state.reason === 'mutation')) {
    $('diff').append(renderDiff(state.diff, { document, lang, rules: current.rules }));
  }
  const root = renderCards(report, {
    document, lang, rules: current.rules, labels: current.labels,
    onLocate: locate, onCopy: copyText, onMark: mark,
    catalogueHref: (id) => `catalogue.html#rule-${encodeURIComponent(id)}`,
    openCards: (card) => open.has(`card-${card.rule}`),
    collapsed: openGroups ? ['pass', 'not_applicable', 'marked'].filter((g) => !openGroups.has(g)) : undefined,
  });
  root.dataset.url = state.url;
  if (openGroups) for (const g of root.querySelectorAll('.gc-group')) g.open = openGroups.has(g.dataset.outcome) || (!previous.querySelector(`.gc-group[data-outcome="${g.dataset.outcome}"]`) && !['pass', 'not_applicable'].includes(g.dataset.outcome));
  $('report').append(root);
  applyFilters();
  document.body.dataset.rendered = `${state.checkedAt}:${tabId}`;
}

// ------------------------------------------------------------------ actions

async function locate(finding, number) {
  const result = await highlight(tabId, [highlightItem(finding, number)], t('highlightRegion'));
  if (!result) { setStatus(t('popupCannotHighlight')); return null; }
  const [r] = result;
  setStatus(!r.found ? t('popupNotFound') : !r.visible ? t('popupInvisible')
    : number ? t('popupLocated', number) : t('popupLocatedOne'));
  return r;
}

async function mark({ finding, mark: kind, reason }) {
  const res = await setMark(tabId, { finding, mark: kind, reason });
  setStatus(res.ok ? t('panelMarkSaved') : t('panelMarkFailed'));
}

$('highlight-all').addEventListener('click', async () => {
  const report = current.state?.report;
  if (!report) return;
  const items = numberedRows(report, current.rules).map(({ n, finding }) => highlightItem(finding, n));
  if (!items.length) { setStatus(t('popupNothingToMark')); return; }
  const result = await highlight(tabId, items, t('highlightRegion'));
  if (!result) { setStatus(t('popupCannotHighlight')); return; }
  const drawn = result.filter((r) => r.found && r.visible).length;
  const hidden = result.filter((r) => r.found && !r.visible).length;
  setStatus(t('popupLocatedAll', drawn, items.length) + (hidden ? t('popupHiddenCount', hidden) : ''));
});

$('clear-highlight').addEventListener('click', async () => { await clearHighlight(tabId); setStatus(''); });

async function check(reason) {
  setStatus(t('popupChecking'));
  const res = await chrome.runtime.sendMessage({ type: UI_TO_BG.CHECK_TAB, tabId, reason }).catch((e) => ({ error: String(e) }));
  setStatus('');
  if (res.error) { show({ error: res.error }); return; }
  current = { state: res.state, rules: res.rules ?? current.rules, labels: res.labels ?? current.labels };
  show(current.state);
}
// 我为政府网站找错 (issue 12), as the popup's button: the worker injects content/pick.js
// into the followed tab and citizen.html opens beside it once the citizen has picked. The
// panel stays open, so it says what to do next; and that the screenshot may be missing: a
// click in the side panel gives no activeTab grant, which captureVisibleTab needs (the
// review page says so too). The flow starts anyway.
$('report-error').addEventListener('click', async () => {
  if (tabId === null) { setStatus(t('panelReportErrorFailed')); return; }
  const res = await chrome.runtime.sendMessage({ type: UI_TO_BG.CITIZEN_START, tabId }).catch((e) => ({ error: String(e) }));
  setStatus(res?.error ? t('panelReportErrorFailed') : t('panelReportErrorPick'));
});

$('recheck').addEventListener('click', () => check('recheck'));
$('check-now').addEventListener('click', () => check('click'));

for (const kind of ['json', 'csv', 'html']) {
  $(`export-${kind}`).addEventListener('click', () => { if (current.state?.report) downloadReport(current.state.report, kind); });
}

$('filters').addEventListener('submit', (e) => e.preventDefault());
for (const id of ['fail-only', 'veto-only']) $(id).addEventListener('change', applyFilters);
$('search').addEventListener('input', applyFilters);

// ------------------------------------------------------------------ start

await follow(await activeTab());
document.body.dataset.ready = '1';
