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

  // Webmaster mode re-checks at most once per MIN_INTERVAL_MS, DEBOUNCE_MS after the
  // page stops changing, and at the latest MAX_WAIT_MS after the first change, so a page
  // that changes all the time (a clock, a ticker) costs one check every few seconds.
  const DEBOUNCE_MS = 600;
  const MIN_INTERVAL_MS = 2000;
  const MAX_WAIT_MS = 5000;
  const HIGHLIGHT_HOST = 'govcheck-highlight';

  const state = { observer: null, timer: null, firstChange: 0, lastSent: 0, sent: 0, pendingWhileHidden: false };
  globalThis.__govcheckSnapshot = state;

  function send(reason) {
    state.lastSent = Date.now();
    state.sent += 1;
    const message = {
      type: MSG_SNAPSHOT, reason, sentAt: 0,
      html: document.documentElement.outerHTML, url: location.href, title: document.title,
    };
    message.sentAt = Date.now(); // after outerHTML: the bench splits the path here
    chrome.runtime.sendMessage(message).catch(() => { /* worker restarting: next change retries */ });
  }

  function schedule() {
    const now = Date.now();
    if (!state.firstChange) state.firstChange = now;
    const due = Math.max(
      Math.min(now + DEBOUNCE_MS, state.firstChange + MAX_WAIT_MS),
      state.lastSent + MIN_INTERVAL_MS,
    );
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = null;
      state.firstChange = 0;
      // A background tab's changes (tickers, carousels) wait until it is seen again.
      if (document.hidden) state.pendingWhileHidden = true;
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

  function onMutations(records) {
    // Bounded: look at no more than 50 records per batch; any other change counts.
    const sample = records.length > 50 ? records.slice(0, 50) : records;
    if (records.length <= 50 && sample.every((r) => ours(r.target) || [...r.addedNodes, ...r.removedNodes].every(ours))) return;
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
