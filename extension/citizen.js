// 我为政府网站找错 — review, save, copy and open (issue 12). Opened by the worker beside the
// page with ?draft=<id> (what the citizen picked, its screenshot and where to report it,
// in storage.session); without it, the list of saved reports. govcheck submits nothing:
// the citizen's browser opens the site's own 找错 entry and the report text is on the
// clipboard to paste. Page-derived text is shown as text nodes only.

import * as engine from './lib/engine.js';
import * as store from './lib/citizen-store.js';
import { getSettings } from './lib/settings.js';
import { localisePage } from './lib/i18n.js';
import { downloadText, hostPart, EXPORT_TYPES } from './lib/download.js';

const $ = (id) => document.getElementById(id);
const settings = await getSettings();
const { lang, t } = await localisePage(document, settings.lang);
const L = lang === 'en' ? 1 : 0;

const CATEGORIES = (await engine.defaults()).labels.citizen_category; // id → [zh, en]
const params = new URLSearchParams(location.search);
const draftKey = params.has('draft') ? `citizen-draft:${params.get('draft')}` : null;

/** The report under review: { report, screenshot, screenshotError }. */
let draft = null;
let text = '';
let saved = false;

function status(message, error = false) {
  $('status').textContent = message;
  $('status').classList.toggle('error', error);
}

const isWeb = (u) => { try { return /^https?:$/.test(new URL(u).protocol); } catch { return false; } };

/** Open the site's 找错 entry in a new tab, with no opener and no referrer. */
function openEntry(url) {
  window.open(url, '_blank', 'noopener,noreferrer');
}

// ------------------------------------------------------------------ review

async function showDraft() {
  draft = draftKey ? (await chrome.storage.session.get(draftKey))[draftKey] ?? null : null;
  if (!draft) {
    if (draftKey) status(t('citizenDraftGone'), true);
    return;
  }
  const r = draft.report;
  $('review').hidden = false;
  $('r-title').textContent = r.page_title;
  $('r-url').textContent = r.page_url;
  $('r-selected').textContent = r.selected_text;
  $('r-context').textContent = r.context;
  $('r-selector').textContent = r.selector ?? '';
  $('r-created').textContent = r.created;
  const box = $('categories');
  for (const [id, labels] of Object.entries(CATEGORIES)) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    Object.assign(input, { type: 'radio', name: 'category', value: id, checked: id === r.category });
    input.addEventListener('change', () => { r.category = id; update(); });
    label.append(input, ` ${labels[L]}`);
    box.append(label);
  }
  $('comment').value = r.comment;
  $('comment').addEventListener('input', () => { r.comment = $('comment').value; update(); });
  if (store.pngBase64(draft.screenshot)) {
    $('shot').src = draft.screenshot;
    $('shot').alt = t('citizenScreenshot');
    $('shot').hidden = false;
  } else {
    $('no-shot').textContent = t('citizenNoScreenshot', draft.screenshotError ?? '');
    $('no-shot').hidden = false;
  }
  const target = r.target;
  $('target-note').textContent = lang === 'en' ? target.note_en : target.note;
  $('target-note').dataset.how = target.how;
  $('target-url').textContent = target.url ?? '';
  if (!target.url) $('submit').textContent = t('citizenSubmitNoTarget');
  await update();
}

async function update() {
  text = await engine.citizenText(draft.report);
  $('preview').textContent = text;
  saved = false;
}

async function copy() {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

async function save() {
  const { dropped } = await store.save(draft.report, draft.screenshot);
  saved = true;
  await listReports();
  return dropped;
}

// Save, copy, open: the clipboard first, while the click's user activation is fresh.
$('submit').addEventListener('click', async () => {
  const copied = await copy();
  await save();
  const url = draft.report.target.url;
  if (url && isWeb(url)) {
    openEntry(url);
    status(copied ? t('citizenOpened') : t('citizenOpenedNoCopy'), !copied);
  } else {
    status(copied ? t('citizenSavedCopiedNoTarget') : t('citizenCopyFailed'), true);
  }
});

$('copy').addEventListener('click', async () => {
  status((await copy()) ? t('citizenCopied') : t('citizenCopyFailed'), false);
});

$('save').addEventListener('click', async () => {
  const dropped = await save();
  status(dropped ? t('citizenSavedDropped', dropped) : t('citizenSaved'));
});

$('discard').addEventListener('click', async () => {
  if (draftKey) await chrome.storage.session.remove(draftKey);
  $('review').hidden = true;
  status(saved ? t('citizenSaved') : t('citizenDiscarded'));
});

// ------------------------------------------------------------------ saved reports

function fileBase(report) {
  return `govcheck-zhaocuo-${hostPart(report.page_url, 'page')}-${report.created.slice(0, 10)}-${report.id.slice(0, 8)}`;
}

/** JSON (the report, its paste-ready text, the screenshot's file name) and the PNG beside it. */
async function exportJson(id) {
  const item = await store.get(id);
  if (!item) return;
  const base = fileBase(item.report);
  const png = store.pngBytes(item.screenshot);
  const body = {
    format: 'govcheck-citizen-report', version: 1, report: item.report,
    text: await engine.citizenText(item.report), screenshot: png ? `${base}.png` : null,
  };
  downloadText(JSON.stringify(body, null, 2), `${base}.json`, EXPORT_TYPES.json);
  if (png) downloadText(png, `${base}.png`, 'image/png');
}

/** One self-contained HTML document, the screenshot inline (the engine escapes page text). */
async function exportHtml(id) {
  const item = await store.get(id);
  if (!item) return;
  const html = await engine.citizenHtml(item.report, store.pngBase64(item.screenshot));
  downloadText(html, `${fileBase(item.report)}.html`, EXPORT_TYPES.html);
}

function button(label, onClick, cls) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.className = cls;
  b.addEventListener('click', onClick);
  return b;
}

async function listReports() {
  const list = $('reports');
  list.replaceChildren();
  const index = (await store.list()).slice().reverse();
  if (!index.length) {
    const li = document.createElement('li');
    li.textContent = t('citizenListEmpty');
    list.append(li);
  }
  for (const e of index) {
    const li = document.createElement('li');
    li.dataset.id = e.id;
    const head = document.createElement('strong');
    head.textContent = `${e.created.replace('T', ' ').slice(0, 16)} · ${CATEGORIES[e.category]?.[L] ?? e.category}`;
    const what = document.createElement('span');
    what.className = 'what';
    what.textContent = `${e.page_title} — ${e.page_url}`;
    const actions = document.createElement('span');
    actions.append(
      button(t('citizenExportJson'), () => exportJson(e.id), 'export-json'),
      button(t('citizenExportHtml'), () => exportHtml(e.id), 'export-html'),
      button(t('citizenOpenEntry'), async () => {
        const item = await store.get(e.id);
        const url = item?.report.target.url;
        if (!url || !isWeb(url)) { status(lang === 'en' ? item?.report.target.note_en ?? '' : item?.report.target.note ?? '', true); return; }
        const copied = await navigator.clipboard.writeText(await engine.citizenText(item.report)).then(() => true, () => false);
        openEntry(url);
        status(copied ? t('citizenOpened') : t('citizenOpenedNoCopy'), !copied);
      }, 'open-entry'),
      button(t('citizenDelete'), async () => { await store.remove(e.id); await listReports(); }, 'delete'),
    );
    li.append(head, what, actions);
    list.append(li);
  }
}

await showDraft();
await listReports();
document.body.dataset.ready = '1';
