// 检查整站 page: crawls one site with `fetch` and shows the site report. Opened by the
// popup's 检查整站 button as site.html?url=<the site's homepage>. All crawling logic (what
// to fetch, what is skipped, what counts, the verdict) is the core's SiteCrawl; this page
// moves bytes (lib/crawl-driver.js), shows progress, and renders the report with
// lib/render-findings.js (text nodes only).
//
// Optional parameters (the CLI's names): max_pages, max_depth, concurrency, timeout
// (seconds per request), max_time (seconds in all), ignore_robots=1.

import { renderSiteReport, pageErrorText } from './lib/render-findings.js';
import { driveCrawl } from './lib/crawl-driver.js';
import { siteStartUrl, sitePermissionOrigins } from './lib/site-access.js';
import { getSettings, engineOptions } from './lib/settings.js';
import { localisePage } from './lib/i18n.js';
import * as engine from './lib/engine.js';
import { downloadText, hostPart, EXPORT_TYPES } from './lib/download.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);

const settings = await getSettings();
const { lang, t } = await localisePage(document, settings.lang);

const start = siteStartUrl(params.get('url') ?? '');
const num = (name, fallback, min, max) => {
  const n = Number(params.get(name));
  return params.has(name) && Number.isFinite(n) ? Math.min(max, Math.max(min, Math.floor(n))) : fallback;
};
// The engine's defaults: crawl bounds, and the words for outcomes and effects. If the
// engine cannot load, the page says so (below) instead of starting.
let engineError = null;
const engineDefaults = await engine.defaults().catch((err) => {
  engineError = err;
  return { options: {}, crawl: {}, labels: null };
});
const bounds = {
  crawl: {
    ...engineDefaults.crawl,
    max_pages: num('max_pages', engineDefaults.crawl.max_pages, 1, 100_000),
    max_depth: num('max_depth', engineDefaults.crawl.max_depth, 0, 100),
    concurrency: num('concurrency', engineDefaults.crawl.concurrency, 1, 4),
    respect_robots: params.get('ignore_robots') !== '1',
  },
  timeoutMs: num('timeout', 15, 1, 600) * 1000,
  maxTimeMs: num('max_time', 1800, 1, 86_400) * 1000,
};

/** What the page holds, for the exports (and tests): the report's JSON text and object. */
const site = { json: null, report: null };
globalThis.govcheckSite = site;

function setState(state) {
  document.body.dataset.state = state;
}

function setNotice(message) {
  $('notice').hidden = !message;
  $('notice').textContent = message || '';
}

// ------------------------------------------------------------------ progress

function showProgress({ done, queued, in_flight: inFlight }) {
  const total = done + queued + inFlight.length;
  $('bar').max = Math.max(1, total);
  $('bar').value = done;
  $('progress-text').textContent = t('siteProgress', done, queued + inFlight.length);
  $('progress-text').dataset.done = done;
  $('progress-text').dataset.queued = queued;
  const items = inFlight.map((url) => {
    const li = document.createElement('li');
    li.textContent = t('siteFetching') + url;
    return li;
  });
  $('current').replaceChildren(...items);
}

// ------------------------------------------------------------------ crawl

let handle = null;

async function run() {
  setNotice('');
  $('grant').hidden = true;
  $('progress').hidden = false;
  $('bounds').textContent = t('siteBounds', bounds.crawl.max_pages, bounds.crawl.max_depth, bounds.crawl.concurrency, bounds.timeoutMs / 1000);
  setState('running');
  let crawl;
  let rules = [];
  let maxBytes;
  try {
    const options = engineOptions(settings, { crawl: bounds.crawl });
    maxBytes = options.max_html_bytes ?? engineDefaults.options.max_html_bytes;
    rules = await engine.rules();
    crawl = await engine.siteCrawl(start, options);
  } catch (err) {
    fail(t('siteError') + String(err?.message ?? err));
    return;
  }
  handle = driveCrawl(crawl, { timeoutMs: bounds.timeoutMs, maxTimeMs: bounds.maxTimeMs, maxBytes, onProgress: showProgress });
  $('cancel').disabled = false;
  const { json } = await handle.done;
  handle = null;
  const startFailure = crawl.startFailure();
  crawl.free();
  $('progress').hidden = true;
  if (startFailure) {
    fail(t('siteStartFailed', start, pageErrorText(startFailure, lang)));
    return;
  }
  site.json = json;
  site.report = JSON.parse(json);
  document.body.dataset.stoppedBy = site.report.crawl.stopped_by;
  $('report').replaceChildren(renderSiteReport(site.report, { document, lang, rules, labels: engineDefaults.labels }));
  $('toolbar').hidden = false;
  setState('done');
}

function fail(message) {
  $('progress').hidden = true;
  setNotice(message);
  $('toolbar').hidden = false;
  for (const kind of ['json', 'csv', 'html']) $(`export-${kind}`).disabled = true;
  setState('error');
}

$('cancel').addEventListener('click', () => {
  if (!handle) return;
  $('cancel').disabled = true;
  handle.cancel();
});

$('restart').addEventListener('click', () => location.reload());

// ------------------------------------------------------------------ exports

async function download(kind) {
  if (!site.json) return;
  // JSON: the core's report as `govcheck site --format json` prints it (pretty, one newline).
  const body = kind === 'json' ? JSON.stringify(site.report, null, 2) + '\n'
    : kind === 'csv' ? await engine.siteReportCsv(site.json) : await engine.siteReportHtml(site.json);
  downloadText(body, `govcheck-site-${hostPart(site.report.meta.url, 'site')}-${site.report.meta.today}.${kind}`, EXPORT_TYPES[kind]);
}
for (const kind of ['json', 'csv', 'html']) $(`export-${kind}`).addEventListener('click', () => download(kind));

// ------------------------------------------------------------------ start

if (engineError) {
  fail(t('siteError') + String(engineError?.message ?? engineError));
} else if (!start) {
  fail(t('siteBadUrl'));
  $('restart').hidden = true;
} else {
  const host = new URL(start).host;
  $('site-host').textContent = host;
  document.title = `${t('siteTitle')} · ${host} · govcheck`;
  const origins = sitePermissionOrigins(start, chrome.runtime.getManifest().host_permissions);
  if (origins.length && !(await chrome.permissions.contains({ origins }))) {
    // Not a government host and not granted yet: ask in the user's click.
    $('grant-text').textContent = t('siteNeedPermission', host);
    $('grant').hidden = false;
    setState('permission');
    $('grant-site').addEventListener('click', async () => {
      const granted = await chrome.permissions.request({ origins });
      if (granted) run();
      else setNotice(t('siteNoPermission'));
    });
  } else {
    run();
  }
}
