// Which site a whole-site check covers and which host permission it needs. Pure functions,
// no chrome.* (the popup and site.html use them; the permission request itself must run in
// the user's click).

/** *.gov.cn and *.政务 (punycode xn--zfr164b): covered by the manifest's host permissions. */
export function isGovHost(hostname) {
  return /(^|\.)gov\.cn\.?$/i.test(hostname) || /(^|\.)xn--zfr164b\.?$/i.test(hostname);
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
 * The host permissions a crawl of this site needs beyond the manifest's: none on
 * government hosts; otherwise the site's host with and without `www.` (the crawl treats
 * both as one site), any scheme — `*://example.org/*`, `*://www.example.org/*`.
 */
export function sitePermissionOrigins(startUrl) {
  let u;
  try { u = new URL(startUrl); } catch { return []; }
  if (isGovHost(u.hostname)) return [];
  const host = u.hostname.replace(/\.$/, '');
  if (IP.test(host) || !host.includes('.')) return [`*://${host}/*`];
  const bare = host.replace(/^www\./i, '');
  return [`*://${bare}/*`, `*://www.${bare}/*`];
}
