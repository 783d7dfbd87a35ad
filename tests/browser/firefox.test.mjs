// The Firefox variant (manifest.firefox.json, same files) in stock Firefox ESR, over
// WebDriver BiDi (see firefox-bidi.mjs). Skipped when Firefox is not installed
// (`apt-get install -y firefox-esr`); Chromium is the primary target.

import { it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { ROOT, assertEngineBuilt } from './harness.mjs';

const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';

it('Firefox loads manifest.firefox.json, checks a government page, badges it and renders the popup',
  { skip: existsSync(FIREFOX) ? false : `${FIREFOX} not installed`, timeout: 120_000 }, async () => {
    assertEngineBuilt();
    const { stdout } = await promisify(execFile)(process.execPath,
      ['--experimental-websocket', '--no-warnings', path.join(ROOT, 'tests/browser/firefox-bidi.mjs')],
      { timeout: 110_000, env: { ...process.env, FIREFOX } });
    const result = JSON.parse(stdout.trim().split('\n').pop());
    assert.equal(result.error, undefined, result.error);
    assert.ok(result.ok);
    assert.equal(result.installed, 'govcheck@govcheck.invalid');
    const good = result.pages['compliant.html'];
    assert.equal(good.status, 'pass');
    assert.equal(good.badge, '✓');
    assert.deepEqual(good.color, [0x2e, 0x7d, 0x32, 255]);
    const bad = result.pages['missing-footer.html'];
    assert.equal(bad.status, 'fail');
    assert.equal(bad.badge, String(bad.failed));
    assert.deepEqual(bad.color, [0xe6, 0xa1, 0x00, 255]);
    assert.equal(result.popup.status, 'fail');
    assert.ok(result.popup.findings >= bad.rulesRun);
  });
