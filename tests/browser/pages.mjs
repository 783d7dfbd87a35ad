// Generated test pages (shared by the tests and bench/browser-bench.mjs).

import { shanghaiDate } from './harness.mjs';

const WORDS = ['市政府', '常务会议', '研究部署', '安全生产', '工作', '推进', '营商环境', '优化', '民生实事', '项目',
  '建设', '进展', '情况', '通报', '关于', '印发', '实施方案', '的通知', '公示', '公告', '乡村振兴', '高质量发展',
  '政务服务', '一网通办', '改革', '专项行动', '意见', '征集', '解读', '政策'];

function words(seed, n) {
  let s = '';
  for (let i = 0; i < n; i++) s += WORDS[(seed * 7 + i * 13) % WORDS.length];
  return s;
}

export const COMPLIANT_FOOTER = `
<footer id="footer">
  <div class="badges">
    <a id="conac" href="https://bszs.conac.cn/sitename?method=show&amp;id=0ADCC2E0BA270DA2E053012819ACECB2" title="党政机关"><img src="/img/red.png" alt="党政机关"></a>
    <a id="zhaocuo" href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=1304000009&amp;url=http%3A%2F%2Fwww.hd.gov.cn%2F"><img src="/img/jiucuo.png" alt="我为政府网站找错"></a>
  </div>
  <p id="sponsor">主办单位：邯郸市人民政府办公室　联系电话：0310-3022345　地址：邯郸市丛台区中华北大街1号　<a href="/lxwm/">联系我们</a>　<a id="sitemap" href="/wzdt/">网站地图</a></p>
  <p><span id="sitecode">网站标识码：1304000009</span>　<a id="icp" href="https://beian.miit.gov.cn/">冀ICP备05003367号</a>
     <a id="psb" href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=13040202000123"><img src="/img/ga.png" alt="">冀公网安备 13040202000123号</a></p>
</footer>`;

/**
 * A large home page: about `targetBytes` of HTML (default 1 MB) with ~20k elements and
 * ~2,900 links in dated column lists, plus a compliant footer.
 */
export function bigPage({ targetBytes = 1_000_000 } = {}) {
  const head = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>邯郸市人民政府</title>
<meta name="SiteName" content="邯郸市人民政府"><meta name="SiteDomain" content="www.hd.gov.cn"><meta name="SiteIDCode" content="1304000009">
<meta name="ColumnName" content="首页"><meta name="ColumnType" content="首页"></head><body>
<header><h1>邯郸市人民政府</h1><nav><a href="/zwgk/">政务公开</a> <a href="/zwfw/">政务服务</a> <a href="/hdjl/">互动交流</a> <a href="/wzdt/">网站地图</a></nav></header><main>`;
  const tail = `</main>${COMPLIANT_FOOTER}</body></html>`;
  const parts = [head];
  let size = Buffer.byteLength(head) + Buffer.byteLength(tail);
  let col = 0;
  while (size < targetBytes) {
    const items = [];
    for (let i = 0; i < 8; i++) {
      const d = shanghaiDate((col * 3 + i) % 12);
      items.push(`<li><a href="/col${col}/t${d.replaceAll('-', '')}_${i}.html">${words(col + i, 9)}</a><span class="date">${d}</span></li>`);
    }
    const para = `<div class="intro"><p>${words(col, 55)}</p><p><span>${words(col + 1, 5)}</span><em>${words(col + 2, 3)}</em><span>${words(col + 3, 4)}</span></p><p><b>${words(col + 4, 2)}</b>${words(col + 5, 8)}</p></div>`;
    const rows = [];
    for (let r = 0; r < 4; r++) {
      rows.push(`<tr><td>${words(col + r, 6)}</td><td>${(col * 37 + r * 11) % 1000}</td><td>${words(col + r + 1, 4)}</td><td>${shanghaiDate(r)}</td></tr>`);
    }
    const table = `<table class="stats"><tbody>${rows.join('')}</tbody></table>`;
    const block = `<section class="column" id="c${col}"><h2><a href="/col${col}/">${words(col, 2)}</a></h2>${para}${table}<ul>${items.join('')}</ul></section>\n`;
    parts.push(block);
    size += Buffer.byteLength(block);
    col++;
  }
  parts.push(tail);
  return parts.join('');
}
