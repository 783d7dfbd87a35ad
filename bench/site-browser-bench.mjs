// The extension's 检查整站 on the same generated ~500-page site as bench/site-bench.sh: the
// built extension in Debian's Chromium crawls it with fetch through the core's SiteCrawl.
// Prints the wall time from opening site.html to the report, and the pages crawled.
// Needs `cargo build --release --example serve_site` and `bash build.sh` first.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { launch, ROOT } from '../tests/browser/harness.mjs';

const RUNS = Number(process.env.RUNS || 3);
const server = spawn(path.join(ROOT, 'target/release/examples/serve_site'), [], { stdio: ['ignore', 'pipe', 'inherit'] });
const [port, paths] = await new Promise((resolve) => server.stdout.once('data', (d) => resolve(String(d).trim().split(/\s+/).map(Number))));
console.log(`site: ${paths} paths on 127.0.0.1:${port}, reached as www.testcity.gov.cn`);
const browser = await launch({ port });
try {
  for (let i = 1; i <= RUNS; i++) {
    const page = await browser.context.newPage();
    const url = `chrome-extension://${browser.extensionId}/site.html?url=${encodeURIComponent('http://www.testcity.gov.cn/')}&max_pages=500`;
    const t0 = performance.now();
    await page.goto(url);
    await page.waitForSelector('body[data-state="done"], body[data-state="error"]', { timeout: 600_000 });
    const ms = performance.now() - t0;
    const pages = await page.$eval('#report .gc-counts', (e) => e.dataset.pages).catch(() => '?');
    console.log(`run ${i}: extension crawl ${(ms / 1000).toFixed(2)} s, ${pages} pages`);
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
