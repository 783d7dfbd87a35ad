// Content script (classic script, no WASM: the page's CSP would block it).
// Sends the live DOM (outerHTML after the page's own scripts ran) to the service worker
// when the page has loaded, and — in webmaster mode for this site — again after the
// page changes. It never reads or sends anything else, and holds no report.
//
// Runs on government hosts (manifest), on origins the user granted (registered at run
// time), and is injected on demand when webmaster mode is turned on for a page checked
// by click. Message names repeat lib/messages.js (classic scripts cannot import).
(() => {
  if (globalThis.__govcheckSnapshot) return; // injected twice: keep the first
  const MSG_SNAPSHOT = 'cs-bg-snapshot';
  const MSG_PING = 'bg-cs-ping';

  // Webmaster mode: a re-check runs DEBOUNCE_MS after the page stops changing, at the
  // latest MAX_WAIT_MS after the first change; one check at a time per tab; and the next
  // one waits at least MIN_INTERVAL_MS, or COST_FACTOR times what the last check took
  // (snapshot + worker round trip), after the last one finished. A page that changes all
  // the time (a clock, a ticker) thus keeps the worker busy at most 1/COST_FACTOR of
  // the time, however slow the check is on that page.
  const DEBOUNCE_MS = 600;
  const MIN_INTERVAL_MS = 2000;
  const MAX_WAIT_MS = 5000;
  const COST_FACTOR = 4;
  const HIGHLIGHT_HOST = 'govcheck-highlight';

  const state = {
    observer: null, timer: null, firstChange: 0, sent: 0, pendingWhileHidden: false,
    inFlight: false, dirty: false, lastDone: 0, lastCost: 0,
  };
  globalThis.__govcheckSnapshot = state;

  function send(reason) {
    state.sent += 1;
    state.inFlight = true;
    const t0 = Date.now();
    const message = {
      type: MSG_SNAPSHOT, reason, sentAt: 0,
      html: document.documentElement.outerHTML, url: location.href, title: document.title,
    };
    message.sentAt = Date.now(); // after outerHTML: the bench splits the path here
    // The worker answers when the check is done.
    chrome.runtime.sendMessage(message)
      .catch(() => { /* worker restarting: the next change retries */ })
      .finally(() => {
        state.inFlight = false;
        state.lastDone = Date.now();
        state.lastCost = state.lastDone - t0;
        if (state.dirty && state.observer) { state.dirty = false; schedule(); }
      });
  }

  function schedule() {
    if (state.inFlight) { state.dirty = true; return; }
    const now = Date.now();
    if (!state.firstChange) state.firstChange = now;
    const due = Math.max(
      Math.min(now + DEBOUNCE_MS, state.firstChange + MAX_WAIT_MS),
      state.lastDone + Math.max(MIN_INTERVAL_MS, COST_FACTOR * state.lastCost),
    );
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = null;
      state.firstChange = 0;
      // A background tab's changes (tickers, carousels) wait until it is seen again.
      if (document.hidden) state.pendingWhileHidden = true;
      else if (state.inFlight) state.dirty = true;
      else send('mutation');
    }, Math.max(0, due - now));
  }

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && state.pendingWhileHidden && state.observer) {
      state.pendingWhileHidden = false;
      schedule();
    }
  });

  function ours(node) {
    for (let n = node; n; n = n.parentNode) if (n.nodeName === HIGHLIGHT_HOST.toUpperCase()) return true;
    return false;
  }

  // A change made by the highlight overlay (inside it, or adding/removing it).
  function fromHighlight(record) {
    if (ours(record.target)) return true;
    const nodes = [...record.addedNodes, ...record.removedNodes];
    return record.type === 'childList' && nodes.length > 0 && nodes.every(ours);
  }

  function onMutations(records) {
    // Bounded: look at no more than 50 records per batch; any other change counts.
    if (records.length <= 50 && records.every(fromHighlight)) return;
    schedule();
  }

  function setWebmaster(on) {
    if (on && !state.observer) {
      state.observer = new MutationObserver(onMutations);
      state.observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true });
    } else if (!on && state.observer) {
      state.observer.disconnect();
      state.observer = null;
      clearTimeout(state.timer);
    }
  }

  chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    if (message?.type === MSG_PING) sendResponse({ ok: true, webmaster: Boolean(state.observer), sent: state.sent });
    return false;
  });

  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.webmaster) {
      setWebmaster(Boolean((changes.webmaster.newValue || {})[location.origin]));
    }
  });

  // Same-document navigations (pushState) do not re-run content scripts.
  if (globalThis.navigation) {
    globalThis.navigation.addEventListener('navigatesuccess', () => {
      setTimeout(() => send('navigate'), DEBOUNCE_MS);
    });
  }

  chrome.storage.local.get(['autoCheck', 'webmaster']).then(({ autoCheck = true, webmaster = {} }) => {
    const watch = Boolean(webmaster[location.origin]);
    if (autoCheck) send('load');
    else if (watch) send('webmaster');
    setWebmaster(watch);
  });
})();
