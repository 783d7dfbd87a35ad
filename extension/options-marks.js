// Options page, section 已标记的问题 / 基线 (issue 12): the triage marks kept per site, as
// one baseline file out (the file `govcheck check --baseline` reads) and in (the engine
// reads it: a bad file is refused with its one-line message). The worker owns the marks;
// this page only asks it (marks:list / marks:export / marks:import / marks:clear).

import * as engine from './lib/engine.js';
import { UI_TO_BG } from './lib/messages.js';
import { downloadText, EXPORT_TYPES } from './lib/download.js';

const $ = (id) => document.getElementById(id);
const send = (type, extra = {}) => chrome.runtime.sendMessage({ type, ...extra });

export async function initMarks({ t, lang }) {
  // The engine's words for the marks (误报, 已知/接受, 已整改), [zh, en].
  const words = await engine.defaults().then((d) => d.labels.mark, () => ({}));
  const word = (kind) => words[kind]?.[lang === 'en' ? 1 : 0] ?? kind;
  const say = (message, error = false) => {
    $('marks-status').textContent = message;
    $('marks-status').dataset.error = error ? '1' : '';
  };

  async function build() {
    const list = $('marks-sites');
    list.replaceChildren();
    const { sites = {} } = await send(UI_TO_BG.MARKS_LIST);
    const names = Object.keys(sites).sort();
    if (!names.length) {
      const li = document.createElement('li');
      li.textContent = t('optionsMarksNone');
      list.append(li);
    }
    for (const site of names) {
      const li = document.createElement('li');
      li.dataset.site = site;
      const name = document.createElement('strong');
      name.textContent = site === '*' ? t('optionsMarksAnySite') : site;
      const kinds = {};
      for (const e of sites[site]) kinds[e.mark] = (kinds[e.mark] ?? 0) + 1;
      const count = document.createElement('span');
      count.textContent = ` — ${t('optionsMarksCount', sites[site].length)} (${Object.entries(kinds).map(([k, n]) => `${word(k)} ${n}`).join(', ')})`;
      const clear = document.createElement('button');
      clear.type = 'button';
      clear.textContent = t('optionsMarksClear');
      clear.addEventListener('click', async () => { await send(UI_TO_BG.MARKS_CLEAR, { site }); await build(); });
      const details = document.createElement('ul');
      for (const e of sites[site]) {
        const item = document.createElement('li');
        item.textContent = `${word(e.mark)} · ${e.rule} · ${e.message || e.value || e.fingerprint}${e.reason ? ` — ${e.reason}` : ''}${e.marked_at ? ` (${e.marked_at})` : ''}`;
        details.append(item);
      }
      li.append(name, count, clear, details);
      list.append(li);
    }
  }

  $('marks-export').addEventListener('click', async () => {
    const { baseline } = await send(UI_TO_BG.MARKS_EXPORT);
    downloadText(`${JSON.stringify(baseline, null, 2)}\n`, `govcheck-baseline-${baseline.created ?? 'marks'}.json`, EXPORT_TYPES.json);
  });

  $('marks-import').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const res = await send(UI_TO_BG.MARKS_IMPORT, { text: await file.text() });
    e.target.value = '';
    if (res?.error) say(res.error, true);
    else say(t('optionsMarksImported', res.imported));
    await build();
  });

  await build();
}
