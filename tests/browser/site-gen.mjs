// A small generated government site for the 检查整站 tests, served from 127.0.0.1 and
// reached as http://www.testsite.gov.cn/ (harness.mjs maps *.gov.cn to the server).
//
// Layout: a homepage of column blocks (title, 更多 link, dated list) linking to each
// column's list page (two pages each, 下一页), articles under each column, a site map,
// a contact page. Planted on purpose, and known here without running the engine:
//   - 通知公告 is stale (newest item 300 days ago: a core column, limit 6 months);
//   - the homepage links a page that is gone (404), a PDF and a mailto: address.
// Every date is relative to today in Asia/Shanghai (the extension's inspection date).

import { createServer } from 'node:http';
import { shanghaiDate } from './harness.mjs';

export const HOST = 'www.testsite.gov.cn';
const SITE_CODE = '4401000077';
const ITEMS = 4;

/** name, path, days since the newest item. */
export const COLUMNS = [
  { name: '工作动态', path: '/xwzx/gzdt/', newest: 1 },
  { name: '通知公告', path: '/xwzx/tzgg/', newest: 300 },
  { name: '政策文件', path: '/zwgk/zcwj/', newest: 20 },
  { name: '便民服务', path: '/bmfw/', newest: 5 },
  { name: '国务院信息', path: '/gwyxx/', newest: 0 },
];
export const STALE = ['通知公告'];
export const GONE = '/xwzx/old-notice.html';
export const PDF = '/uploads/2024-plan.pdf';
export const MAIL = 'mailto:webmaster@testsite.gov.cn';
/** A page the tests may hold open (slower than the crawl's timeout). */
export const SLOW = '/xwzx/slow.html';

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const compact = (d) => d.replaceAll('-', '');

function shell(title, metas, body) {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)} - 测试区人民政府门户网站</title>
<meta name="SiteName" content="测试区人民政府门户网站"><meta name="SiteDomain" content="${HOST}"><meta name="SiteIDCode" content="${SITE_CODE}">
${metas}</head>
<body>
<div class="topbar"><a href="/zzms/">长者模式</a> <a href="javascript:void(0)" id="cniil_wza">无障碍浏览</a></div>
<div class="header"><div class="logo">测试区人民政府门户网站</div>
<form class="search" action="/search/" method="get"><input name="keyword" placeholder="站内搜索"><button>搜索</button></form></div>
<div class="menu"><a href="/">首页</a><a href="/xwzx/gzdt/">工作动态</a><a href="/xwzx/tzgg/">通知公告</a><a href="/zwgk/zcwj/">政策文件</a><a href="/bmfw/">便民服务</a><a href="/wzdt/">网站地图</a></div>
<div class="content">${body}</div>
<div class="bottom">
<a href="http://bszs.conac.cn/sitename?method=show&amp;id=ABCDEF0123456789ABCDEF0123456789"><img src="/img/dzjg.png" alt="党政机关"></a>
<a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=${SITE_CODE}&amp;url=http%3A%2F%2F${HOST}%2F"><img src="/img/jiucuo.png" alt="政府网站找错"></a>
<p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
<p>主办单位：测试区人民政府办公室 &nbsp; 联系电话：020-12345678</p>
<p>网站标识码：${SITE_CODE} &nbsp; <a href="https://beian.miit.gov.cn/">粤ICP备05012345号</a> &nbsp;
<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=44010602000077"><img src="/img/ga.png" alt="">粤公网安备 44010602000077号</a></p>
</div></body></html>`;
}

const columnMetas = (name) =>
  `<meta name="ColumnName" content="${name}"><meta name="ColumnType" content="${name}"><meta name="ColumnDescription" content="${name}"><meta name="ColumnKeywords" content="${name}">`;

function article(col, k) {
  const d = shanghaiDate(col.newest + 9 * k);
  return { href: `${col.path}${compact(d).slice(0, 6)}/t${compact(d)}_${k + 1}.html`, date: d, title: `${col.name}第${k + 1}篇信息` };
}

function listItems(col, from, n) {
  let s = '';
  for (let k = from; k < from + n; k++) {
    const a = article(col, k);
    s += `<li><span class="time">${a.date}</span><a href="${a.href}" title="${a.title}" target="_blank">${a.title}</a></li>`;
  }
  return s;
}

/**
 * The site: Map of path → { status, type, body }, and `pages`, the HTML paths a complete
 * crawl fetches (the 404 included), worked out from the layout alone.
 */
export function generate() {
  const site = new Map();
  const html = (p, body) => site.set(p, { status: 200, type: 'text/html; charset=utf-8', body });
  let blocks = '';
  for (const col of COLUMNS) {
    blocks += `<div class="column-box"><div class="column-title"><h3>${col.name}</h3><a class="more" href="${col.path}">更多&gt;</a></div><ul class="news-list">${listItems(col, 0, ITEMS)}</ul></div>`;
  }
  blocks += `<div class="links"><a href="${GONE}">关于调整办公时间的通知（已撤回）</a> <a href="${PDF}">2024年工作计划（PDF）</a> <a href="${MAIL}">网站管理员信箱</a> <a href="${SLOW}">信息公开年报</a></div>`;
  html('/', shell('首页', '<meta name="ColumnName" content="首页"><meta name="ColumnType" content="首页">', blocks));
  for (const col of COLUMNS) {
    for (const page of [0, 1]) {
      const next = page === 0 ? '<div class="pager"><a href="index_1.html">下一页</a></div>' : '<div class="pager"><a href="./">上一页</a></div>';
      html(page === 0 ? col.path : `${col.path}index_1.html`, shell(col.name, columnMetas(col.name),
        `<div class="position">当前位置：<a href="/">首页</a> &gt; ${col.name}</div><div class="list-box"><h2>${col.name}</h2><ul>${listItems(col, page * ITEMS, ITEMS)}</ul>${next}</div>`));
      for (let k = page * ITEMS; k < (page + 1) * ITEMS; k++) {
        const a = article(col, k);
        html(a.href, shell(a.title,
          `<meta name="ArticleTitle" content="${a.title}"><meta name="PubDate" content="${a.date} 10:00"><meta name="ContentSource" content="测试区人民政府办公室"><meta name="ColumnName" content="${col.name}">`,
          `<h1>${a.title}</h1><div class="info">发布时间：${a.date} &nbsp; 来源：测试区人民政府办公室</div><div class="text"><p>正文。</p></div>`));
      }
    }
  }
  html('/wzdt/', shell('网站地图', columnMetas('网站地图'),
    `<h1>网站地图</h1><ul>${COLUMNS.map((c) => `<li><a href="${c.path}">${c.name}</a></li>`).join('')}<li><a href="/lxwm/">联系我们</a></li></ul>`));
  html('/lxwm/', shell('联系我们', '', '<h1>联系我们</h1><p>地址：测试区政府大院一号楼。电话：020-12345678。</p>'));
  html(SLOW, shell('信息公开年报', '', '<h1>信息公开年报</h1><p>年报正文。</p>'));
  html('/zzms/', shell('长者模式', '', '<h1>长者模式</h1><p>大字版页面。</p>'));
  // The search form's target: a form, not a link, so a crawl never fetches it.
  html('/search/', shell('站内搜索', '', '<h1>站内搜索</h1><p>请输入关键字。</p>'));
  site.set(PDF, { status: 200, type: 'application/pdf', body: '%PDF-1.4\n%%EOF\n' });
  site.set('/robots.txt', { status: 200, type: 'text/plain', body: 'User-agent: *\nDisallow: /admin/\n' });
  const pages = [...site.keys()].filter((p) => ![PDF, '/robots.txt', '/search/'].includes(p));
  pages.push(GONE);
  return { site, pages };
}

/**
 * Serve the site on 127.0.0.1. Every request is logged ({ path, host, cookie }).
 * Any host starting with `down.` answers 503 to everything.
 * `hold(path)` returning true (asked at request time) keeps that request open until
 * `release()` — a crawl caught mid-way, or a page slower than the timeout. The server
 * also counts requests open at once (`maxOpen`) and requests the client gave up on
 * (`aborted`: closed before an answer).
 */
export async function serveSite({ hold = () => false } = {}) {
  const { site, pages } = generate();
  const log = [];
  let waiting = [];
  const watchers = new Set();
  const stats = { open: 0, maxOpen: 0, aborted: 0 };
  const notify = () => { for (const w of watchers) w(); };
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    log.push({ path: url.pathname, host: req.headers.host, cookie: req.headers.cookie ?? null });
    stats.open += 1;
    stats.maxOpen = Math.max(stats.maxOpen, stats.open);
    let answered = false;
    res.on('close', () => {
      stats.open -= 1;
      if (!answered) stats.aborted += 1;
      notify();
    });
    const answer = () => {
      if (answered || res.destroyed) return;
      answered = true;
      // A host that is down: every answer is a 503.
      if (/^down\./.test(req.headers.host ?? '')) { res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' }); res.end('<h1>503</h1>'); return; }
      const r = site.get(url.pathname);
      if (!r) { res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }); res.end('<h1>404 页面不存在</h1>'); return; }
      res.writeHead(r.status, { 'content-type': r.type, 'cache-control': 'no-store' });
      res.end(r.body);
    };
    if (hold(url.pathname)) { waiting.push(answer); notify(); }
    else answer();
  });
  const release = () => { const w = waiting; waiting = []; for (const a of w) a(); };
  /** Resolves once `test()` is true, re-checked on every request event. */
  const until = (test, timeout = 30_000) => new Promise((resolve, reject) => {
    const check = () => { if (test()) { watchers.delete(check); clearTimeout(timer); resolve(); } };
    const timer = setTimeout(() => { watchers.delete(check); reject(new Error('site server: condition not reached')); }, timeout);
    watchers.add(check);
    check();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port, log, pages, stats, release, until,
    /** Requests being held open now. */
    held: () => waiting.length,
    close: () => { release(); server.closeAllConnections?.(); return new Promise((resolve) => server.close(resolve)); },
  };
}
