// Injected on demand (chrome.scripting.executeScript, under the activeTab grant of the
// click that started a citizen's error report — popup, side panel, context menu). The
// citizen selects the wrong text, or clicks the wrong element; this script sends what was
// picked (the text, the sentence around it, the element's CSS locator) to the worker with
// the element outlined, and removes the outline when the worker has taken its screenshot.
// No engine, no storage, no state beyond the overlay; everything drawn is text nodes.
//
// Like content/highlight.js, the overlay is a <div> made here with a closed shadow root
// and inline !important styles: a page cannot reuse, read or restyle it. Only the user's
// own (trusted) clicks, selections and key presses count: a page cannot pick for them.
(() => {
  if (globalThis.__govcheckPick) return;
  const PICKED = 'citizen:picked'; // lib/messages.js PICK_TO_BG.PICKED
  const MAX_TEXT = 2000;
  const MAX_CONTEXT = 400;
  const HOST_STYLE = [
    ['all', 'initial'], ['display', 'block'], ['position', 'absolute'], ['top', '0'], ['left', '0'],
    ['width', '0'], ['height', '0'], ['z-index', '2147483647'], ['pointer-events', 'none'],
    ['visibility', 'visible'], ['opacity', '1'], ['overflow', 'visible'],
  ];
  let host = null;
  let root = null;
  let picking = false;
  let hovered = null;
  let swallowClick = false;

  function overlay() {
    if (host?.isConnected) return root;
    host = document.createElement('div');
    for (const [name, value] of HOST_STYLE) host.style.setProperty(name, value, 'important');
    root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = `
      .box { position: absolute; box-sizing: border-box; border: 3px solid #d32f2f; outline: 2px solid #fff;
             background: rgba(211, 47, 47, .06); border-radius: 2px; }
      .hover { border: 2px dashed #1565c0; background: rgba(21, 101, 192, .08); }
      .bar { position: fixed; top: 0; left: 0; right: 0; font: 14px/1.5 sans-serif; color: #fff; background: #1565c0;
             padding: 6px 12px; text-align: center; box-shadow: 0 2px 6px rgba(0,0,0,.3); }`;
    root.append(style);
    document.documentElement.append(host);
    return root;
  }

  function clear() {
    host?.remove();
    host = null;
    root = null;
  }

  function box(rect, cls) {
    const b = document.createElement('div');
    b.className = cls;
    b.style.top = `${rect.top + window.scrollY - 3}px`;
    b.style.left = `${rect.left + window.scrollX - 3}px`;
    b.style.width = `${rect.width + 6}px`;
    b.style.height = `${rect.height + 6}px`;
    overlay().append(b);
    return b;
  }

  // ---------------------------------------------------------------- what was picked

  /** A CSS selector that finds exactly this element: the nearest ancestor with a unique
   *  id, then tag:nth-of-type steps. */
  function locator(el) {
    const steps = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      if (node.id && /^[A-Za-z][\w-]*$/.test(node.id) && document.querySelectorAll(`#${CSS.escape(node.id)}`).length === 1) {
        steps.unshift(`#${CSS.escape(node.id)}`);
        break;
      }
      const tag = node.localName;
      if (tag === 'html' || tag === 'body') { steps.unshift(tag); if (tag === 'html') break; continue; }
      let n = 1;
      for (let sib = node.previousElementSibling; sib; sib = sib.previousElementSibling) if (sib.localName === tag) n += 1;
      steps.unshift(`${CSS.escape(tag)}:nth-of-type(${n})`);
    }
    const sel = steps.join(' > ');
    try { return document.querySelector(sel) === el ? sel : null; } catch { return null; }
  }

  const squash = (s) => s.replace(/\s+/g, ' ').trim();
  const cap = (s, n) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  const BLOCK = 'p, li, td, th, dd, dt, h1, h2, h3, h4, h5, h6, blockquote, pre, figcaption, caption, article, section, div';

  /** The sentence around `text` in its block: between sentence ends (。！？；!?;). */
  function sentence(el, text) {
    const block = el.closest(BLOCK) ?? el;
    const all = squash(block.innerText ?? block.textContent ?? '');
    const at = text ? all.indexOf(text) : -1;
    if (at < 0) return cap(all, MAX_CONTEXT);
    const ends = /[。！？；!?;]/;
    let start = at;
    while (start > 0 && !ends.test(all[start - 1]) && at - start < MAX_CONTEXT / 2) start -= 1;
    let end = at + text.length;
    while (end < all.length && !ends.test(all[end - 1] ?? '') && end - at < MAX_CONTEXT) end += 1;
    if (end < all.length && ends.test(all[end])) end += 1;
    return cap(all.slice(start, end).trim(), MAX_CONTEXT);
  }

  function fromSelection(sel) {
    const range = sel.getRangeAt(0);
    const node = range.commonAncestorContainer;
    const el = node.nodeType === 1 ? node : node.parentElement;
    const text = cap(squash(sel.toString()), MAX_TEXT);
    return { el, rect: range.getBoundingClientRect(), selected_text: text, context: sentence(el, text) };
  }

  function fromElement(el) {
    const text = cap(squash(el.innerText ?? el.textContent ?? ''), MAX_TEXT);
    const link = el.closest('a[href]');
    const img = el.closest('img');
    let context = sentence(el, text);
    if (link) context = cap(`${context}（链接 ${link.href}）`, MAX_CONTEXT + 200);
    else if (img) context = cap(`${img.alt ? `${img.alt} ` : ''}（图片 ${img.currentSrc || img.src}）`, MAX_CONTEXT + 200);
    return { el, rect: el.getBoundingClientRect(), selected_text: text, context };
  }

  async function send(picked) {
    stop();
    clear();
    box(picked.rect, 'box');
    // Let the outline be painted before the worker takes the screenshot.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    try {
      await chrome.runtime.sendMessage({
        type: PICKED, url: location.href, title: cap(document.title, 4000),
        selected_text: picked.selected_text, context: picked.context, selector: locator(picked.el),
      });
    } catch { /* the worker restarted: nothing to do but tidy up */ }
    clear();
  }

  // ---------------------------------------------------------------- pick mode

  function bar() {
    const b = document.createElement('div');
    b.className = 'bar';
    b.textContent = '我为政府网站找错：请选中有错误的文字，或点击有错误的内容（Esc 取消） · Select the wrong text or click the wrong element (Esc cancels)';
    overlay().append(b);
  }

  function onMove(e) {
    if (!e.isTrusted) return;
    const el = document.elementFromPoint(e.clientX, e.clientY);
    if (!el || el === host || el === hovered) return;
    hovered = el;
    root?.querySelector('.hover')?.remove();
    box(el.getBoundingClientRect(), 'box hover');
  }

  function onUp(e) {
    if (!e.isTrusted) return;
    const sel = getSelection();
    if (sel && !sel.isCollapsed && squash(sel.toString())) {
      swallowClick = true;
      send(fromSelection(sel));
    }
  }

  function onClick(e) {
    if (!e.isTrusted) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    if (swallowClick) { swallowClick = false; return; }
    const el = document.elementFromPoint(e.clientX, e.clientY);
    if (el && el !== host) send(fromElement(el));
  }

  function onKey(e) {
    if (e.isTrusted && e.key === 'Escape') { stop(); clear(); }
  }

  const LISTENERS = [['mousemove', onMove], ['mouseup', onUp], ['click', onClick], ['keydown', onKey]];
  function stop() {
    if (!picking) return;
    picking = false;
    for (const [type, fn] of LISTENERS) removeEventListener(type, fn, true);
    // The click that follows a selection's mouseup still belongs to the pick.
    if (swallowClick) {
      const swallow = (e) => { if (e.isTrusted) { e.preventDefault(); e.stopImmediatePropagation(); } };
      addEventListener('click', swallow, { capture: true, once: true });
      setTimeout(() => removeEventListener('click', swallow, true), 1000);
    }
    swallowClick = false;
    hovered = null;
  }

  /** Start: a selection already made is taken at once, so is the link or image the context
   *  menu was opened on; else pick mode. → { mode: 'selection' | 'element' | 'pick' } */
  function start({ linkUrl = null, srcUrl = null } = {}) {
    stop();
    clear();
    const sel = getSelection();
    if (sel && sel.rangeCount && !sel.isCollapsed && squash(sel.toString())) {
      send(fromSelection(sel));
      return { mode: 'selection' };
    }
    const target = (linkUrl && [...document.querySelectorAll('a[href]')].find((a) => a.href === linkUrl))
      || (srcUrl && [...document.images].find((i) => (i.currentSrc || i.src) === srcUrl));
    if (target) {
      send(fromElement(target));
      return { mode: 'element' };
    }
    picking = true;
    bar();
    for (const [type, fn] of LISTENERS) addEventListener(type, fn, true);
    return { mode: 'pick' };
  }

  globalThis.__govcheckPick = Object.freeze({ start, clear, picking: () => picking });
})();
