// Report → DOM, as a pure function shared by the popup and www/ (build.sh copies this
// file to www/lib/). No chrome.*, no engine, no global state.
//
// Page content is hostile input: messages, values, evidence, snippets, column names and
// URLs all come from the checked page (directly or through the engine). They become
// text nodes only — this file never assigns innerHTML/outerHTML, never calls
// insertAdjacentHTML or document.write, and never sets an event attribute from report
// data. The one attribute set from a URL in a report is the href of a site report's
// links, and only to an absolute http(s) URL that parses (safeHttpUrl); they open in a
// new tab without an opener. tests/browser checks that a hostile page's markup shows up
// as plain text.

export const OUTCOMES = ['fail', 'review', 'needs_site', 'pass', 'not_applicable'];

/** Outcomes whose located findings get a number and are marked by "highlight all". */
export const MARKED_OUTCOMES = new Set(['fail', 'review', 'needs_site']);

const TEXT = {
  zh: {
    seenAs: { rendered: '页面可见', script: '仅脚本（需浏览器渲染）', meta: '元数据' },
    colon: '：',
    coverage: (d, t) => `本页判定 ${d}/${t} 项指标`,
    counts: (c) => `不合格 ${c.fail} · 需复核 ${c.review} · 需全站 ${c.needs_site} · 合格 ${c.pass}`,
    value: '检出值', column: '栏目', seen: '识别方式', evidence: '证据', snippet: '页面片段',
    basis: '依据', why: '为什么重要', fix: '如何整改', example: '示例', what: '检查内容',
    locate: '在页面上定位', notLocated: '无页面位置', empty: '没有结果',
    added: '新增问题', resolved: '已解决', unchanged: (n) => `未变化 ${n} 项`,
    diffTitle: '与上次检查相比', noChange: '与上次检查相比没有变化',
    meta: (m) => `检查日期 ${m.today} · 页面类型 ${m.page_kind} · 引擎 ${m.engine} ${m.engine_version} · ${m.ruleset}`,
  },
  en: {
    seenAs: { rendered: 'rendered on the page', script: 'script only (rendered by the browser)', meta: 'metadata' },
    colon: ': ',
    coverage: (d, t) => `${d} of ${t} indicators decided on this page`,
    counts: (c) => `fail ${c.fail} · review ${c.review} · site ${c.needs_site} · pass ${c.pass}`,
    value: 'Value', column: 'Column', seen: 'Seen as', evidence: 'Evidence', snippet: 'Snippet',
    basis: 'Basis', why: 'Why it matters', fix: 'How to fix', example: 'Example', what: 'What it checks',
    locate: 'Show on page', notLocated: 'No location on the page', empty: 'Nothing here',
    added: 'New problems', resolved: 'Resolved', unchanged: (n) => `${n} unchanged`,
    diffTitle: 'Since the previous check', noChange: 'No change since the previous check',
    meta: (m) => `Checked ${m.today} · page kind ${m.page_kind} · ${m.engine} ${m.engine_version} · ${m.ruleset}`,
  },
};

export function text(lang) {
  return TEXT[lang === 'en' ? 'en' : 'zh'];
}

/**
 * The word for an engine enum value — `kind` is `outcome`, `effect` or `category` — from
 * the engine's own labels (`labels` = engine `defaults().labels`: `{ kind: { id: [zh, en] } }`),
 * so no second copy lives here. English starts with a capital (group headings, tags). The
 * id itself when the labels have none.
 */
export function label(labels, kind, id, lang = 'zh') {
  const pair = labels?.[kind]?.[id];
  if (!Array.isArray(pair)) return String(id);
  if (lang !== 'en') return pair[0];
  return pair[1].charAt(0).toUpperCase() + pair[1].slice(1);
}

/** Toolbar badge for a report: green ✓, amber failure count, red count on any veto. */
export function badgeFor(report) {
  const v = report.verdict;
  if (v.veto_failed > 0) return { text: String(v.failed), color: '#c62828', status: 'fail_veto' };
  if (v.failed > 0) return { text: String(v.failed), color: '#e6a100', status: 'fail' };
  return { text: '✓', color: '#2e7d32', status: 'pass' };
}

/**
 * The findings that can be shown on the page, numbered in the order renderReport lists
 * them (fail, review, needs_site; by rule in report order). The popup's "highlight all"
 * uses the same numbers as the labels in the list.
 */
export function numberedFindings(report) {
  const out = [];
  for (const outcome of OUTCOMES) {
    if (!MARKED_OUTCOMES.has(outcome)) continue;
    for (const [, items] of groupByRule(report.findings, outcome)) {
      for (const { finding, index } of items) {
        if (finding.selector) out.push({ n: out.length + 1, index, finding });
      }
    }
  }
  return out;
}

function groupByRule(findings, outcome) {
  const groups = new Map();
  findings.forEach((finding, index) => {
    if (finding.outcome !== outcome) return;
    if (!groups.has(finding.rule)) groups.set(finding.rule, []);
    groups.get(finding.rule).push({ finding, index });
  });
  return groups;
}

/** el('div', { class: 'x', title: 't' }, child, 'text', …) — attributes are set with
 *  setAttribute on fixed names chosen here, children strings become text nodes. */
function el(doc, tag, attrs, ...children) {
  const node = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    node.append(typeof c === 'string' || typeof c === 'number' ? doc.createTextNode(String(c)) : c);
  }
  return node;
}

function asText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Rule docs come from doc comments: join hard-wrapped lines, keep paragraph breaks. */
function prose(value) {
  return typeof value === 'string' ? value.replace(/([^\n])\n(?!\n)/g, '$1 ') : value;
}

function pick(lang, zh, en) {
  return lang === 'en' && en ? en : (zh ?? en ?? '');
}

/** A rule's docs ({ what, why, fix, example }) in the UI language, from the engine's
 *  rules() (`sections.zh` / `sections.en`, the shape `govcheck rules --format json` prints). */
export function ruleDocs(rule, lang = 'zh') {
  if (!rule) return {};
  return rule.sections?.[lang === 'en' ? 'en' : 'zh'] ?? {};
}

/** Markdown inline code in rule docs → text nodes and <code> elements holding text nodes.
 *  An unpaired backtick stays a backtick. `block(code, last)` picks spans shown as a code
 *  block (`last`: nothing but punctuation follows the span). */
export function inlineMarkdown(doc, value, block = () => false) {
  const parts = String(value ?? '').split('`');
  const nodes = [];
  parts.forEach((part, i) => {
    const odd = i % 2 === 1;
    const code = odd && (parts.length % 2 === 1 || i < parts.length - 1);
    if (odd && !code) nodes.push(doc.createTextNode('`'));
    if (part === '') return;
    if (!code) nodes.push(doc.createTextNode(part));
    else if (block(part, /^[\s。.，,；;]*$/.test(parts.slice(i + 1).join('`')))) nodes.push(el(doc, 'pre', { class: 'gc-snippet' }, el(doc, 'code', {}, part)));
    else nodes.push(el(doc, 'code', {}, part));
  });
  return nodes;
}

/** Markup that ends an example reads better as a block of its own. */
const markupBlock = (code, last) => last && code.includes('<') && code.length > 24;

/** The rule's basis and the doc sections named by `keys`, labelled, in the UI language. */
function renderDocs(doc, lang, rule, keys) {
  const t = text(lang);
  const docs = ruleDocs(rule, lang);
  const out = [];
  for (const key of keys) {
    const value = key === 'basis' ? pick(lang, rule.basis, rule.basis_en) : prose(docs[key]);
    if (!value) continue;
    out.push(el(doc, 'div', { class: `gc-doc gc-${key}` }, el(doc, 'strong', {}, t[key] + t.colon),
      ...inlineMarkdown(doc, value, key === 'example' ? markupBlock : undefined)));
  }
  return out;
}

/** Verdict banner, coverage and counts. */
export function renderVerdict(report, { document: doc = globalThis.document, lang = 'zh' } = {}) {
  const t = text(lang);
  const v = report.verdict;
  const badge = badgeFor(report);
  return el(doc, 'section', { class: `gc-verdict gc-status-${badge.status}`, 'data-status': v.status },
    el(doc, 'div', { class: 'gc-verdict-label' }, pick(lang, v.label, v.label_en)),
    el(doc, 'div', { class: 'gc-coverage' }, t.coverage(report.coverage.decided, report.coverage.total)),
    el(doc, 'div', { class: 'gc-counts' }, t.counts(report.counts)),
    report.meta ? el(doc, 'div', { class: 'gc-meta' }, t.meta(report.meta)) : null,
  );
}

function renderFinding(doc, lang, labels, finding, index, number, rule, onLocate) {
  const t = text(lang);
  const summary = el(doc, 'summary', {},
    number ? el(doc, 'span', { class: 'gc-num', title: t.locate }, `#${number}`) : null,
    el(doc, 'span', { class: `gc-effect gc-effect-${finding.effect}` }, label(labels, 'effect', finding.effect, lang)),
    el(doc, 'span', { class: 'gc-msg' }, pick(lang, finding.message, finding.message_en)),
  );
  const facts = el(doc, 'dl', { class: 'gc-facts' });
  const fact = (label, value, cls) => {
    if (value === null || value === undefined || value === '') return;
    facts.append(el(doc, 'dt', {}, label), el(doc, 'dd', { class: cls }, asText(value)));
  };
  fact(t.value, finding.value, 'gc-value');
  fact(t.column, finding.column, 'gc-column');
  if (finding.seen_as) fact(t.seen, t.seenAs[finding.seen_as] ?? finding.seen_as, 'gc-seen');
  for (const [key, value] of Object.entries(finding.evidence || {})) fact(key, value, 'gc-evidence');

  const body = el(doc, 'div', { class: 'gc-body' });
  if (lang === 'en' && finding.message) body.append(el(doc, 'p', { class: 'gc-msg-alt', lang: 'zh' }, finding.message));
  if (facts.childNodes.length) body.append(facts);
  if (finding.snippet) {
    body.append(el(doc, 'div', { class: 'gc-label' }, t.snippet),
      el(doc, 'pre', { class: 'gc-snippet' }, el(doc, 'code', {}, finding.snippet)));
  }
  if (rule) body.append(...renderDocs(doc, lang, rule, ['basis', 'why', 'fix', 'example']));
  if (finding.selector && onLocate) {
    const button = el(doc, 'button', { type: 'button', class: 'gc-locate' }, t.locate);
    button.addEventListener('click', (event) => { event.preventDefault(); onLocate(finding, number, index); });
    body.append(button);
  } else if (!finding.selector && finding.outcome !== 'pass') {
    body.append(el(doc, 'div', { class: 'gc-nolocate' }, t.notLocated));
  }

  const details = el(doc, 'details', {
    class: `gc-finding gc-outcome-${finding.outcome}`,
    'data-rule': finding.rule, 'data-index': index, 'data-number': number || null,
  }, summary, body);
  if (finding.selector && onLocate) {
    // Clicking a finding opens it and shows it on the page.
    summary.addEventListener('click', () => { if (!details.open) onLocate(finding, number, index); });
  }
  return details;
}

/**
 * The findings grouped by outcome, then by indicator (rule).
 * opts: { document, lang: 'zh'|'en', rules: rules() array, labels: engine defaults().labels,
 *         onLocate(finding, n, index),
 *         collapsed: outcomes whose group starts closed (default pass, not_applicable) }
 */
export function renderReport(report, opts = {}) {
  const { document: doc = globalThis.document, lang = 'zh', rules = [], labels = null, onLocate = null } = opts;
  const collapsed = new Set(opts.collapsed ?? ['pass', 'not_applicable']);
  const t = text(lang);
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const numbers = new Map(numberedFindings(report).map(({ n, index }) => [index, n]));

  const root = el(doc, 'div', { class: 'gc-report' });
  if (opts.header !== false) root.append(renderVerdict(report, { document: doc, lang }));
  for (const outcome of OUTCOMES) {
    const groups = groupByRule(report.findings, outcome);
    if (!groups.size) continue;
    const count = [...groups.values()].reduce((a, g) => a + g.length, 0);
    const group = el(doc, 'details', { class: `gc-group gc-group-${outcome}`, 'data-outcome': outcome, open: !collapsed.has(outcome) },
      el(doc, 'summary', {}, `${label(labels, 'outcome', outcome, lang)} (${count})`));
    for (const [ruleId, items] of groups) {
      const rule = ruleById.get(ruleId);
      const ruleBox = el(doc, 'div', { class: 'gc-rule', 'data-rule': ruleId },
        el(doc, 'h4', {}, rule ? pick(lang, rule.title, rule.title_en) : ruleId, ' ', el(doc, 'small', {}, ruleId)));
      for (const { finding, index } of items) {
        ruleBox.append(renderFinding(doc, lang, labels, finding, index, numbers.get(index), rule, onLocate));
      }
      group.append(ruleBox);
    }
    root.append(group);
  }
  if (!report.findings.length) root.append(el(doc, 'p', { class: 'gc-empty' }, t.empty));
  return root;
}

/** What changed between two checks (diff_reports output), for webmaster mode. */
export function renderDiff(diff, { document: doc = globalThis.document, lang = 'zh', rules = [] } = {}) {
  const t = text(lang);
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const root = el(doc, 'section', { class: 'gc-diff' }, el(doc, 'h3', {}, t.diffTitle));
  if (!diff.added.length && !diff.resolved.length) {
    root.append(el(doc, 'p', { class: 'gc-diff-none' }, t.noChange));
  }
  for (const [kind, list] of [['added', diff.added], ['resolved', diff.resolved]]) {
    if (!list.length) continue;
    const ul = el(doc, 'ul', { class: `gc-diff-${kind}` });
    for (const f of list) {
      const rule = ruleById.get(f.rule);
      ul.append(el(doc, 'li', { 'data-rule': f.rule, 'data-outcome': f.outcome },
        el(doc, 'span', { class: 'gc-diff-rule' }, rule ? pick(lang, rule.title, rule.title_en) : f.rule),
        '：', pick(lang, f.message, f.message_en)));
    }
    root.append(el(doc, 'div', { class: `gc-diff-${kind}-box` }, el(doc, 'h4', {}, `${t[kind]} (${list.length})`), ul));
  }
  root.append(el(doc, 'p', { class: 'gc-diff-unchanged' }, t.unchanged(diff.unchanged)));
  return root;
}

/** One rule's documentation, for the catalogue page. `labels`: engine defaults().labels. */
export function renderRule(rule, { document: doc = globalThis.document, lang = 'zh', labels = null } = {}) {
  const box = el(doc, 'article', { class: 'gc-rule-doc', 'data-effect': rule.effect, id: `rule-${rule.id}`, 'data-rule': rule.id, lang: lang === 'en' ? 'en' : 'zh-CN' },
    el(doc, 'h3', {}, pick(lang, rule.title, rule.title_en), ' ', el(doc, 'code', {}, rule.id)),
    el(doc, 'div', { class: 'gc-rule-tags' },
      el(doc, 'span', { class: `gc-effect gc-effect-${rule.effect}` }, label(labels, 'effect', rule.effect, lang)),
      ' ', el(doc, 'span', { class: 'gc-category', 'data-category': rule.category }, pick(lang, rule.category_title, rule.category_title_en) || rule.category)));
  box.append(...renderDocs(doc, lang, rule, ['basis', 'what', 'why', 'fix', 'example']));
  return box;
}

// ------------------------------------------------------------------ site report

const SITE_TEXT = {
  zh: {
    site: '网站', pages: '页面', count: '计数', threshold: '阈值', items: '问题清单',
    summary: (r, skipped) => `已检查 ${r.pages.length} 个页面（获取 ${r.crawl.fetched}，失败 ${r.crawl.failed}）· 未跟随链接 ${skipped} 个 · 用时 ${(r.crawl.duration_ms / 1000).toFixed(1)} 秒`,
    stopped: { complete: '抓取完成', max_pages: '达到页数上限，未抓取完', time_limit: '达到时间上限，未抓取完', cancelled: '已取消，以下为部分结果' },
    robots: { respected: '遵守 robots.txt', ignored: '未遵守 robots.txt', absent: '无 robots.txt' },
    meta: (m) => `检查日期 ${m.today} · 引擎 ${m.engine} ${m.engine_version} · ${m.ruleset}`,
    countOf: (c, t) => `${c} / 阈值 ${t}`,
    more: (n) => `显示其余 ${n} 项`,
    failedPages: '抓取失败的页面', allPages: '全部页面', skippedLinks: '未跟随的链接',
    cols: ['地址', '状态', '页面类型', '深度', '不合格指标'],
    skip: { not_http: '非网页链接（mailto:、javascript: 等）', off_site: '站外链接', resource: '文件与资源（PDF、图片、压缩包等）', robots: 'robots.txt 禁止', depth: '超过链接深度', max_pages: '超过页数上限' },
    error: { timeout: '超时未响应', network: '网络错误（无法连接、重定向循环或无访问权限）', dns: '域名无法解析', connect: '无法连接', tls: 'TLS/证书错误', redirect_loop: '重定向循环', too_many_redirects: '重定向次数过多', blocked_address: '重定向到内网地址，已拒绝', not_html: '不是网页', off_site_redirect: '重定向到其他网站', too_large: '页面过大', undecodable: '无法解码', cancelled: '已取消' },
    ok: '正常',
  },
  en: {
    site: 'Site', pages: 'Pages', count: 'Count', threshold: 'Threshold', items: 'Problems',
    summary: (r, skipped) => `${r.pages.length} pages checked (${r.crawl.fetched} fetched, ${r.crawl.failed} failed) · ${skipped} links not followed · ${(r.crawl.duration_ms / 1000).toFixed(1)} s`,
    stopped: { complete: 'crawl complete', max_pages: 'page limit reached, not every page was fetched', time_limit: 'time limit reached, not every page was fetched', cancelled: 'cancelled: partial results' },
    robots: { respected: 'robots.txt respected', ignored: 'robots.txt ignored', absent: 'no robots.txt' },
    meta: (m) => `Checked ${m.today} · ${m.engine} ${m.engine_version} · ${m.ruleset}`,
    countOf: (c, t) => `${c} / threshold ${t}`,
    more: (n) => `Show ${n} more`,
    failedPages: 'Pages that failed', allPages: 'All pages', skippedLinks: 'Links not followed',
    cols: ['Address', 'Status', 'Kind', 'Depth', 'Failed indicators'],
    skip: { not_http: 'not web links (mailto:, javascript: …)', off_site: 'off-site links', resource: 'files and resources (PDF, images, archives …)', robots: 'disallowed by robots.txt', depth: 'deeper than the depth limit', max_pages: 'past the page limit' },
    error: { timeout: 'timed out', network: 'network error (no connection, a redirect loop or no permission)', dns: 'host not found', connect: 'connection failed', tls: 'TLS error', redirect_loop: 'redirect loop', too_many_redirects: 'too many redirects', blocked_address: 'redirect to a private address refused', not_html: 'not an HTML page', off_site_redirect: 'redirected off the site', too_large: 'page too large', undecodable: 'undecodable', cancelled: 'cancelled' },
    ok: 'OK',
  },
};

/** A word for a code from a fixed table; the code itself when the table has none. */
const word = (table, code) => (Object.hasOwn(table, code) ? table[code] : code);

/** First items of an indicator shown at once; the rest behind a button. */
const ITEMS_SHOWN = 50;

/** An absolute http(s) URL as a string, else null (javascript:, data:, relative …). */
export function safeHttpUrl(value) {
  if (typeof value !== 'string') return null;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** A link to a page of the checked site, opened in a new tab; plain text if not http(s). */
function pageLink(doc, url, label = url) {
  const href = safeHttpUrl(url);
  if (!href) return el(doc, 'span', { class: 'gc-url' }, asText(label));
  return el(doc, 'a', { class: 'gc-url', href, target: '_blank', rel: 'noopener noreferrer' }, asText(label));
}

/** A page error code in words (`http_404` → HTTP 404). */
export function pageErrorText(code, lang = 'zh') {
  if (!code) return '';
  const m = /^http_(\d{3})$/.exec(code);
  if (m) return `HTTP ${m[1]}`;
  return word(SITE_TEXT[lang === 'en' ? 'en' : 'zh'].error, code);
}

function renderSiteVerdict(doc, lang, report) {
  const t = text(lang);
  const st = SITE_TEXT[lang === 'en' ? 'en' : 'zh'];
  const v = report.verdict;
  const skipped = Object.values(report.crawl.skipped || {}).reduce((a, n) => a + n, 0);
  return el(doc, 'section', { class: `gc-verdict gc-status-${v.status}`, 'data-status': v.status },
    el(doc, 'div', { class: 'gc-verdict-label' }, pick(lang, v.label, v.label_en)),
    lang === 'en' ? null : el(doc, 'div', { class: 'gc-verdict-alt', lang: 'en' }, v.label_en),
    el(doc, 'div', { class: 'gc-site-url' }, st.site + t.colon, pageLink(doc, report.meta.url)),
    el(doc, 'div', { class: 'gc-counts', 'data-pages': report.pages.length, 'data-fetched': report.crawl.fetched, 'data-failed': report.crawl.failed },
      st.summary(report, skipped)),
    el(doc, 'div', { class: 'gc-stopped', 'data-stopped-by': report.crawl.stopped_by },
      word(st.stopped, report.crawl.stopped_by), ' · ', word(st.robots, report.crawl.robots)),
    el(doc, 'div', { class: 'gc-meta' }, st.meta(report.meta)),
  );
}

function renderItem(doc, lang, item) {
  const t = text(lang);
  const li = el(doc, 'li', { class: 'gc-item' },
    item.column ? el(doc, 'span', { class: 'gc-column' }, `「${item.column}」`) : null,
    el(doc, 'span', { class: 'gc-msg' }, pick(lang, item.message, item.message_en)),
    item.value !== undefined && item.value !== null && item.value !== '' ? el(doc, 'span', { class: 'gc-value' }, ` ${t.value}${t.colon}${asText(item.value)}`) : null,
    el(doc, 'div', { class: 'gc-item-url' }, pageLink(doc, item.url)));
  return li;
}

function renderIndicator(doc, lang, labels, ind, rule) {
  const st = SITE_TEXT[lang === 'en' ? 'en' : 'zh'];
  const summary = el(doc, 'summary', {},
    el(doc, 'span', { class: `gc-effect gc-effect-${ind.effect}` }, label(labels, 'effect', ind.effect, lang)),
    el(doc, 'strong', { class: 'gc-title' }, pick(lang, ind.title, ind.title_en)),
    ' ', el(doc, 'span', { class: 'gc-count', title: `${st.count} / ${st.threshold}` }, st.countOf(ind.count, ind.threshold)),
    ' ', el(doc, 'span', { class: 'gc-msg' }, pick(lang, ind.message, ind.message_en)));
  const body = el(doc, 'div', { class: 'gc-body' });
  if (lang === 'en' && ind.message) body.append(el(doc, 'p', { class: 'gc-msg-alt', lang: 'zh' }, ind.message));
  const facts = el(doc, 'dl', { class: 'gc-facts' },
    el(doc, 'dt', {}, st.count), el(doc, 'dd', { class: 'gc-count-value' }, String(ind.count)),
    el(doc, 'dt', {}, st.threshold), el(doc, 'dd', { class: 'gc-threshold-value' }, String(ind.threshold)));
  for (const [key, value] of Object.entries(ind.evidence || {})) {
    facts.append(el(doc, 'dt', {}, key), el(doc, 'dd', { class: 'gc-evidence' }, asText(value)));
  }
  body.append(facts);
  if (rule) body.append(...renderDocs(doc, lang, rule, ['basis', 'why', 'fix']));
  const items = ind.items || [];
  if (items.length) {
    const ul = el(doc, 'ul', { class: 'gc-items' });
    for (const item of items.slice(0, ITEMS_SHOWN)) ul.append(renderItem(doc, lang, item));
    body.append(el(doc, 'div', { class: 'gc-label' }, `${st.items} (${items.length})`), ul);
    if (items.length > ITEMS_SHOWN) {
      const button = el(doc, 'button', { type: 'button', class: 'gc-more' }, st.more(items.length - ITEMS_SHOWN));
      button.addEventListener('click', () => {
        for (const item of items.slice(ITEMS_SHOWN)) ul.append(renderItem(doc, lang, item));
        button.remove();
      });
      body.append(button);
    }
  }
  return el(doc, 'details', {
    class: `gc-finding gc-indicator gc-outcome-${ind.outcome}`,
    'data-rule': ind.rule, 'data-outcome': ind.outcome, 'data-count': ind.count, 'data-threshold': ind.threshold,
    open: ind.outcome === 'fail' && items.length <= ITEMS_SHOWN ? true : null,
  }, summary, body);
}

function renderPagesTable(doc, lang, pages) {
  const st = SITE_TEXT[lang === 'en' ? 'en' : 'zh'];
  const table = el(doc, 'table', { class: 'gc-pages-table' },
    el(doc, 'thead', {}, el(doc, 'tr', {}, ...st.cols.map((c) => el(doc, 'th', {}, c)))));
  const tbody = el(doc, 'tbody');
  for (const p of pages) {
    const status = p.error ? pageErrorText(p.error, lang) : (p.status ? `${st.ok} (${p.status})` : '');
    tbody.append(el(doc, 'tr', { class: p.error ? 'gc-page-error' : null, 'data-error': p.error ?? null },
      el(doc, 'td', {}, pageLink(doc, p.url),
        p.final_url && p.final_url !== p.url ? el(doc, 'div', { class: 'gc-final-url' }, '→ ', pageLink(doc, p.final_url)) : null),
      el(doc, 'td', { class: 'gc-page-status' }, status),
      el(doc, 'td', {}, p.kind ?? ''),
      el(doc, 'td', {}, String(p.depth)),
      el(doc, 'td', { class: 'gc-page-rules' }, (p.failed_rules || []).join(' '))));
  }
  table.append(tbody);
  return table;
}

/**
 * A site report (`govcheck site --format json`, `SiteCrawl.report()`) → DOM: the verdict
 * and crawl summary, the indicators grouped by outcome (each with its count, threshold,
 * evidence and items linking to their pages), the pages that failed, every page fetched,
 * and the links not followed. opts: { document, lang, rules: rules() array, labels: engine
 * defaults().labels }.
 */
export function renderSiteReport(report, opts = {}) {
  const { document: doc = globalThis.document, lang = 'zh', rules = [], labels = null } = opts;
  const st = SITE_TEXT[lang === 'en' ? 'en' : 'zh'];
  const collapsed = new Set(opts.collapsed ?? ['pass', 'not_applicable']);
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const root = el(doc, 'div', { class: 'gc-report gc-site-report' }, renderSiteVerdict(doc, lang, report));
  for (const outcome of OUTCOMES) {
    const list = report.indicators.filter((i) => i.outcome === outcome);
    if (!list.length) continue;
    const group = el(doc, 'details', { class: `gc-group gc-group-${outcome}`, 'data-outcome': outcome, open: !collapsed.has(outcome) },
      el(doc, 'summary', {}, `${label(labels, 'outcome', outcome, lang)} (${list.length})`));
    for (const ind of list) group.append(renderIndicator(doc, lang, labels, ind, ruleById.get(ind.rule)));
    root.append(group);
  }
  const failed = report.pages.filter((p) => p.error);
  if (failed.length) {
    root.append(el(doc, 'details', { class: 'gc-group gc-pages gc-pages-failed', open: true },
      el(doc, 'summary', {}, `${st.failedPages} (${failed.length})`), renderPagesTable(doc, lang, failed)));
  }
  root.append(el(doc, 'details', { class: 'gc-group gc-pages gc-pages-all' },
    el(doc, 'summary', {}, `${st.allPages} (${report.pages.length})`), renderPagesTable(doc, lang, report.pages)));
  const skipped = Object.entries(report.crawl.skipped || {});
  if (skipped.length) {
    const dl = el(doc, 'dl', { class: 'gc-facts gc-skipped' });
    for (const [reason, n] of skipped) dl.append(el(doc, 'dt', { 'data-reason': reason }, word(st.skip, reason)), el(doc, 'dd', {}, String(n)));
    root.append(el(doc, 'details', { class: 'gc-group gc-skipped-links' }, el(doc, 'summary', {}, st.skippedLinks), dl));
  }
  return root;
}
