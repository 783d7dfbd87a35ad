// What the popup and the side panel do to a tab and a report: outline elements on the
// page (content/highlight.js, injected on demand), export, copy a selector, ask the
// worker to mark a finding. Extension pages only (chrome.*); no state of its own.

import { downloadText, hostPart, EXPORT_TYPES } from './download.js';

/** Outline items ([{ selector, label, text }]) in the tab; one result per item, or null
 *  when the page cannot be scripted. `regionWord` labels a large region outlined whole. */
export async function highlight(tabId, items, regionWord = '') {
  try {
    await chrome.scripting.executeScript({ target: { tabId }, files: ['content/highlight.js'] });
    const [{ result }] = await chrome.scripting.executeScript({
      target: { tabId },
      func: (list, word) => globalThis.__govcheckHighlight.show(list, { regionWord: word }),
      args: [items, regionWord],
    });
    return result;
  } catch {
    return null;
  }
}

export async function clearHighlight(tabId) {
  try {
    await chrome.scripting.executeScript({ target: { tabId }, func: () => globalThis.__govcheckHighlight?.clear() });
  } catch { /* page gone */ }
}

/** What a finding gives the highlighter: its selector, its number, and its value (the
 *  text to look for inside a large region, e.g. the ICP number in a 1,200 px footer). */
export function highlightItem(finding, number) {
  return { selector: finding.selector, label: number ? `#${number}` : '', text: typeof finding.value === 'string' ? finding.value : '' };
}

/** Export a report with the engine's own serialisers (loaded on demand: WASM runs in
 *  extension pages). */
export async function downloadReport(report, kind) {
  const engine = await import('./engine.js');
  const body = kind === 'json' ? JSON.stringify(report, null, 2)
    : kind === 'csv' ? await engine.reportCsv(report) : await engine.reportHtml(report);
  downloadText(body, `govcheck-${hostPart(report.meta.url, 'page')}-${report.meta.today}.${kind}`, EXPORT_TYPES[kind]);
}

export function copyText(text) {
  return navigator.clipboard.writeText(text);
}

/** Ask the worker to mark (or unmark, mark = null) a finding. The worker keeps the marks
 *  and applies them to the next check; this page only asks. → { ok } or { error }. */
export async function setMark(tabId, { finding, mark, reason = '' }) {
  const message = {
    type: 'marks:set', tabId, fingerprint: finding.fingerprint, rule: finding.rule, mark, reason,
    message: finding.message, column: finding.column ?? null, value: typeof finding.value === 'string' ? finding.value : null,
  };
  try {
    const res = await chrome.runtime.sendMessage(message);
    return res?.error ? { error: res.error } : { ok: true };
  } catch (err) {
    return { error: String(err?.message ?? err) };
  }
}

/** Open the side panel (Chrome sidePanel, Firefox sidebar_action). Must be called in the
 *  click's user gesture, before any await: `windowId` is looked up beforehand. */
export function openSidePanel(windowId) {
  if (globalThis.browser?.sidebarAction?.open) return globalThis.browser.sidebarAction.open();
  if (chrome.sidePanel?.open) return chrome.sidePanel.open({ windowId });
  return Promise.reject(new Error('no side panel'));
}
