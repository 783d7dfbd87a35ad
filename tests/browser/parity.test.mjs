// WASM and native agree (issue 13): the engine the extension ships (www/pkg, the same build
// as extension/pkg) and the native CLI give the same report on every corpus page, findings
// and verdict included. Runs in Node: no browser is needed to call the WASM module.

import { it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile, readdir } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'target/release/govcheck');
const TODAY = '2024-01-15';

it('the WASM engine and the native CLI give identical reports on every corpus page', async () => {
  const wasm = await import(path.join(ROOT, 'www/pkg/govcheck.js'));
  wasm.initSync({ module: await readFile(path.join(ROOT, 'www/pkg/govcheck_bg.wasm')) });
  const labels = [
    ...JSON.parse(await readFile(path.join(ROOT, 'tests/corpus/labels.json'), 'utf8')),
    ...JSON.parse(await readFile(path.join(ROOT, 'tests/corpus/labels-unseen.json'), 'utf8')),
  ];
  const urlOf = new Map(labels.map((l) => [l.file, l.site_domain ? `https://${l.site_domain}/` : null]));
  const files = (await readdir(path.join(ROOT, 'tests/corpus/pages'))).filter((f) => f.endsWith('.html')).sort();
  let compared = 0;
  const diffs = [];
  for (const file of files) {
    const bytes = await readFile(path.join(ROOT, 'tests/corpus/pages', file));
    let html;
    try {
      html = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      // GBK pages: the browser hands the engine decoded text, the CLI decodes bytes itself.
      html = new TextDecoder('gb18030').decode(bytes);
    }
    const url = urlOf.get(file) ?? 'https://www.example.gov.cn/';
    // Exit code 1 means "failures found": the report is on stdout either way.
    const run = spawnSync(CLI, ['check', path.join(ROOT, 'tests/corpus/pages', file), '--url', url, '--today', TODAY, '--format', 'json'], { maxBuffer: 64 << 20 });
    assert.ok(run.status === 0 || run.status === 1, `${file}: ${run.stderr}`);
    const native = JSON.parse(run.stdout.toString());
    const fromWasm = JSON.parse(wasm.check(html, url, { today: TODAY }));
    compared += 1;
    try {
      assert.deepEqual(fromWasm, native);
    } catch (e) {
      diffs.push(`${file}: ${e.message.split('\n').slice(0, 12).join('\n')}`);
    }
  }
  assert.ok(compared >= 25, `only ${compared} pages compared`);
  assert.deepEqual(diffs, [], diffs.join('\n\n'));
});
