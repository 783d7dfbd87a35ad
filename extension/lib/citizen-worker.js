// The worker's part of a citizen's error report (我为政府网站找错, issue 12). govcheck submits
// nothing: it helps a citizen say what is wrong on a page and opens the site's own 找错
// entry with the report text ready to paste.
//
// 1. start(tabId) — from the popup, the side panel (message citizen:start) or the context
//    menu: inject content/pick.js into the tab (the click that got us here gave the
//    activeTab grant) and let the citizen select text or click an element there.
// 2. picked(message, sender) — pick.js sends what was picked (text, its sentence, the
//    element's CSS locator) with the element outlined: screenshot of the visible tab
//    (captureVisibleTab, under the same grant), outline removed, where to report it
//    (engine citizen_target: the page's own 找错 link, else the national platform with the
//    page's site code, else none), and a draft in storage.session for citizen.html, which
//    opens beside the page to review, save, copy and open the entry.

import * as engine from './engine.js';

export const MENU_ID = 'govcheck-citizen-report';
const DRAFT_PREFIX = 'citizen-draft:';
/** Drafts kept in storage.session (each with a screenshot): the newest few. */
const MAX_DRAFTS = 3;

/** The context-menu item 向本网站报告错误, on a page and on a selection, on web pages only.
 *  Created at install and update (Chromium keeps it across worker restarts). */
export function createMenu(title) {
  if (!chrome.contextMenus) return;
  chrome.contextMenus.remove(MENU_ID, () => {
    void chrome.runtime.lastError; // none yet
    chrome.contextMenus.create({
      id: MENU_ID, title, contexts: ['page', 'selection', 'link', 'image'],
      documentUrlPatterns: ['http://*/*', 'https://*/*'],
    }, () => void chrome.runtime.lastError);
  });
}

/** Let the citizen pick on the tab: a selection already there is taken at once, and so is
 *  the link or image the context menu was opened on (`hint`: { linkUrl, srcUrl }). */
export async function start(tabId, hint = {}) {
  const from = { linkUrl: typeof hint.linkUrl === 'string' ? hint.linkUrl : null, srcUrl: typeof hint.srcUrl === 'string' ? hint.srcUrl : null };
  try {
    await chrome.scripting.executeScript({ target: { tabId }, files: ['content/pick.js'] });
    const [r] = await chrome.scripting.executeScript({ target: { tabId }, func: (h) => globalThis.__govcheckPick.start(h), args: [from] });
    return { started: true, mode: r?.result?.mode ?? null };
  } catch (err) {
    return { error: 'no-access', detail: String(err?.message ?? err) };
  }
}

const isStr = (v, max) => typeof v === 'string' && v.length <= max;

/** The shape of pick.js's message (the page's text is capped there and checked here). */
export function validPick(m) {
  return isStr(m.url, 8192) && isStr(m.title, 4096) && isStr(m.selected_text, 4000) && isStr(m.context, 4000)
    && (m.selector === null || isStr(m.selector, 4000));
}

function originOf(url) {
  try { return new URL(url).origin; } catch { return null; }
}
const withoutHash = (u) => String(u).split('#')[0];

/** Now as ISO 8601 with the browser's offset ("2026-12-03T20:00:00+08:00"). */
export function isoWithOffset(d = new Date()) {
  const pad = (n) => String(Math.abs(n)).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
    + `${off >= 0 ? '+' : '-'}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`;
}

/**
 * What the citizen picked, from pick.js in the tab's top frame (the element is outlined
 * now). `deps`: { getState(tabId), checkTab(tabId, reason) } of the worker. → { draft }
 */
export async function picked(m, sender, { getState, checkTab }) {
  const tabId = sender.tab.id;
  // A content script speaks for its own page only.
  if (originOf(m.url) === null || originOf(m.url) !== originOf(sender.url)) return { error: 'forbidden' };
  const tab = await chrome.tabs.get(tabId);

  let screenshot = null;
  let screenshotError = null;
  try {
    if (!tab.active) throw new Error('截图时本页不是正在显示的标签页 / the tab is not the one shown');
    screenshot = await chrome.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
  } catch (err) {
    screenshotError = String(err?.message ?? err);
    // Started where the browser gave no one-tab grant (e.g. not from the toolbar or the menu).
    if (/activeTab|all_urls/.test(screenshotError)) {
      screenshotError = '没有为本标签页截图的权限：请从工具栏按钮或右键菜单“向本网站报告错误”开始 / no permission to capture this tab: start from the toolbar button or the context menu';
    }
  }
  // The outline was for the screenshot only.
  await chrome.scripting.executeScript({ target: { tabId }, func: () => globalThis.__govcheckPick?.clear() }).catch(() => {});

  // Where to report it: from the page's check report (check it now if there is none).
  let state = await getState(tabId);
  if (!state?.report || withoutHash(state.url) !== withoutHash(m.url)) state = await checkTab(tabId, 'click');
  let target;
  try {
    if (!state?.report) throw new Error(state?.error ?? 'no report');
    target = await engine.citizenTarget(state.report, m.url);
  } catch (err) {
    target = {
      how: 'none', url: null, site_code: null,
      note: `无法检查本页，找不到它的找错入口（${String(err?.message ?? err)}）：请通过全国政府网站找错平台手工提交，并注明网站名称`,
      note_en: `The page could not be checked, so its 找错 entry is unknown (${String(err?.message ?? err)}): submit through the national platform by hand and name the site`,
    };
  }

  const id = crypto.randomUUID();
  const report = {
    id,
    page_url: m.url,
    page_title: m.title,
    selected_text: m.selected_text,
    context: m.context,
    selector: m.selector,
    category: m.selected_text ? 'typo' : 'other',
    comment: '',
    created: isoWithOffset(),
    target,
  };
  await saveDraft(id, { report, screenshot, screenshotError });
  await chrome.tabs.create({ url: chrome.runtime.getURL(`citizen.html?draft=${id}`), index: tab.index + 1, openerTabId: tabId, windowId: tab.windowId });
  return { draft: id };
}

/** Keep the draft for citizen.html (storage.session: gone when the browser closes); only
 *  the newest few. If the screenshot does not fit, the draft goes without it. */
async function saveDraft(id, draft) {
  const all = await chrome.storage.session.get(null);
  const old = Object.entries(all).filter(([k]) => k.startsWith(DRAFT_PREFIX)).sort((a, b) => (a[1].at ?? 0) - (b[1].at ?? 0));
  if (old.length >= MAX_DRAFTS) await chrome.storage.session.remove(old.slice(0, old.length - MAX_DRAFTS + 1).map(([k]) => k));
  const value = { ...draft, at: Date.now() };
  try {
    await chrome.storage.session.set({ [DRAFT_PREFIX + id]: value });
  } catch (err) {
    await chrome.storage.session.set({ [DRAFT_PREFIX + id]: { ...value, screenshot: null, screenshotError: String(err?.message ?? err) } });
  }
}

export const draftKey = (id) => DRAFT_PREFIX + id;
