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
      .region { position: absolute; box-sizing: border-box; border: 2px dashed #d32f2f; border-radius: 2px; }
      .box.large { border-style: double; border-width: 5px; background: rgba(211, 47, 47, .04); }
      .region-word { position: absolute; top: -1.5em; right: -3px; font: 12px/1.4 sans-serif; color: #fff;
               background: #d32f2f; padding: 0 4px; border-radius: 2px; white-space: nowrap; }
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

  /** Why an element cannot be seen, or null: not rendered (display:none here or above, as
   *  in a hidden tab; <head>, <script>), visibility:hidden, or no size. Such an element is
   *  reported as invisible, never drawn as a dot. */
  function hiddenReason(element) {
    if (!element.isConnected || element.closest('head')) return 'not-rendered';
    if (!element.checkVisibility({ checkVisibilityCSS: true })) return 'hidden';
    const rect = element.getBoundingClientRect();
    if (rect.width < 1 || rect.height < 1) return 'zero-size';
    return null;
  }

  // A region taller than this (or wider and taller than most of the viewport) is "large":
  // a 1,200 px footer outlined whole says little about where the problem is.
  const LARGE_PX = 400;
  const isLarge = (rect) => rect.height > LARGE_PX || (rect.height > innerHeight * 0.6 && rect.width > innerWidth * 0.6);

  /** Where `text` sits inside `element`: the rectangle of the text itself (a Range over
   *  it, when one text node holds it), else of the deepest visible element whose text
   *  holds it; null when it is not there. */
  function focusRect(element, text) {
    const needle = typeof text === 'string' ? text.trim() : '';
    if (needle.length < 2 || needle.length > 200) return null;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(needle);
      if (at < 0 || !node.parentElement || hiddenReason(node.parentElement)) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      const rect = range.getBoundingClientRect();
      if (rect.width >= 1 && rect.height >= 1) return rect;
    }
    let best = null;
    for (const child of element.querySelectorAll('*')) {
      if (child.textContent.includes(needle) && !hiddenReason(child)) best = child;
    }
    return best ? best.getBoundingClientRect() : null;
  }

  function box(rect, className, label, selector) {
    const b = document.createElement('div');
    b.className = className;
    b.style.top = `${rect.top + window.scrollY - 2}px`;
    b.style.left = `${rect.left + window.scrollX - 2}px`;
    b.style.width = `${rect.width + 4}px`;
    b.style.height = `${rect.height + 4}px`;
    if (label) {
      const tag = document.createElement('span');
      tag.className = 'label';
      tag.textContent = label;
      b.append(tag);
    }
    b.dataset.selector = selector;
    overlayRoot().append(b);
    return b;
  }

  const rectOf = (r) => ({ x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height });

  /** Outline one element: the part that matters inside a large region when `text` finds
   *  it (the region itself dashed around it), else the region with a label saying so. */
  function draw(element, selector, label, current, text, regionWord) {
    const rect = element.getBoundingClientRect();
    const cls = current ? 'box current' : 'box';
    if (isLarge(rect)) {
      const focus = focusRect(element, text);
      if (focus) {
        box(rect, 'region', '', selector);
        box(focus, cls, label, selector);
        return { found: true, visible: true, large: true, focused: true, rect: rectOf(focus) };
      }
      const b = box(rect, `${cls} large`, label, selector);
      if (regionWord) {
        const word = document.createElement('span');
        word.className = 'region-word';
        word.textContent = regionWord;
        b.append(word);
      }
      return { found: true, visible: true, large: true, focused: false, rect: rectOf(rect) };
    }
    box(rect, cls, label, selector);
    return { found: true, visible: true, rect: rectOf(rect) };
  }

  function clear() {
    host?.remove();
    host = null;
    root = null;
  }

  /** items: [{ selector, label, text? }] → one { found, visible, why?, large?, focused?,
   *  rect? } per item; the first element drawn is scrolled to. Items on the same element
   *  share one box whose label lists them all ("#1 #2 #3"). An invisible element gets no
   *  box: { found: true, visible: false, why }. `opts.regionWord` labels a large region
   *  outlined whole (the caller's language). */
  function show(items, { scroll = true, regionWord = '' } = {}) {
    clear();
    const boxes = new Map(); // element → { selector, labels, text }
    const results = items.map((item) => {
      const element = find(item.selector);
      if (!element) return { found: false };
      const why = hiddenReason(element);
      if (why) return { found: true, visible: false, why };
      if (!boxes.has(element)) boxes.set(element, { selector: item.selector, labels: [], text: item.text });
      if (item.label) boxes.get(element).labels.push(item.label);
      return { element };
    });
    const first = results.find((r) => r.element)?.element;
    if (scroll && first) {
      first.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
      // In a large region, bring the part that matters to the middle instead.
      const focus = isLarge(first.getBoundingClientRect()) ? focusRect(first, boxes.get(first).text) : null;
      if (focus) window.scrollBy({ top: focus.top + focus.height / 2 - innerHeight / 2, behavior: 'instant' });
    }
    const drawn = new Map();
    for (const [element, b] of boxes) drawn.set(element, draw(element, b.selector, b.labels.join(' '), items.length === 1, b.text, regionWord));
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
      regions: root.querySelectorAll('.region').length,
      boxes: [...root.querySelectorAll('.box')].map((box) => {
        const r = box.getBoundingClientRect();
        return {
          label: box.querySelector('.label')?.textContent ?? '',
          large: box.classList.contains('large'),
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
