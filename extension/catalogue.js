// The rule catalogue inside the extension: every indicator's basis, what it checks, why it
// matters, how to fix it and an example, from the engine's own rule metadata, in the UI
// language (Chinese docs for the Chinese UI). Rendered with text nodes only
// (lib/render-findings.js). A card can link here as catalogue.html#rule-<id>.

import * as engine from './lib/engine.js';
import { renderRule } from './lib/render-findings.js';
import { getSettings } from './lib/settings.js';
import { localisePage } from './lib/i18n.js';

const $ = (id) => document.getElementById(id);
const settings = await getSettings();
const { lang, t } = await localisePage(document, settings.lang);
document.title = `govcheck · ${t('catalogueTitle')}`;

const rules = await engine.rules();
const { labels } = await engine.defaults();
$('toc').replaceChildren(...rules.map((rule) => {
  const a = document.createElement('a');
  a.href = `#rule-${rule.id}`;
  a.textContent = lang === 'en' ? rule.title_en : rule.title;
  a.title = rule.id;
  return a;
}));
$('rules').replaceChildren(...rules.map((rule) => renderRule(rule, { document, lang, labels })));
$('version').textContent = t('catalogueVersion', await engine.version(), rules.length);
if (location.hash) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
document.body.dataset.ready = '1';
