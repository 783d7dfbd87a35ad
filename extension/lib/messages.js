// Message names between the extension's contexts. The direction is in the group name
// (content script → background = CS_TO_BG, popup/options → background = UI_TO_BG,
// background → content script = BG_TO_CS), so a reader sees who sends what.
// content/*.js are classic scripts and cannot import this module: they repeat the few
// string values they use, and tests/browser/extension.test.mjs checks they stay equal.

// The worker answers UI_TO_BG messages only from the extension's own pages, and CS_TO_BG
// messages only from a tab's top-frame content script, about that tab and its origin.

export const CS_TO_BG = Object.freeze({
  /** {} → { origin, autoCheck, webmaster } : the settings for the sender's own origin
   *  (content scripts may not read storage themselves). */
  HELLO: 'cs-bg-hello',
  /** The page's live DOM: { html, url, title, reason: 'load' | 'mutation' | 'navigate' |
   *  'webmaster', sentAt?, capped? } → { status, costMs } (or { ignored } when the
   *  settings do not ask for that check). `url` must be of the sender's origin. */
  SNAPSHOT: 'cs-bg-snapshot',
});

export const UI_TO_BG = Object.freeze({
  /** { tabId } → { state } : the stored report (and diff, rules) for a tab. */
  GET_STATE: 'ui-bg-get-state',
  /** { tabId, reason } → { state } : take a fresh snapshot of the tab and check it.
   *  This is the toolbar-click handler: the popup calls it when it opens on a page
   *  without a report, and tests call it the same way. */
  CHECK_TAB: 'ui-bg-check-tab',
  /** { origin, on } → {} : turn webmaster mode on/off for a site. */
  SET_WEBMASTER: 'ui-bg-set-webmaster',
  /** {} → { origins } : register the content script on newly granted origins. */
  SYNC_ORIGINS: 'ui-bg-sync-origins',

  // Triage marks (lib/marks.js), per site (the tab's host), in storage.local as baseline entries.
  /** { tabId, fingerprint, rule, mark: 'false_alarm' | 'accepted' | 'fixed' | null, reason?,
   *  message?, column?, value? } → { state } : mark a finding of the tab's report (null
   *  removes the mark); the tab's report is marked again at once ('fixed' re-checks it). */
  MARKS_SET: 'marks:set',
  /** {} → { sites: { host | '*' → [entry] } } */
  MARKS_LIST: 'marks:list',
  /** {} → { baseline } : every mark as one baseline file (what `govcheck --baseline` reads). */
  MARKS_EXPORT: 'marks:export',
  /** { text } → { imported, sites } : merge a baseline file; { error } when it is not one. */
  MARKS_IMPORT: 'marks:import',
  /** { site? } → {} : forget a site's marks ('*': those for any site; none: all). */
  MARKS_CLEAR: 'marks:clear',

  /** { tabId } → { started } | { error } : start a citizen's error report (我为政府网站找错) on
   *  the tab: the citizen selects text or clicks an element there (content/pick.js), then
   *  citizen.html opens to review it. Needs the tab's activeTab grant (toolbar, context menu). */
  CITIZEN_START: 'citizen:start',
});

/** content/pick.js → background (a tab's top-frame script, about its own page). */
export const PICK_TO_BG = Object.freeze({
  /** { url, title, selected_text, context, selector } → { draft } : what the citizen picked;
   *  the worker takes the screenshot (the element is outlined until it answers). */
  PICKED: 'citizen:picked',
});

export const BG_TO_CS = Object.freeze({
  /** {} → { ok: true, webmaster, sent, pending } : is the content script already in this
   *  tab (and is a check of it asked for or under way)? */
  PING: 'bg-cs-ping',
  /** { origin, autoCheck, webmaster } : the settings changed (applied only if `origin`
   *  is still the page's). */
  SETTINGS: 'bg-cs-settings',
});
