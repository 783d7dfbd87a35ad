// Test and bench hooks, never shipped: tests/browser/harness.mjs appends this file to its
// copy of extension/background.js, so it runs in the worker module's own scope (it sees
// `trace`, `checkTab` … by name). sw.evaluate() then reaches them as globalThis.govcheck.
{
  // What the scheduler received, dropped and checked, in order; `n` numbers the entries
  // so a reader can take those after a point. And the timing of the last check.
  const log = [];
  let seq = 0;
  let lastTiming = null;
  trace = (entry) => {
    if (entry.event === 'checked') { lastTiming = entry; return; }
    log.push({ n: ++seq, ...entry });
    if (log.length > 5000) log.shift();
  };
  globalThis.govcheck = { checkTab, getState, setBadge, syncGrantedOrigins, engine, citizen, lastTiming: () => lastTiming, log: () => log.slice() };
}
