// Triage marks (误报 false alarm, 已知/接受 accepted, 已整改 fixed — check again), per site,
// kept in chrome.storage.local as entries of the baseline file `govcheck check --baseline`
// reads (src/baseline.rs): { fingerprint, rule, site, mark, reason, message, column, value,
// url, marked_at }. One key per site (`marks:<host>`), so a mark written on one site never
// rewrites another's; entries for any site (`site: null`, from an imported file) are under
// `marks:*`. Only the worker writes them (background.js: marks:set, marks:import,
// marks:clear); the engine applies them to every check of the site (apply_baseline).

export const FORMAT = 'govcheck-baseline';
export const VERSION = 1;
export const MARK_KINDS = Object.freeze(['false_alarm', 'accepted', 'fixed']);
/** At most this many marks per site; the oldest go first beyond it. */
export const MAX_PER_SITE = 2000;

const PREFIX = 'marks:';
const ANY_SITE = '*';
const keyOf = (site) => PREFIX + (site ?? ANY_SITE);

/** The site (host) marks belong to: the URL's host name, lower case, no trailing dot — as
 *  the engine reads a report's URL. null when the URL has none. */
export function siteOf(url) {
  try {
    const host = new URL(url).hostname.replace(/\.$/, '').toLowerCase();
    return host || null;
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------ shapes

const FINGERPRINT = /^[0-9a-f]{1,64}$/i;
const RULE = /^[a-z0-9][a-z0-9_-]{0,99}$/;
const isStr = (v, max) => typeof v === 'string' && v.length <= max;
const strOrNull = (v, max) => v === null || v === undefined || isStr(v, max);

/** A `marks:set` message: { tabId, fingerprint, rule, mark: kind | null, reason?, message?,
 *  column?, value? }. */
export function validMarkMessage(m) {
  return Number.isInteger(m.tabId) && m.tabId >= 0 && isStr(m.fingerprint, 64) && FINGERPRINT.test(m.fingerprint)
    && isStr(m.rule, 100) && RULE.test(m.rule) && (m.mark === null || MARK_KINDS.includes(m.mark))
    && strOrNull(m.reason, 2000) && strOrNull(m.message, 4000) && strOrNull(m.column, 1000) && strOrNull(m.value, 2000);
}

const same = (a, b) => a.fingerprint === b.fingerprint && a.rule === b.rule;

// ------------------------------------------------------------------ storage

/** The entries that apply to a site: its own, and those for any site. */
export async function entriesFor(site) {
  const keys = [keyOf(ANY_SITE)];
  if (site) keys.push(keyOf(site));
  const got = await chrome.storage.local.get(keys);
  return keys.flatMap((k) => got[k] ?? []);
}

/** The baseline object (the file's format) for a site, or null when it has no marks. */
export async function baselineFor(site) {
  const entries = await entriesFor(site);
  return entries.length ? baselineOf(entries) : null;
}

/** A baseline file's object around entries. */
export function baselineOf(entries, created = null) {
  const b = { format: FORMAT, version: VERSION, entries };
  if (created) b.created = created;
  return b;
}

/** Every stored mark: { site (or '*') → entries }. */
export async function allSites() {
  const all = await chrome.storage.local.get(null);
  const out = {};
  for (const [k, v] of Object.entries(all)) {
    if (k.startsWith(PREFIX) && Array.isArray(v) && v.length) out[k.slice(PREFIX.length)] = v;
  }
  return out;
}

/** Set (entry) or remove (kind null) one mark of a site. */
export async function setMark(site, { fingerprint, rule }, entry) {
  const key = keyOf(site);
  const list = ((await chrome.storage.local.get(key))[key] ?? []).filter((e) => !same(e, { fingerprint, rule }));
  if (entry) list.push(entry);
  await writeSite(key, list);
}

async function writeSite(key, list) {
  if (!list.length) { await chrome.storage.local.remove(key); return; }
  await chrome.storage.local.set({ [key]: list.slice(-MAX_PER_SITE) });
}

/** Merge a parsed baseline's entries into the stored marks (an imported entry replaces the
 *  stored one with the same site, rule and fingerprint). → { imported, sites: [site] } */
export async function importEntries(entries) {
  const bySite = new Map();
  for (const e of entries) {
    const site = typeof e.site === 'string' && e.site ? e.site.replace(/\.$/, '').toLowerCase() : null;
    if (!bySite.has(site)) bySite.set(site, []);
    bySite.get(site).push({ ...e, site });
  }
  for (const [site, incoming] of bySite) {
    const key = keyOf(site);
    const kept = ((await chrome.storage.local.get(key))[key] ?? []).filter((e) => !incoming.some((n) => same(e, n)));
    await writeSite(key, [...kept, ...incoming]);
  }
  return { imported: entries.length, sites: [...bySite.keys()] };
}

/** Forget every mark of a site ('*': those for any site), or all of them (no site). */
export async function clearMarks(site) {
  if (site !== undefined) { await chrome.storage.local.remove(keyOf(site)); return; }
  await chrome.storage.local.remove(Object.keys(await allSites()).map((s) => PREFIX + s));
}

/** Does a storage change touch marks? → the sites it touches ('*' for any site). */
export function changedSites(changes) {
  return Object.keys(changes).filter((k) => k.startsWith(PREFIX)).map((k) => k.slice(PREFIX.length));
}

// ------------------------------------------------------------------ reports

/** The report as the engine produced it: marks from an earlier application removed (the
 *  engine only adds marks, so a removed mark must not linger). */
export function unmarked(report) {
  const { baseline: _b, ...rest } = report;
  return { ...rest, findings: report.findings.map(({ mark: _m, ...f }) => f) };
}

/** A failing finding that still counts: no mark, or marked fixed but back. */
const counts = (f) => f.outcome === 'fail' && (!f.mark || f.mark.back);

/**
 * The badge once marks are applied: it counts the failing indicators (rules) with a
 * failure no mark covers (a `fixed` mark whose finding is back covers nothing). null when
 * no mark touches this report, so the engine's own badge stands. The verdict is not
 * changed: the tooltip still gives it. `badge` is badgeFor(report).
 * → { text, color, status, marked, back }
 */
export function markedBadge(report, badge) {
  const s = report.baseline;
  if (!s || s.false_alarm + s.accepted + s.fixed_back === 0) return null;
  const failed = new Set(report.verdict.failed_rules ?? []);
  const open = new Set(report.findings.filter((f) => failed.has(f.rule) && counts(f)).map((f) => f.rule));
  const marked = report.findings.filter((f) => f.mark && !f.mark.back && f.outcome !== 'pass').length;
  const back = s.fixed_back;
  // Red only while the engine's veto stands and a veto indicator is still open.
  const veto = badge.status === 'fail_veto' && report.findings.some((f) => open.has(f.rule) && counts(f) && f.effect === 'veto');
  if (open.size === 0) return { text: '✓', color: '#546e7a', status: 'marked', marked, back };
  return { text: String(open.size), color: veto ? '#c62828' : '#e6a100', status: veto ? 'fail_veto' : 'fail', marked, back };
}
