// Injected on demand (chrome.scripting.executeScript) when the user clicks a finding or
// "highlight all". Scrolls to and outlines elements found by the engine's CSS selectors.
// No engine, no report, no state beyond the overlay it draws; labels are text nodes.
//
// The page must not be able to fake or hide the overlay. So it is never looked up by
// name (a page can pre-create any element, or define a custom element of that name): the
// host is a plain <div> made here (a page cannot turn a div into a custom element of its
// own), with a closed shadow root only this script holds a reference to, and every style
// of the host inline and !important (no page stylesheet outranks that). The page can
// still remove it or paint over it — it is the page's own window — but not read, reuse
// or restyle it.
(() => {
  if (globalThis.__govcheckHighlight) return;
  const hosts = new WeakSet(); // every host this script made (content/snapshot.js asks)
  let host = null;
  let root = null;

  const HOST_STYLE = [
    ['all', 'initial'], ['display', 'block'], ['position', 'absolute'], ['top', '0'], ['left', '0'],
    ['width', '0'], ['height', '0'], ['z-index', '2147483647'], ['pointer-events', 'none'],
    ['visibility', 'visible'], ['opacity', '1'], ['overflow', 'visible'],
  ];

  function overlayRoot() {
    if (host?.isConnected) return root;
    host = document.createElement('div');
    for (const [name, value] of HOST_STYLE) host.style.setProperty(name, value, 'important');
    root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = `
      .box { position: absolute; box-sizing: border-box; border: 3px solid #d32f2f; outline: 2px solid #fff;
             background: rgba(211, 47, 47, .08); border-radius: 2px; }
      .box.current { border-color: #1565c0; background: rgba(21, 101, 192, .12); animation: pulse 1s 2; }
      .label { position: absolute; top: -1.5em; left: -3px; font: bold 12px/1.4 sans-serif; color: #fff;
               background: #d32f2f; padding: 0 4px; border-radius: 2px; white-space: nowrap; }
      .current .label { background: #1565c0; }
      @keyframes pulse { 50% { outline-width: 6px; } }`;
    root.append(style);
    hosts.add(host);
    document.documentElement.append(host);
    return root;
  }

  function find(selector) {
    try { return document.querySelector(selector); } catch { return null; }
  }

  function draw(element, selector, label, current) {
    const rect = element.getBoundingClientRect();
    const box = document.createElement('div');
    box.className = current ? 'box current' : 'box';
    box.style.top = `${rect.top + window.scrollY - 2}px`;
    box.style.left = `${rect.left + window.scrollX - 2}px`;
    box.style.width = `${rect.width + 4}px`;
    box.style.height = `${rect.height + 4}px`;
    if (label) {
      const tag = document.createElement('span');
      tag.className = 'label';
      tag.textContent = label;
      box.append(tag);
    }
    box.dataset.selector = selector;
    overlayRoot().append(box);
    return { found: true, visible: rect.width > 0 || rect.height > 0, rect: { x: rect.left + window.scrollX, y: rect.top + window.scrollY, width: rect.width, height: rect.height } };
  }

  function clear() {
    host?.remove();
    host = null;
    root = null;
  }

  /** items: [{ selector, label }] → one { found, visible, rect } per item; the first
   *  found element is scrolled to. Items on the same element share one box whose label
   *  lists them all ("#1 #2 #3"). */
  function show(items, { scroll = true } = {}) {
    clear();
    const boxes = new Map(); // element → { selector, labels }
    const results = items.map((item) => {
      const element = find(item.selector);
      if (!element) return { found: false };
      if (!boxes.has(element)) boxes.set(element, { selector: item.selector, labels: [] });
      if (item.label) boxes.get(element).labels.push(item.label);
      return { element };
    });
    const first = results.find((r) => r.element)?.element;
    if (scroll && first) first.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
    const drawn = new Map();
    for (const [element, box] of boxes) drawn.set(element, draw(element, box.selector, box.labels.join(' '), items.length === 1));
    return results.map((r) => (r.element ? drawn.get(r.element) : r));
  }

  /** What is drawn now, as the user would see it (for tests, which cannot reach into a
   *  closed shadow root from the page): null without an overlay. */
  function inspect() {
    if (!host) return null;
    const css = getComputedStyle(host);
    return {
      connected: host.isConnected,
      host: { display: css.display, visibility: css.visibility, opacity: css.opacity, zIndex: css.zIndex },
      boxes: [...root.querySelectorAll('.box')].map((box) => {
        const r = box.getBoundingClientRect();
        return {
          label: box.querySelector('.label')?.textContent ?? '',
          selector: box.dataset.selector,
          rect: { x: r.left, y: r.top, width: r.width, height: r.height },
          visible: box.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }),
        };
      }),
    };
  }

  // Only the user's own key press (a page can dispatch a synthetic Escape).
  addEventListener('keydown', (e) => { if (e.isTrusted && e.key === 'Escape') clear(); }, true);
  globalThis.__govcheckHighlight = Object.freeze({ show, clear, inspect, owns: (node) => hosts.has(node) });
})();
