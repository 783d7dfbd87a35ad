// Options page: automatic checking, language, profile, thresholds, granted origins and
// webmaster sites. Threshold fields are built from the engine's own option defaults
// (engine.defaultOptions()), so the page never offers a key the engine would reject.

import * as engine from './lib/engine.js';
import { getSettings, setSettings, DEFAULTS } from './lib/settings.js';
import { loadI18n, applyI18n } from './lib/i18n.js';
import { UI_TO_BG } from './lib/messages.js';
import { initMarks } from './options-marks.js';

const $ = (id) => document.getElementById(id);
const settings = await getSettings();
const { lang, t } = await loadI18n(settings.lang);
document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
applyI18n(document, t);

// Names for the engine's option keys; a key missing here is shown as it is.
const OPTION_LABELS = {
  news_window_days: ['动态要闻栏目更新期限（天）', 'News columns: max age (days)'],
  notice_window_days: ['通知公告、政策文件栏目更新期限（天）', 'Notices and policy columns: max age (days)'],
  personnel_window_days: ['人事、规划计划栏目更新期限（天）', 'Personnel and planning columns: max age (days)'],
  other_window_days: ['其他栏目更新期限（天）', 'Other columns: max age (days)'],
  home_window_days: ['首页更新期限（天）', 'Home page: max age of newest item (days)'],
  unanswered_days: ['留言未答复期限（天）', 'Unanswered message limit (days)'],
  message_lookback_days: ['统计留言的时间范围（天）', 'Messages counted from the last (days)'],
  guide_missing_elements: ['办事指南缺少要素类别数', 'Service guide: missing element categories'],
  core_stale_columns: ['动态要闻、通知公告、政策文件栏目不更新的否决数量', 'Stale news/notice/policy columns that make a veto'],
  any_stale_columns: ['应更新未更新栏目的否决数量', 'Stale columns of any class that make a veto'],
  blank_columns: ['空白栏目的否决数量', 'Blank columns that make a veto'],
  max_html_bytes: ['最大页面大小（字节）', 'Largest page accepted (bytes)'],
  max_nodes: ['最多解析的节点数（工作量上限）', 'Most nodes parsed (work budget)'],
};

let savedTimer = null;
function saved(message = t('optionsSaved')) {
  $('saved').textContent = message;
  clearTimeout(savedTimer);
  savedTimer = setTimeout(() => { $('saved').textContent = ''; }, 1500);
}

// ------------------------------------------------------------------ general

$('auto-check').checked = settings.autoCheck;
$('auto-check').addEventListener('change', async (e) => { await setSettings({ autoCheck: e.target.checked }); saved(); });

$('lang').value = settings.lang;
$('lang').addEventListener('change', async (e) => { await setSettings({ lang: e.target.value }); location.reload(); });

$('profile').value = settings.profile;
$('profile').addEventListener('change', async (e) => { await setSettings({ profile: e.target.value }); saved(); });

// ------------------------------------------------------------------ thresholds

async function buildThresholds() {
  const form = $('thresholds');
  form.replaceChildren();
  let defaults;
  try {
    defaults = await engine.defaultOptions();
  } catch {
    form.textContent = t('optionsThresholdsUnavailable');
    return;
  }
  const overrides = (await getSettings()).thresholds;
  for (const [key, def] of Object.entries(defaults)) {
    if (typeof def !== 'number') continue; // profile and other non-threshold keys
    const label = document.createElement('label');
    label.htmlFor = `opt-${key}`;
    const names = OPTION_LABELS[key];
    label.textContent = names ? names[lang === 'en' ? 1 : 0] : key;
    label.title = key;
    const input = document.createElement('input');
    input.type = 'number';
    input.min = '0';
    input.step = '1';
    input.id = `opt-${key}`;
    input.name = key;
    input.placeholder = String(def);
    if (key in overrides) input.value = String(overrides[key]);
    const hint = document.createElement('span');
    hint.className = 'default';
    hint.textContent = `${key} = ${def}`;
    input.addEventListener('change', () => saveThreshold(key, input, def));
    form.append(label, input, hint);
  }
}

async function saveThreshold(key, input, def) {
  const thresholds = { ...(await getSettings()).thresholds };
  if (input.value === '' || Number(input.value) === def) {
    delete thresholds[key];
  } else {
    const value = Number(input.value);
    try {
      // Let the engine judge the value, exactly as a check would.
      await engine.check('<html></html>', null, { ...thresholds, [key]: value });
    } catch (err) {
      input.setCustomValidity(String(err.message ?? err));
      input.reportValidity();
      saved(t('optionsInvalid') + (err.message ?? err));
      return;
    }
    input.setCustomValidity('');
    thresholds[key] = value;
  }
  await setSettings({ thresholds });
  saved();
}

$('reset-thresholds').addEventListener('click', async () => {
  await setSettings({ thresholds: { ...DEFAULTS.thresholds } });
  await buildThresholds();
  saved();
});

// ------------------------------------------------------------------ origins

async function buildOrigins() {
  const list = $('origins');
  list.replaceChildren();
  const { origins = [] } = await chrome.permissions.getAll();
  const gov = chrome.runtime.getManifest().host_permissions;
  const extra = origins.filter((o) => !gov.includes(o));
  if (!extra.length) {
    const li = document.createElement('li');
    li.textContent = t('optionsOriginsNone');
    list.append(li);
  }
  for (const origin of extra) {
    const li = document.createElement('li');
    li.textContent = origin;
    const revoke = document.createElement('button');
    revoke.type = 'button';
    revoke.textContent = t('optionsRevoke');
    revoke.addEventListener('click', async () => {
      await chrome.permissions.remove({ origins: [origin] });
      await chrome.runtime.sendMessage({ type: UI_TO_BG.SYNC_ORIGINS });
      buildOrigins();
    });
    li.append(revoke);
    list.append(li);
  }
}

async function buildWebmasterSites() {
  const list = $('webmaster-sites');
  list.replaceChildren();
  const { webmaster } = await getSettings();
  const sites = Object.keys(webmaster).filter((o) => webmaster[o]);
  if (!sites.length) {
    const li = document.createElement('li');
    li.textContent = t('optionsOriginsNone');
    list.append(li);
  }
  for (const origin of sites) {
    const li = document.createElement('li');
    li.textContent = origin;
    const off = document.createElement('button');
    off.type = 'button';
    off.textContent = t('optionsTurnOff');
    off.addEventListener('click', async () => {
      await chrome.runtime.sendMessage({ type: UI_TO_BG.SET_WEBMASTER, origin, on: false });
      buildWebmasterSites();
    });
    li.append(off);
    list.append(li);
  }
}

chrome.permissions.onAdded.addListener(buildOrigins);
chrome.permissions.onRemoved.addListener(buildOrigins);

await Promise.all([buildThresholds(), buildOrigins(), buildWebmasterSites(), initMarks({ t })]);
document.body.dataset.ready = '1';
