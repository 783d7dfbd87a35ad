// The page snapshot's HTML, read without trusting the page's shape (classic script, no
// WASM). Chromium's own outerHTML crashes the tab on a DOM nested ~100k deep (a script
// can build one; a <template> in a <template> … is parsed as one), so: a walk that stops
// at the first element deeper than MAX_DEPTH decides; a normal page is read with
// outerHTML (exactly what the engine always saw), a deeper one by the serialiser below,
// which writes the HTML standard's fragment serialisation without recursion and drops
// the tags of elements deeper than MAX_DEPTH (their text stays), as the engine's own
// guard (src/page/nesting.rs) would. Template contents count toward the depth.
//
// Loaded before content/snapshot.js, and on its own before the click path's snapshot.
// Runs in the content script's isolated world: the page cannot patch what it calls.
(() => {
  if (globalThis.__govcheckSerialise) return;
  // The same cap as MAX_DEPTH in src/page/nesting.rs (tests/browser/static.test.mjs checks).
  const MAX_DEPTH = 512;

  const HTML_NS = 'http://www.w3.org/1999/xhtml';
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';
  const XML_NS = 'http://www.w3.org/XML/1998/namespace';
  const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
  const XLINK_NS = 'http://www.w3.org/1999/xlink';
  const VOID = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'img', 'input',
    'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
  // Text inside these is written as it is. noscript too: content scripts run where
  // scripting is enabled, and then the parser read its content as text.
  const RAW_TEXT = new Set(['style', 'script', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext', 'noscript']);

  const isHtml = (el, name) => el.namespaceURI === HTML_NS && el.localName === name;
  const isVoid = (el) => el.namespaceURI === HTML_NS && VOID.has(el.localName);
  /** The node whose children are serialised: a template's contents, not its children. */
  const childHolder = (el) => (isHtml(el, 'template') ? el.content : el);

  /** Is any element nested deeper than `limit` (the root is at depth 1)? Stops at the
   *  first one, so a 100k-deep page costs `limit` steps down, not 100k. */
  function tooDeep(root, limit = MAX_DEPTH) {
    const nodes = [root];
    const depths = [1];
    while (nodes.length) {
      const el = nodes.pop();
      const depth = depths.pop();
      if (depth > limit) return true;
      if (isVoid(el)) continue;
      for (let c = childHolder(el).firstElementChild; c; c = c.nextElementSibling) {
        nodes.push(c);
        depths.push(depth + 1);
      }
    }
    return false;
  }

  const TEXT_ESCAPES = { '&': '&amp;', '\u00a0': '&nbsp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
  const escapeText = (s) => s.replace(/[&\u00a0<>]/g, (c) => TEXT_ESCAPES[c]);
  const escapeAttr = (s) => s.replace(/[&\u00a0"<>]/g, (c) => TEXT_ESCAPES[c]);

  function tagName(el) {
    const ns = el.namespaceURI;
    if (ns === HTML_NS || ns === SVG_NS || ns === MATHML_NS || !el.prefix) return el.localName;
    return `${el.prefix}:${el.localName}`;
  }

  function attrName(a) {
    switch (a.namespaceURI) {
      case null: return a.localName;
      case XML_NS: return `xml:${a.localName}`;
      case XMLNS_NS: return a.localName === 'xmlns' ? 'xmlns' : `xmlns:${a.localName}`;
      case XLINK_NS: return `xlink:${a.localName}`;
      default: return a.name;
    }
  }

  /** The HTML fragment serialisation of `root` and its subtree (what outerHTML gives),
   *  with the tags of elements deeper than `maxDepth` left out. Iterative: the stack
   *  holds nodes still to write and the end tags to write after their children. */
  function serialise(root, maxDepth = MAX_DEPTH) {
    const out = [];
    const stack = [{ node: root, depth: 1, raw: false }];
    while (stack.length) {
      const item = stack.pop();
      if (typeof item === 'string') { out.push(item); continue; }
      const { node, depth, raw } = item;
      switch (node.nodeType) {
        case 1: { // element
          const written = depth <= maxDepth;
          if (written) {
            let start = `<${tagName(node)}`;
            for (const a of node.attributes) start += ` ${attrName(a)}="${escapeAttr(a.value)}"`;
            out.push(`${start}>`);
            if (isVoid(node)) continue;
            stack.push(`</${tagName(node)}>`);
          } else if (isVoid(node)) {
            continue;
          }
          const childRaw = written && node.namespaceURI === HTML_NS && RAW_TEXT.has(node.localName);
          // Children pushed last first, so they come off the stack in document order.
          for (let c = childHolder(node).lastChild; c; c = c.previousSibling) {
            stack.push({ node: c, depth: depth + 1, raw: childRaw });
          }
          break;
        }
        case 3: // text
        case 4: // CDATA section
          out.push(raw ? node.data : escapeText(node.data));
          break;
        case 8: // comment
          out.push(`<!--${node.data}-->`);
          break;
        case 7: // processing instruction
          out.push(`<?${node.target} ${node.data}?>`);
          break;
        case 10: // doctype
          out.push(`<!DOCTYPE ${node.name}>`);
          break;
        default:
          break;
      }
    }
    return out.join('');
  }

  /** The page's HTML for a check: { html, capped } (capped: the deep serialiser ran). */
  function snapshot(doc = document) {
    const root = doc.documentElement;
    if (!root) return { html: '', capped: false };
    if (!tooDeep(root)) return { html: root.outerHTML, capped: false };
    return { html: serialise(root), capped: true };
  }

  globalThis.__govcheckSerialise = Object.freeze({ MAX_DEPTH, tooDeep, serialise, snapshot });
})();
