// User settings in chrome.storage.local (kept across browser restarts, never synced
// anywhere). Per-tab reports live in chrome.storage.session instead (background.js).

export const DEFAULTS = Object.freeze({
  /** Check government pages automatically when they load. */
  autoCheck: true,
  /** 'auto' follows the browser's language; 'zh' or 'en' override it. */
  lang: 'auto',
  /** Threshold profile. Only the national 2019 indicators exist in this version. */
  profile: 'national-2019',
  /** Threshold overrides: engine option key → value. Only keys the engine reported as
   *  its options are ever stored here (the engine rejects unknown keys). */
  thresholds: {},
  /** Webmaster mode per site: origin → true. Off unless the user turns it on. */
  webmaster: {},
});

export async function getSettings() {
  const stored = await chrome.storage.local.get(Object.keys(DEFAULTS));
  return { ...DEFAULTS, ...stored };
}

export async function setSettings(patch) {
  await chrome.storage.local.set(patch);
}

/** The engine options a check uses, without `today` (engine.js adds it). */
export function engineOptions(settings, extra = {}) {
  const opts = { ...settings.thresholds, ...extra };
  if (settings.profile && settings.profile !== DEFAULTS.profile) opts.profile = settings.profile;
  return opts;
}

export function isWebmaster(settings, origin) {
  return Boolean(settings.webmaster && settings.webmaster[origin]);
}
