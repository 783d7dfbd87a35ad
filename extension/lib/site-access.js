// Which site a whole-site check covers and which host permission it needs. Pure functions,
// no chrome.* (the popup and site.html use them; the permission request itself must run in
// the user's click). What counts as a government host is not written here: callers pass
// the manifest's host_permissions (chrome.runtime.getManifest().host_permissions), the one
// list that also decides where the content script runs.

/**
 * Whether `hostname` is covered by one of the match patterns (`*://*.gov.cn/*`,
 * `https://example.org/*` …), by the host part of the pattern as the browser reads it:
 * `*` any host, `*.x` x and every subdomain of x, else exactly that host. Case and a
 * trailing dot do not matter.
 */
export function hostMatches(hostname, patterns) {
  const host = String(hostname ?? '').toLowerCase().replace(/\.$/, '');
  if (!host) return false;
  return (patterns ?? []).some((pattern) => {
    const m = /^(?:\*|https?|wss?|ftp|file):\/\/([^/]*)\//.exec(String(pattern));
    if (!m) return pattern === '<all_urls>';
    const want = m[1].toLowerCase();
    if (want === '*') return true;
    if (want.startsWith('*.')) return host === want.slice(2) || host.endsWith(want.slice(1));
    return host === want;
  });
}

/** A government host (*.gov.cn, *.政务 as punycode …): one the manifest's host
 *  permissions (`govPatterns`) cover, so no permission has to be asked for. */
export function isGovHost(hostname, govPatterns) {
  return hostMatches(hostname, govPatterns);
}

/** The homepage of the site a page belongs to (`https://www.x.gov.cn/a/b.html` →
 *  `https://www.x.gov.cn/`), or null for anything but an http(s) page. */
export function siteStartUrl(pageUrl) {
  let u;
  try { u = new URL(pageUrl); } catch { return null; }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  return `${u.origin}/`;
}

const IP = /^(\d{1,3}\.){3}\d{1,3}$|^\[/;

/**
 * The host permissions a crawl of this site needs beyond the manifest's (`govPatterns`,
 * its host_permissions): none on government hosts; otherwise the site's host with and
 * without `www.` (the crawl treats both as one site), any scheme — `*://example.org/*`,
 * `*://www.example.org/*`.
 */
export function sitePermissionOrigins(startUrl, govPatterns) {
  let u;
  try { u = new URL(startUrl); } catch { return []; }
  if (isGovHost(u.hostname, govPatterns)) return [];
  const host = u.hostname.replace(/\.$/, '');
  if (IP.test(host) || !host.includes('.')) return [`*://${host}/*`];
  const bare = host.replace(/^www\./i, '');
  return [`*://${bare}/*`, `*://www.${bare}/*`];
}
