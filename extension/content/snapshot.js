// Content script (classic script, no WASM: the page's CSP would block it).
// Sends the live DOM (after the page's own scripts ran; read by content/serialise.js,
// loaded first) to the service worker when the page has loaded, after a same-document
// navigation, and — in webmaster mode for this site — after the page changes. It never
// reads or sends anything else, and holds no report. It cannot read settings either:
// the worker tells it those of its own origin (HELLO, then SETTINGS on every change).
//
// Runs on government hosts (manifest), on origins the user granted (registered at run
// time), and is injected on demand when webmaster mode is turned on for a page checked
// by click. Message names repeat lib/messages.js (classic scripts cannot import).
(() => {
  if (globalThis.__govcheckSnapshot) return; // injected twice: keep the first
  const MSG_HELLO = 'cs-bg-hello';
  const MSG_SNAPSHOT = 'cs-bg-snapshot';
  const MSG_PING = 'bg-cs-ping';
  const MSG_SETTINGS = 'bg-cs-settings';

  // Every check after the first (a navigation, or a change in webmaster mode) is asked
  // for, not sent: it is sent DEBOUNCE_MS after the requests stop, at the latest
  // MAX_WAIT_MS after the first one (so it starts in the worker within 5 s); one at a
  // time per tab; and the next one waits at least MIN_INTERVAL_MS, or COST_FACTOR times
  // what the last check itself cost (serialising here + the engine in the worker; not
  // time queued behind other tabs), after the last one finished. A page that changes all
  // the time (a clock, a ticker, a pushState loop) thus gets a check within 5 s of its
  // first change when checks are cheap, and keeps the worker busy at most 1/COST_FACTOR
  // of the time when they are not.
  const DEBOUNCE_MS = 600;
  const MIN_INTERVAL_MS = 2000;
  const MAX_WAIT_MS = 4000;
  const COST_FACTOR = 4;

  const state = {
    autoCheck: false, observer: null, timer: null, wanted: null, firstChange: 0, sent: 0,
    pendingWhileHidden: false, inFlight: false, lastDone: 0, lastCost: 0,
  };
  globalThis.__govcheckSnapshot = state;

  function send(reason) {
    state.sent += 1;
    state.inFlight = true;
    state.wanted = null;
    state.firstChange = 0;
    const t0 = performance.now();
    const { html, capped } = globalThis.__govcheckSerialise.snapshot();
    const serialiseMs = performance.now() - t0;
    const message = { type: MSG_SNAPSHOT, reason, html, capped, url: location.href, title: document.title, sentAt: Date.now() };
    // The worker answers when the check is done.
    chrome.runtime.sendMessage(message)
      .then((res) => (Number.isFinite(res?.costMs) ? res.costMs : 0), () => 0 /* worker restarting: the next change retries */)
      .then((engineMs) => {
        state.inFlight = false;
        state.lastDone = Date.now();
        state.lastCost = serialiseMs + engineMs;
        plan(); // what was asked for meanwhile
      });
  }

  /** Ask for a check: 'navigate' (settings allowing) or 'mutation' (webmaster mode). */
  function request(reason) {
    if (state.wanted !== 'navigate') state.wanted = reason;
    if (!state.firstChange) state.firstChange = Date.now();
    plan();
  }

  function plan() {
    if (!state.wanted || state.inFlight) return; // after the check in flight
    const now = Date.now();
    const due = Math.max(
      Math.min(now + DEBOUNCE_MS, state.firstChange + MAX_WAIT_MS),
      state.lastDone + Math.max(MIN_INTERVAL_MS, COST_FACTOR * state.lastCost),
    );
    clearTimeout(state.timer);
    state.timer = null;
    // Due: go now, from the observer callback if that is where we are. Re-arming a
    // timer on every change instead would starve on a page that changes in every task
    // (a setTimeout(0) chain): each change cancels the timer just before it would run.
    if (due <= now) fire();
    else state.timer = setTimeout(fire, due - now);
  }

  function fire() {
    state.timer = null;
    if (!state.wanted || state.inFlight) return;
    // A background tab's changes (tickers, carousels) wait until it is seen again.
    if (document.hidden) { state.pendingWhileHidden = true; return; }
    send(state.wanted);
  }

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && state.pendingWhileHidden) {
      state.pendingWhileHidden = false;
      plan();
    }
  });

  // The highlight overlay (content/highlight.js, same isolated world) is not a change of
  // the page: its host element being added or removed. What it draws is in a closed
  // shadow root, which a document observer does not see.
  function fromHighlight(record) {
    const overlay = globalThis.__govcheckHighlight;
    if (!overlay || record.type !== 'childList') return false;
    const nodes = [...record.addedNodes, ...record.removedNodes];
    return nodes.length > 0 && nodes.every((n) => overlay.owns(n));
  }

  function onMutations(records) {
    // Bounded: look at no more than 50 records per batch; any other change counts.
    if (records.length <= 50 && records.every(fromHighlight)) return;
    request('mutation');
  }

  function setWebmaster(on) {
    if (on && !state.observer) {
      state.observer = new MutationObserver(onMutations);
      state.observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true });
    } else if (!on && state.observer) {
      state.observer.disconnect();
      state.observer = null;
      if (state.wanted === 'mutation') {
        state.wanted = null;
        clearTimeout(state.timer);
      }
    }
  }

  chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    if (message?.type === MSG_PING) {
      // pending: a check is asked for or in flight (tests wait on it instead of sleeping).
      sendResponse({ ok: true, webmaster: Boolean(state.observer), sent: state.sent, pending: Boolean(state.wanted || state.inFlight) });
    }
    if (message?.type === MSG_SETTINGS && message.origin === location.origin) {
      state.autoCheck = message.autoCheck === true;
      setWebmaster(message.webmaster === true);
    }
    return false;
  });

  // Same-document navigations (pushState) do not re-run content scripts.
  if (globalThis.navigation) {
    globalThis.navigation.addEventListener('navigatesuccess', () => {
      if (state.autoCheck || state.observer) request('navigate');
    });
  }

  chrome.runtime.sendMessage({ type: MSG_HELLO }).then((settings) => {
    if (settings?.origin !== location.origin) return;
    state.autoCheck = settings.autoCheck === true;
    const watch = settings.webmaster === true;
    if (state.autoCheck) send('load');
    else if (watch) send('webmaster');
    setWebmaster(watch);
  }, () => { /* no worker answer: no automatic check */ });
})();
