// Report → one card per indicator (rule), as a pure function shared by the side panel and
// the popup. No chrome.*, no engine, no global state; the caller passes the engine's
// labels (defaults().labels) and rule docs (rules()), and callbacks for what needs the
// browser (locate, copy, mark).
//
// Page content is hostile input (column names, messages, values, evidence, snippets,
// selectors): it becomes text nodes only. Nothing here assigns innerHTML, and rule docs
// (the engine's own Markdown) go through inlineMarkdown, which builds <code> elements
// holding text nodes.
//
// What a card says:
// - outcome: the engine's verdict decides. A card fails when one of its rows fails with an
//   effect other than advice (verdict.failed counts exactly those rules); it reaches the
//   veto when one of those rows has the effect veto (verdict.veto_failed). An advice rule
//   that fails is 建议, never 不合格. Other cards take their worst row (review, then
//   needs_site, pass, not_applicable).
// - count: the failing rows; threshold: where the options say one (column counts).
// - effect: a label (单项否决 / 扣分 / 规范 / 建议), of the strongest failing row, else of
//   the rule; red only on a card that reached the veto.
// - a table of its rows (columns for column rules: 栏目, 类别, 最新日期, 天数, 时限, 定位),
//   the basis, why and how to fix once, and a link to the rule's catalogue entry.
// - marked rows (finding.mark, fix not back) are listed apart under 已标记; a `fixed` mark
//   whose problem is still there stays in its card, flagged loudly.

import { label, inlineMarkdown, ruleDocs, badgeFor } from './render-findings.js';

/** Card groups, in the order shown. `advice`: advice-level rules that fail. */
export const GROUPS = ['fail', 'review', 'needs_site', 'advice', 'pass', 'not_applicable'];
const ROW_ORDER = ['fail', 'review', 'needs_site', 'pass', 'not_applicable'];
const EFFECT_RANK = { veto: 3, deduct: 2, norm: 1, advice: 0 };
/** Rows that ask someone to act: numbered for "highlight all", offered marks. */
const PROBLEM = new Set(['fail', 'review', 'needs_site']);

const TEXT = {
  zh: {
    colon: '：',
    groups: { advice: '建议改进' },
    verdictCounts: (c) => [
      c.fail ? `${c.fail} 项指标不合格${c.veto ? `（其中 ${c.veto} 项达到单项否决）` : ''}` : '没有不合格的指标',
      c.review ? `${c.review} 项需人工复核` : null,
      c.needs_site ? `${c.needs_site} 项需全站数据` : null,
      c.advice ? `${c.advice} 项建议` : null,
      `${c.pass} 项合格`,
    ].filter(Boolean).join(' · '),
    marked: (n, open) => `已标记的问题 ${n} 处（另行统计）；未被标记覆盖的不合格指标 ${open} 项`,
    coverage: (d, t) => `本页判定 ${d}/${t} 项指标`,
    meta: (m, kind) => `检查日期 ${m.today} · 页面类型 ${kind}`,
    countRows: (n) => `${n} 处`,
    threshold: (t) => `否决数量 ${t}`,
    cols: { outcome: '结果', column: '栏目', class: '类别', newest: '最新日期', age: '天数', window: '时限', locate: '定位', problem: '问题', value: '检出值' },
    days: (n) => `${n} 天`,
    locate: '定位', copy: '复制选择器', copied: '已复制选择器', copyFailed: '无法复制',
    details: '详情', evidence: '证据', snippet: '页面片段', selector: '选择器',
    basis: '依据', why: '为什么重要', fix: '如何整改', catalogue: '查看指标说明',
    notLocated: '无页面位置',
    passedRows: (n) => `显示合格的 ${n} 项`,
    markedApart: (n) => `另有 ${n} 处已标记，见“已标记”`,
    markedTitle: '已标记',
    back: '已标记为“已整改”，但问题仍然存在',
    markAs: { false_alarm: '误报', accepted: '已知/接受', fixed: '已整改' },
    unmark: '取消标记',
    reasonPrompt: '为什么是误报？（必填，会与标记一起保存）',
    reasonOk: '确定', reasonCancel: '取消',
    reasonLabel: '理由',
    invisible: '该元素在页面上不可见（被隐藏、尺寸为零，或位于未显示的标签页中），无法标出',
    notFound: '页面上找不到该元素（页面可能已变化）',
    large: '该区域较大，已标出整块区域',
    focused: '已标出区域中与问题相关的部分',
    yes: '是', no: '否',
    empty: '没有结果', noMatch: '没有符合筛选条件的指标',
  },
  en: {
    colon: ': ',
    groups: { advice: 'Advice' },
    verdictCounts: (c) => [
      c.fail ? `${c.fail} indicator(s) failed${c.veto ? ` (${c.veto} reach a veto)` : ''}` : 'no indicator failed',
      c.review ? `${c.review} to review` : null,
      c.needs_site ? `${c.needs_site} need site data` : null,
      c.advice ? `${c.advice} advice` : null,
      `${c.pass} passed`,
    ].filter(Boolean).join(' · '),
    marked: (n, open) => `${n} marked problem(s), counted apart; ${open} failing indicator(s) no mark covers`,
    coverage: (d, t) => `${d} of ${t} indicators decided on this page`,
    meta: (m, kind) => `Checked ${m.today} · page kind ${kind}`,
    countRows: (n) => `${n} item(s)`,
    threshold: (t) => `veto at ${t}`,
    cols: { outcome: 'Result', column: 'Column', class: 'Class', newest: 'Newest', age: 'Days', window: 'Window', locate: 'Locate', problem: 'Problem', value: 'Value' },
    days: (n) => `${n} d`,
    locate: 'Show', copy: 'Copy selector', copied: 'Selector copied', copyFailed: 'Could not copy',
    details: 'Details', evidence: 'Evidence', snippet: 'Snippet', selector: 'Selector',
    basis: 'Basis', why: 'Why it matters', fix: 'How to fix', catalogue: 'About this indicator',
    notLocated: 'No location on the page',
    passedRows: (n) => `Show ${n} passing`,
    markedApart: (n) => `${n} more marked: see "Marked"`,
    markedTitle: 'Marked',
    back: 'Marked "fixed", but the problem is still there',
    markAs: { false_alarm: 'False alarm', accepted: 'Accepted', fixed: 'Fixed' },
    unmark: 'Remove mark',
    reasonPrompt: 'Why is this a false alarm? (required, saved with the mark)',
    reasonOk: 'OK', reasonCancel: 'Cancel',
    reasonLabel: 'Reason',
    invisible: 'The element is not visible on the page (hidden, zero size or in a tab not shown): nothing to outline',
    notFound: 'The element is not on the page (it may have changed)',
    large: 'A large region: the whole region is outlined',
    focused: 'The part of the region that matters is outlined',
    yes: 'yes', no: 'no',
    empty: 'Nothing here', noMatch: 'No indicator matches the filters',
  },
};

export function cardText(lang) {
  return TEXT[lang === 'en' ? 'en' : 'zh'];
}

// ------------------------------------------------------------------ model

/** A row is marked apart when it carries a mark whose problem did not come back. */
const markedApart = (f) => Boolean(f.mark) && !f.mark.back;
const failing = (f) => f.outcome === 'fail' && f.effect !== 'advice';

/** The veto count an indicator's options set, for column-count rules; null otherwise. */
function thresholdOf(ruleId, options = {}) {
  if (ruleId === 'column-stale' && options.core_stale_columns != null) return `${options.core_stale_columns} / ${options.any_stale_columns}`;
  if (ruleId === 'column-blank' && options.blank_columns != null) return String(options.blank_columns);
  return null;
}

/**
 * The report as cards, in display order: [{ rule, group, outcome, effect, veto, count,
 * threshold, rows: [{ finding, index }], marked: [{ finding, index }] }], and every row
 * numbered for "highlight all" in the same order (`numbers`: index → n).
 */
export function buildCards(report, rules = []) {
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const byRule = new Map();
  report.findings.forEach((finding, index) => {
    if (!byRule.has(finding.rule)) byRule.set(finding.rule, []);
    byRule.get(finding.rule).push({ finding, index });
  });
  const cards = [];
  for (const [rule, all] of byRule) {
    // A column indicator's statement rows (no column: the veto reached, or what the site
    // check must count) come before its columns; then worst outcome first.
    const columnCard = all.some(({ finding }) => finding.column);
    const rank = ({ finding }) => (columnCard && finding.column ? 10 : 0) + ROW_ORDER.indexOf(finding.outcome);
    const rows = all.filter(({ finding }) => !markedApart(finding)).sort((a, b) => rank(a) - rank(b));
    const marked = all.filter(({ finding }) => markedApart(finding));
    const fails = all.filter(({ finding }) => failing(finding));
    const strongest = (list) => list.reduce((best, { finding }) => (best === null || (EFFECT_RANK[finding.effect] ?? -1) > (EFFECT_RANK[best] ?? -1) ? finding.effect : best), null);
    let group;
    if (fails.length) group = 'fail';
    else if (all.some(({ finding }) => finding.outcome === 'fail')) group = 'advice';
    else group = ROW_ORDER.find((o) => all.some(({ finding }) => finding.outcome === o)) ?? 'not_applicable';
    const effect = fails.length ? strongest(fails) : (ruleById.get(rule)?.effect ?? strongest(all));
    cards.push({
      rule, group, outcome: group === 'advice' ? 'fail' : group, effect,
      veto: fails.some(({ finding }) => finding.effect === 'veto'),
      count: fails.length || (group === 'advice' ? all.filter(({ finding }) => finding.outcome === 'fail').length : 0),
      threshold: thresholdOf(rule, report.meta?.options),
      rows, marked,
    });
  }
  cards.sort((a, b) => GROUPS.indexOf(a.group) - GROUPS.indexOf(b.group));
  const numbers = new Map();
  for (const card of cards) {
    for (const { finding, index } of card.rows) {
      if (PROBLEM.has(finding.outcome) && finding.selector) numbers.set(index, numbers.size + 1);
    }
  }
  return { cards, numbers };
}

/** The rows "highlight all" outlines, numbered as the cards list them. */
export function numberedRows(report, rules = []) {
  const { numbers } = buildCards(report, rules);
  return [...numbers].map(([index, n]) => ({ n, index, finding: report.findings[index] }));
}

// ------------------------------------------------------------------ DOM helpers

function el(doc, tag, attrs, ...children) {
  const node = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(typeof c === 'string' || typeof c === 'number' ? doc.createTextNode(String(c)) : c);
  }
  return node;
}

const pick = (lang, zh, en) => (lang === 'en' && en ? en : (zh ?? en ?? ''));
const prose = (v) => (typeof v === 'string' ? v.replace(/([^\n])\n(?!\n)/g, '$1 ') : v);
const hasHan = (s) => /\p{Script=Han}/u.test(s);
/** A value a reader copies rather than reads: an address, a selector, a code, a date. */
const codeLike = (s) => !/\s/.test(s) && /[./:#\d_=-]/.test(s);

/** A message as text, with what reads as code — markup (`<meta name="SiteName">`), an
 *  address, a camel-case or dotted identifier (SiteIDCode, beian.miit.gov.cn) — in <code>.
 *  Text nodes only: the message carries page text. */
export function messageNodes(doc, text) {
  const out = [];
  const re = /<[^<>\n]{1,120}>|\b[a-z][a-z0-9+.-]*:\/\/[^\s，。；、）)」”]+|\b(?:[A-Za-z][a-z]+[A-Z][A-Za-z0-9]*|[a-z0-9-]+(?:\.[a-z0-9-]+)+)\b/g;
  let last = 0;
  for (const m of String(text ?? '').matchAll(re)) {
    if (m.index > last) out.push(doc.createTextNode(text.slice(last, m.index)));
    out.push(el(doc, 'code', {}, m[0]));
    last = m.index + m[0].length;
  }
  if (last < String(text ?? '').length) out.push(doc.createTextNode(String(text).slice(last)));
  return out;
}

/** An engine word from defaults().labels, or null when the labels have none (never the raw id). */
function word(labels, kind, id, lang) {
  const pair = labels?.[kind]?.[id];
  if (!Array.isArray(pair)) return null;
  return lang === 'en' ? pair[1].charAt(0).toUpperCase() + pair[1].slice(1) : pair[0];
}

/** One evidence value in words, or null to leave the entry out. Enums through their label
 *  tables; in the Chinese UI an English string (a raw enum or an English note) is left
 *  out rather than shown; addresses and codes in <code>. */
function evidenceValue(doc, lang, labels, key, value) {
  if (value === null || value === undefined || value === '') return null;
  const t = cardText(lang);
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map((v) => evidenceValue(doc, lang, labels, key, v)).filter((v) => v !== null);
    if (!parts.length) return null;
    const span = el(doc, 'span');
    parts.forEach((p, i) => { if (i) span.append(lang === 'en' ? ', ' : '、'); span.append(p); });
    return span;
  }
  if (typeof value !== 'string') return null;
  // Values the engine writes itself (enums, fixed notes) have words of their own.
  const fixed = labels?.evidence_value?.[key]?.[value];
  if (Array.isArray(fixed)) return lang === 'en' ? fixed[1] : fixed[0];
  if (key === 'how' && value.startsWith('placeholder:')) return lang === 'en' ? `placeholder “${value.slice(12)}”` : `显示“${value.slice(12)}”`;
  const table = { class: 'column_class', page_kind: 'page_kind', problem: 'problem' }[key];
  if (table) return word(labels, table, value, lang);
  if (hasHan(value) || lang === 'en') return codeLike(value) ? el(doc, 'code', {}, value) : value;
  if (codeLike(value) || /^\d/.test(value)) return el(doc, 'code', {}, value);
  return null;
}

/** Evidence as a <dl> with the engine's labels; unknown keys and `skip` keys left out. */
export function renderEvidence(doc, lang, labels, evidence, skip = new Set()) {
  const dl = el(doc, 'dl', { class: 'gc-facts gc-evidence-list' });
  for (const [key, value] of Object.entries(evidence || {})) {
    if (skip.has(key)) continue;
    const name = word(labels, 'evidence', key, lang);
    if (!name) continue;
    const shown = evidenceValue(doc, lang, labels, key, value);
    if (shown === null) continue;
    dl.append(el(doc, 'dt', { 'data-key': key }, name), el(doc, 'dd', { class: 'gc-evidence' }, shown));
  }
  return dl.childNodes.length ? dl : null;
}

function chip(doc, lang, labels, outcome, group = outcome) {
  const text = group === 'advice' ? word(labels, 'effect', 'advice', lang) : (word(labels, 'outcome', outcome, lang) ?? '');
  return el(doc, 'span', { class: `gc-chip gc-chip-${group}`, 'data-outcome': outcome }, text);
}

// ------------------------------------------------------------------ rendering

/** The verdict banner: status, indicator counts, coverage, marked apart. */
export function renderSummary(report, cards, { document: doc = globalThis.document, lang = 'zh', labels = null } = {}) {
  const t = cardText(lang);
  const v = report.verdict;
  const badge = badgeFor(report);
  const by = (g) => cards.filter((c) => c.group === g).length;
  const counts = { fail: by('fail'), veto: cards.filter((c) => c.veto).length, review: by('review'), needs_site: by('needs_site'), advice: by('advice'), pass: by('pass') };
  const marked = cards.reduce((n, c) => n + c.marked.length, 0);
  // What the badge counts once marks apply: failing indicators with a failure no mark covers.
  const open = cards.filter((c) => c.group === 'fail' && c.rows.some(({ finding }) => failing(finding))).length;
  const kind = report.meta ? (word(labels, 'page_kind', report.meta.page_kind, lang) ?? word(labels, 'page_kind', 'other', lang) ?? '') : '';
  return el(doc, 'section', { class: `gc-verdict gc-status-${badge.status}`, 'data-status': v.status, 'data-failed': counts.fail, 'data-veto': counts.veto },
    el(doc, 'div', { class: 'gc-verdict-label' }, pick(lang, v.label, v.label_en)),
    el(doc, 'div', { class: 'gc-counts' }, t.verdictCounts(counts)),
    el(doc, 'div', { class: 'gc-coverage' }, t.coverage(report.coverage.decided, report.coverage.total)),
    marked ? el(doc, 'div', { class: 'gc-marked-count', 'data-marked': marked, 'data-open': open }, t.marked(marked, open)) : null,
    report.meta ? el(doc, 'div', { class: 'gc-meta' }, t.meta(report.meta, kind)) : null);
}

function isColumnRule(rows) {
  return rows.some(({ finding }) => finding.column);
}

/** Buttons and notes under a row: locate, copy selector, marks. */
function rowActions(doc, lang, labels, finding, index, number, ctx) {
  const t = cardText(lang);
  const box = el(doc, 'div', { class: 'gc-row-actions' });
  const note = el(doc, 'div', { class: 'gc-row-note', role: 'status', hidden: true });
  const say = (message) => { note.hidden = !message; note.textContent = message || ''; };
  if (finding.selector && ctx.onLocate) {
    const b = el(doc, 'button', { type: 'button', class: 'gc-locate' }, number ? `${t.locate} #${number}` : t.locate);
    b.addEventListener('click', async () => {
      const r = await ctx.onLocate(finding, number, index);
      if (!r) return;
      say(!r.found ? t.notFound : r.visible === false ? t.invisible : r.focused ? t.focused : r.large ? t.large : '');
      if (r.visible === false) box.closest('.gc-finding')?.setAttribute('data-invisible', '');
    });
    box.append(b);
  }
  if (finding.selector && ctx.onCopy) {
    const b = el(doc, 'button', { type: 'button', class: 'gc-copy', title: finding.selector }, t.copy);
    b.addEventListener('click', async () => {
      try { await ctx.onCopy(finding.selector); say(t.copied); } catch { say(t.copyFailed); }
    });
    box.append(b);
  }
  if (ctx.onMark && finding.fingerprint && PROBLEM.has(finding.outcome)) {
    const send = (mark, reason = '') => ctx.onMark({ finding, index, mark, reason });
    if (finding.mark && !finding.mark.back) {
      const b = el(doc, 'button', { type: 'button', class: 'gc-mark', 'data-mark': '' }, t.unmark);
      b.addEventListener('click', () => send(null));
      box.append(b);
    } else {
      for (const kind of ['false_alarm', 'accepted', 'fixed']) {
        const b = el(doc, 'button', { type: 'button', class: 'gc-mark', 'data-mark': kind }, word(labels, 'mark', kind, lang) ?? t.markAs[kind]);
        b.addEventListener('click', () => {
          if (kind !== 'false_alarm') { send(kind); return; }
          // The reason is asked for here, in the page's own DOM (no window.prompt).
          box.querySelector('.gc-reason')?.remove();
          const input = el(doc, 'input', { type: 'text', class: 'gc-reason-input', maxlength: 500, 'aria-label': t.reasonLabel });
          const ok = el(doc, 'button', { type: 'submit' }, t.reasonOk);
          const cancel = el(doc, 'button', { type: 'button' }, t.reasonCancel);
          const form = el(doc, 'form', { class: 'gc-reason' }, el(doc, 'label', {}, t.reasonPrompt, input), ok, cancel);
          form.addEventListener('submit', (e) => {
            e.preventDefault();
            const reason = input.value.trim();
            if (!reason) { input.focus(); return; }
            form.remove();
            send('false_alarm', reason);
          });
          cancel.addEventListener('click', () => form.remove());
          box.append(form);
          input.focus();
        });
        box.append(b);
      }
    }
  }
  box.append(note);
  return box;
}

/** A row's details: message (for column rows the table says most of it), evidence, snippet. */
function rowDetails(doc, lang, labels, finding, columnTable) {
  const t = cardText(lang);
  const skip = columnTable ? new Set(['age_days', 'window_days', 'class', 'newest_as_shown']) : new Set();
  const evidence = renderEvidence(doc, lang, labels, finding.evidence, skip);
  const parts = [
    columnTable ? el(doc, 'p', { class: 'gc-msg' }, ...messageNodes(doc, pick(lang, finding.message, finding.message_en))) : null,
    evidence,
    finding.snippet ? el(doc, 'div', { class: 'gc-label' }, t.snippet) : null,
    finding.snippet ? el(doc, 'pre', { class: 'gc-snippet' }, el(doc, 'code', {}, finding.snippet)) : null,
    finding.selector ? el(doc, 'div', { class: 'gc-selector' }, `${t.selector}${t.colon}`, el(doc, 'code', {}, finding.selector)) : null,
  ].filter(Boolean);
  if (!parts.length) return null;
  return el(doc, 'details', { class: 'gc-row-details' }, el(doc, 'summary', {}, t.details), ...parts);
}

function cell(doc, cls, ...children) {
  return el(doc, 'td', { class: cls }, ...children);
}

/** One row of a card's table (a <tbody> holding the data row and the actions row). */
function renderRow(doc, lang, labels, { finding, index }, number, columns, ctx) {
  const t = cardText(lang);
  const columnTable = columns.includes('column');
  const ev = finding.evidence || {};
  const cells = {
    outcome: () => cell(doc, 'gc-c-outcome', chip(doc, lang, labels, finding.outcome, finding.outcome === 'fail' && finding.effect === 'advice' ? 'advice' : finding.outcome),
      number ? el(doc, 'span', { class: 'gc-num' }, `#${number}`) : null),
    column: () => cell(doc, 'gc-c-column gc-column', finding.column ?? ''),
    class: () => cell(doc, 'gc-c-class', word(labels, 'column_class', ev.class, lang) ?? ''),
    newest: () => cell(doc, 'gc-c-newest', finding.value ?? ev.newest_as_shown ?? ''),
    age: () => cell(doc, 'gc-c-age', ev.age_days != null ? t.days(ev.age_days) : ''),
    window: () => cell(doc, 'gc-c-window', ev.window_days != null ? t.days(ev.window_days) : ''),
    problem: () => cell(doc, 'gc-c-problem gc-msg', ...messageNodes(doc, pick(lang, finding.message, finding.message_en))),
    value: () => cell(doc, 'gc-c-value gc-value', finding.value == null ? '' : typeof finding.value === 'string' ? finding.value : JSON.stringify(finding.value)),
  };
  const tr = el(doc, 'tr', { class: 'gc-row' }, ...columns.map((c) => cells[c]()));
  const extra = el(doc, 'td', { colspan: columns.length, class: 'gc-row-extra' });
  if (finding.mark?.back) {
    extra.append(el(doc, 'div', { class: 'gc-back', role: 'alert' }, t.back,
      finding.mark.reason ? `${t.colon}${finding.mark.reason}` : ''));
  }
  if (!finding.selector && PROBLEM.has(finding.outcome)) extra.append(el(doc, 'div', { class: 'gc-nolocate' }, t.notLocated));
  const details = rowDetails(doc, lang, labels, finding, columnTable);
  if (details) extra.append(details);
  if (finding.mark && !finding.mark.back) {
    extra.append(el(doc, 'div', { class: 'gc-mark-note' }, word(labels, 'mark', finding.mark.kind, lang) ?? '',
      finding.mark.reason ? `${t.colon}${finding.mark.reason}` : ''));
  }
  extra.append(rowActions(doc, lang, labels, finding, index, number, ctx));
  return el(doc, 'tbody', {
    class: `gc-finding gc-outcome-${finding.outcome}${finding.mark?.back ? ' gc-mark-back' : ''}`,
    'data-rule': finding.rule, 'data-index': index, 'data-number': number || null, 'data-outcome': finding.outcome,
    'data-effect': finding.effect, 'data-fingerprint': finding.fingerprint ?? null,
    'data-search': [finding.column, finding.message, finding.message_en, typeof finding.value === 'string' ? finding.value : null].filter(Boolean).join('\n').toLowerCase(),
  }, tr, el(doc, 'tr', { class: 'gc-row-more' }, extra));
}

function renderTable(doc, lang, labels, list, numbers, ctx) {
  const t = cardText(lang);
  const columns = isColumnRule(list) ? ['outcome', 'column', 'class', 'newest', 'age', 'window'] : ['outcome', 'problem', 'value'];
  if (columns.includes('problem') && !list.some(({ finding }) => finding.value != null && finding.value !== '')) columns.pop();
  const table = el(doc, 'table', { class: `gc-items-table${columns.includes('column') ? ' gc-columns-table' : ''}` },
    el(doc, 'thead', {}, el(doc, 'tr', {}, ...columns.map((c) => el(doc, 'th', { class: `gc-c-${c}` }, t.cols[c])))));
  for (const row of list) table.append(renderRow(doc, lang, labels, row, numbers.get(row.index), columns, ctx));
  return table;
}

function renderDocs(doc, lang, rule, keys) {
  const t = cardText(lang);
  const docs = ruleDocs(rule, lang);
  const out = [];
  for (const key of keys) {
    const value = key === 'basis' ? pick(lang, rule.basis, rule.basis_en) : prose(docs[key]);
    if (!value) continue;
    out.push(el(doc, 'div', { class: `gc-doc gc-${key}` }, el(doc, 'strong', {}, t[key] + t.colon), ...inlineMarkdown(doc, value)));
  }
  return out;
}

function renderCard(doc, lang, labels, rule, card, numbers, ctx) {
  const t = cardText(lang);
  const title = rule ? pick(lang, rule.title, rule.title_en) : card.rule;
  const effectWord = word(labels, 'effect', card.effect, lang) ?? '';
  const problemRows = card.rows.filter(({ finding }) => finding.outcome !== 'pass' && finding.outcome !== 'not_applicable');
  const otherRows = card.rows.filter((r) => !problemRows.includes(r));
  const summary = el(doc, 'summary', {},
    chip(doc, lang, labels, card.outcome, card.group),
    el(doc, 'strong', { class: 'gc-title' }, title),
    effectWord ? el(doc, 'span', { class: `gc-effect-label${card.veto ? ' gc-effect-veto' : ''}`, 'data-effect': card.effect }, effectWord) : null,
    card.count ? el(doc, 'span', { class: 'gc-count' }, t.countRows(card.count)) : null,
    card.threshold && card.group !== 'pass' && card.group !== 'not_applicable' ? el(doc, 'span', { class: 'gc-threshold' }, t.threshold(card.threshold)) : null,
    card.rows.some(({ finding }) => finding.mark?.back) ? el(doc, 'span', { class: 'gc-back-flag' }, t.back) : null);
  const body = el(doc, 'div', { class: 'gc-body' });
  // A column indicator's statements (its veto, reached or left to the site check) are
  // sentences, not columns: their own small table above the columns'.
  const statements = isColumnRule(card.rows) ? problemRows.filter(({ finding }) => !finding.column) : [];
  if (statements.length) body.append(renderTable(doc, lang, labels, statements, numbers, ctx));
  const columnRows = problemRows.filter((r) => !statements.includes(r));
  if (columnRows.length) body.append(renderTable(doc, lang, labels, columnRows, numbers, ctx));
  if (otherRows.length) {
    const rest = renderTable(doc, lang, labels, otherRows, numbers, ctx);
    if (problemRows.length) {
      body.append(el(doc, 'details', { class: 'gc-passed-rows' }, el(doc, 'summary', {}, t.passedRows(otherRows.length)), rest));
    } else body.append(rest);
  }
  if (card.marked.length) body.append(el(doc, 'p', { class: 'gc-marked-apart' }, t.markedApart(card.marked.length)));
  if (rule) {
    const keys = card.group === 'pass' || card.group === 'not_applicable' ? ['basis'] : ['basis', 'why', 'fix'];
    body.append(...renderDocs(doc, lang, rule, keys));
  }
  if (ctx.catalogueHref) {
    body.append(el(doc, 'p', { class: 'gc-catalogue-link' },
      el(doc, 'a', { href: ctx.catalogueHref(card.rule), target: '_blank', rel: 'noopener' }, t.catalogue)));
  }
  return el(doc, 'details', {
    class: `gc-card gc-outcome-${card.outcome} gc-group-card-${card.group}`, id: `card-${card.rule}`,
    'data-rule': card.rule, 'data-outcome': card.outcome, 'data-group': card.group, 'data-effect': card.effect,
    'data-count': card.count, 'data-veto': card.veto ? '1' : '0',
    'data-search': [title, rule?.title, rule?.title_en].filter(Boolean).join('\n').toLowerCase(),
    open: ctx.openCards?.(card) ?? false,
  }, summary, body);
}

/**
 * The whole report as cards. opts: { document, lang, rules, labels, onLocate(finding, n,
 * index) → Promise<{found, visible, large, focused}>, onCopy(selector) → Promise,
 * onMark({ finding, index, mark, reason }), catalogueHref(ruleId), openCards(card) → bool,
 * collapsed: groups that start closed (default pass, not_applicable) }.
 */
export function renderCards(report, opts = {}) {
  const { document: doc = globalThis.document, lang = 'zh', rules = [], labels = null } = opts;
  const collapsed = new Set(opts.collapsed ?? ['pass', 'not_applicable']);
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const { cards, numbers } = buildCards(report, rules);
  const ctx = { onLocate: opts.onLocate, onCopy: opts.onCopy, onMark: opts.onMark, catalogueHref: opts.catalogueHref, openCards: opts.openCards };
  const t = cardText(lang);
  const root = el(doc, 'div', { class: 'gc-report gc-cards' });
  if (opts.header !== false) root.append(renderSummary(report, cards, { document: doc, lang, labels }));
  for (const group of GROUPS) {
    const list = cards.filter((c) => c.group === group);
    if (!list.length) continue;
    const heading = group === 'advice' ? t.groups.advice : word(labels, 'outcome', group, lang) ?? '';
    const section = el(doc, 'details', { class: `gc-group gc-group-${group}`, 'data-outcome': group, open: !collapsed.has(group) },
      el(doc, 'summary', {}, `${heading} (${list.length})`));
    for (const card of list) section.append(renderCard(doc, lang, labels, ruleById.get(card.rule), card, numbers, ctx));
    root.append(section);
  }
  const marked = cards.flatMap((c) => c.marked);
  if (marked.length) {
    const table = el(doc, 'table', { class: 'gc-items-table gc-marked-table' },
      el(doc, 'thead', {}, el(doc, 'tr', {}, el(doc, 'th', {}, t.cols.outcome), el(doc, 'th', {}, t.cols.problem))));
    for (const row of marked) table.append(renderRow(doc, lang, labels, row, null, ['outcome', 'problem'], ctx));
    root.append(el(doc, 'details', { class: 'gc-group gc-group-marked', 'data-outcome': 'marked' },
      el(doc, 'summary', {}, `${t.markedTitle} (${marked.length})`), table));
  }
  if (!report.findings.length) root.append(el(doc, 'p', { class: 'gc-empty' }, t.empty));
  root.append(el(doc, 'p', { class: 'gc-no-match', hidden: true }, t.noMatch));
  return root;
}

/**
 * Show only what the filters let through: { failOnly, vetoOnly, query }. A card matches
 * the query by its title or id, or by one of its rows (column, message, value); then only
 * the matching rows are shown. Returns the number of cards shown.
 */
export function filterCards(root, { failOnly = false, vetoOnly = false, query = '' } = {}) {
  const q = query.trim().toLowerCase();
  let shown = 0;
  for (const card of root.querySelectorAll('.gc-card')) {
    let ok = (!failOnly || card.dataset.group === 'fail') && (!vetoOnly || card.dataset.veto === '1');
    const rows = [...card.querySelectorAll('tbody.gc-finding')];
    const titleHit = !q || card.dataset.search.includes(q) || card.dataset.rule.includes(q);
    let rowHits = 0;
    for (const row of rows) {
      const hit = !q || titleHit || row.dataset.search.includes(q);
      row.hidden = !hit;
      if (hit) rowHits++;
    }
    if (q && !titleHit && !rowHits) ok = false;
    card.hidden = !ok;
    if (ok) {
      shown++;
      if (q && rowHits && !titleHit) card.open = true;
    }
  }
  for (const group of root.querySelectorAll('.gc-group')) {
    if (group.dataset.outcome === 'marked') continue;
    group.hidden = ![...group.querySelectorAll('.gc-card')].some((c) => !c.hidden);
  }
  const none = root.querySelector('.gc-no-match');
  if (none) none.hidden = shown > 0 || !root.querySelector('.gc-card');
  return shown;
}

export { label };
