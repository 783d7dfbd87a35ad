// Drives the core's site crawl (engine.siteCrawl → SiteCrawl) with `fetch`. This file only
// moves bytes: which URL comes next, what counts, what is skipped and the report are the
// core's. No chrome.* here.
//
// Each request: GET, no cookies or credentials, redirects followed (response.url is the
// final URL), its own timeout (AbortController → fail 'timeout'), a body cap (→ 'too_large'),
// anything else that throws (DNS, refused, CORS without a host permission, a redirect loop,
// which fetch reports as a plain network error) → fail 'network'. At most as many requests
// in flight as the crawl hands out (it never gives more than its concurrency).

/** How the driver ended: the crawl ran out of work ('complete' — also after a time or page
 *  limit, which the report's crawl.stopped_by tells), or the user cancelled. */
export const ENDED = Object.freeze({ COMPLETE: 'complete', CANCELLED: 'cancelled' });

/**
 * Fetch one URL for the crawl: { ok: [finalUrl, status, contentType|undefined, bytes] }
 * or { fail: [code, message] }.
 */
export async function fetchForCrawl(url, { fetchImpl = globalThis.fetch, timeoutMs = 15_000, maxBytes = 32 * 1024 * 1024, signal } = {}) {
  const ctrl = new AbortController();
  let why = null;
  const abort = (reason) => { if (!why) { why = reason; ctrl.abort(); } };
  const timer = setTimeout(() => abort('timeout'), timeoutMs);
  const onCancel = () => abort('cancelled');
  signal?.addEventListener('abort', onCancel, { once: true });
  if (signal?.aborted) onCancel();
  try {
    const res = await fetchImpl(url, { method: 'GET', credentials: 'omit', redirect: 'follow', cache: 'no-store', signal: ctrl.signal });
    const body = await readCapped(res, maxBytes, () => abort('too_large'));
    if (body === null) return { fail: ['too_large', `超过 ${maxBytes} 字节 / larger than ${maxBytes} bytes`] };
    return { ok: [res.url || url, res.status, res.headers.get('content-type') ?? undefined, body] };
  } catch (err) {
    const code = why ?? 'network';
    const message = code === 'timeout' ? `${Math.round(timeoutMs / 1000)} 秒内未响应 / no answer within ${timeoutMs} ms` : String(err?.message ?? err);
    return { fail: [code, message] };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onCancel);
  }
}

/** The body as bytes, or null once it passes `maxBytes` (the rest is not downloaded). */
async function readCapped(res, maxBytes, stop) {
  const length = Number(res.headers.get('content-length'));
  if (Number.isFinite(length) && length > maxBytes) { stop(); return null; }
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) { stop(); await reader.cancel().catch(() => {}); return null; }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.byteLength; }
  return out;
}

// SiteCrawl takes request ids as u64 (a BigInt in JS); nextRequest gives them as numbers.
const wasmId = (id) => BigInt(id);

/**
 * Run `crawl` (a SiteCrawl) to its end. Returns a handle:
 *   { done: Promise<{ json, durationMs, ended }>, cancel() }
 * `onProgress({ done, queued, in_flight })` after every start and completion. `cancel()`
 * stops the crawl (crawl.stop('cancelled')), aborts what is in flight (those pages are
 * not in the report: they were never fetched) and resolves with the report so far.
 * Past `maxTimeMs` no new request starts (crawl.stop('time_limit')); what is in flight
 * finishes, as in `govcheck site --max-time`.
 */
export function driveCrawl(crawl, { fetchImpl, timeoutMs = 15_000, maxBytes, maxTimeMs = 1_800_000, onProgress = () => {} } = {}) {
  const started = performance.now();
  const cancelled = new AbortController();
  const inFlight = new Set();
  let ended = null;
  let resolveDone;
  const done = new Promise((resolve) => { resolveDone = resolve; });
  let timeLimit = null;

  const finish = (how) => {
    if (ended) return;
    ended = how;
    clearTimeout(timeLimit);
    const durationMs = Math.round(performance.now() - started);
    const json = crawl.report(durationMs);
    resolveDone({ json, durationMs, ended: how });
  };

  const progress = () => {
    try { onProgress(crawl.progress()); } catch { /* a progress view must not stop the crawl */ }
  };

  const pump = () => {
    if (ended) return;
    try {
      let req;
      while ((req = crawl.nextRequest())) start(req);
    } catch {
      // The core could not issue a request (a bug): end with what was checked so far.
      crawl.stop('cancelled');
      cancelled.abort();
      inFlight.clear();
      finish(ENDED.CANCELLED);
      return;
    }
    progress();
    if (crawl.isDone()) finish(ENDED.COMPLETE);
  };

  const start = (req) => {
    inFlight.add(req.id);
    fetchForCrawl(req.url, { fetchImpl, timeoutMs, maxBytes, signal: cancelled.signal }).then((r) => {
      if (ended || !inFlight.delete(req.id)) return; // cancelled: not part of the report
      try {
        if (r.ok) crawl.complete(wasmId(req.id), ...r.ok);
        else crawl.fail(wasmId(req.id), ...r.fail);
      } catch (err) {
        // The core refused the answer: record the page as failed rather than wait forever.
        try { crawl.fail(wasmId(req.id), 'other', String(err?.message ?? err)); } catch { /* already folded */ }
      }
      pump();
    });
  };

  timeLimit = setTimeout(() => {
    if (ended) return;
    crawl.stop('time_limit');
    pump();
  }, maxTimeMs);

  queueMicrotask(pump);
  return {
    done,
    cancel() {
      if (ended) return;
      crawl.stop('cancelled');
      cancelled.abort();
      inFlight.clear();
      finish(ENDED.CANCELLED);
    },
  };
}
