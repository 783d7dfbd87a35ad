// Options page: automatic checking, language, profile, thresholds, granted origins and
// webmaster sites. Threshold fields are built from the engine's own option defaults
// (engine.defaultOptions()), so the page never offers a key the engine would reject.

import * as engine from './lib/engine.js';
import { getSettings, setSettings, DEFAULTS } from './lib/settings.js';
import { localisePage } from './lib/i18n.js';
import { UI_TO_BG } from './lib/messages.js';
import { initMarks } from './options-marks.js';

const $ = (id) => document.getElementById(id);
const settings = await getSettings();
const { lang, t } = await localisePage(document, settings.lang);

// The page speaks the rules' own words: each threshold's label, unit and official value
// come from the rule docs' `## 设置项` / `## Options` lines (rules.json) and the engine's
// defaults (the national standard, 国办秘函〔2019〕19号). Only the two work limits that no
// rule documents are named here; they sit under 高级.
const ADVANCED = {
  max_html_bytes: { zh: ['最大页面大小', '字节', '超过此大小的页面不检查（防止超大页面拖慢浏览器）'], en: ['Largest page checked', 'bytes', 'larger pages are not checked (keeps the browser responsive)'] },
  max_nodes: { zh: ['最多解析的页面元素数', '个', '页面元素超过此数时只检查前面部分，并如实说明'], en: ['Most page elements parsed', 'elements', 'past this, only the first part of the page is checked, and the report says so'] },
};

/** key → { rule, text, unit } from the rule docs' option lines, in the UI language. */
function optionDocs(rules) {
  const out = new Map();
  for (const rule of rules) {
    const docs = lang === 'en' ? rule.docs : rule.docs_zh;
    const section = String(docs ?? '').split(/^## /m).find((s) => /^(设置项|Options)\s/.test(s));
    if (!section) continue;
    for (const line of section.split('\n')) {
      const m = /^- `(\w+)`[：:]\s*(.+)$/.exec(line.trim());
      if (!m) continue;
      let text = m[2].replace(/[（(]\s*(默认|default)\s*[\d.]+\s*[）)]\s*$/, '').trim();
      let unit = '';
      if (lang === 'en') unit = /\bdays?\b/.test(text) ? 'days' : '';
      else {
        if (/单位为天/.test(text) || /多少天/.test(text)) unit = '天';
        else if (/多少个/.test(text)) unit = '个';
        else if (/多少类/.test(text)) unit = '类';
        text = text.replace(/，?单位为天/, '');
      }
      out.set(m[1], { rule, text, unit });
    }
  }
  return out;
}

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
  const advanced = $('advanced-thresholds');
  form.replaceChildren();
  advanced.replaceChildren();
  let defaults;
  let rules = [];
  try {
    defaults = await engine.defaultOptions();
    rules = await engine.rules().catch(() => []);
  } catch {
    form.textContent = t('optionsThresholdsUnavailable');
    return;
  }
  const docs = optionDocs(rules);
  const overrides = (await getSettings()).thresholds;
  const groups = new Map(); // rule id → fieldset
  for (const [key, def] of Object.entries(defaults)) {
    if (typeof def !== 'number') continue; // profile and other non-threshold keys
    const doc = docs.get(key);
    const adv = ADVANCED[key]?.[lang === 'en' ? 'en' : 'zh'];
    if (!doc && !adv) continue; // an option no one has described is not offered
    const [text, unit, note] = doc ? [doc.text, doc.unit, ''] : adv;
    const row = document.createElement('div');
    row.className = 'threshold';
    row.dataset.key = key;
    const label = document.createElement('label');
    label.htmlFor = `opt-${key}`;
    label.textContent = text;
    const input = document.createElement('input');
    input.type = 'number';
    input.min = '0';
    input.step = '1';
    input.id = `opt-${key}`;
    input.name = key;
    input.placeholder = String(def);
    if (key in overrides) input.value = String(overrides[key]);
    const unitEl = document.createElement('span');
    unitEl.className = 'unit';
    unitEl.textContent = unit;
    const official = document.createElement('span');
    official.className = 'default';
    // Work limits are the engine's own defaults, not part of the national standard.
    official.textContent = t(doc ? 'optionsOfficial' : 'optionsEngineDefault', unit ? `${def} ${unit}` : String(def));
    const warn = document.createElement('span');
    warn.className = 'departs';
    warn.setAttribute('role', 'status');
    const showDeparture = () => {
      const departs = input.value !== '' && Number(input.value) !== def;
      warn.textContent = departs && doc ? t('optionsDeparts') : '';
      row.classList.toggle('departs-from-standard', departs);
    };
    showDeparture();
    input.addEventListener('input', showDeparture);
    input.addEventListener('change', () => saveThreshold(key, input, def));
    row.append(label, input, unitEl, official, warn);
    if (note) {
      const n = document.createElement('span');
      n.className = 'note';
      n.textContent = note;
      row.append(n);
    }
    if (!doc) { advanced.append(row); continue; }
    if (!groups.has(doc.rule.id)) {
      const fieldset = document.createElement('fieldset');
      const legend = document.createElement('legend');
      legend.textContent = lang === 'en' ? doc.rule.title_en : doc.rule.title;
      const link = document.createElement('a');
      link.href = `catalogue.html#rule-${doc.rule.id}`;
      link.textContent = t('optionsAboutRule');
      legend.append(' ', link);
      fieldset.append(legend);
      fieldset.dataset.rule = doc.rule.id;
      groups.set(doc.rule.id, fieldset);
      form.append(fieldset);
    }
    groups.get(doc.rule.id).append(row);
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

await Promise.all([buildThresholds(), buildOrigins(), buildWebmasterSites(), initMarks({ t, lang })]);
document.body.dataset.ready = '1';
