// The rule catalogue, generated at load time from the engine's own rule metadata.
import * as engine from './lib/engine.js';
import { renderRule } from './lib/render-findings.js';

const $ = (id) => document.getElementById(id);
const rules = await engine.rules();
const { labels } = await engine.defaults();

function render() {
  const lang = $('lang').value;
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  $('toc').replaceChildren(...rules.map((rule) => {
    const a = document.createElement('a');
    a.href = `#rule-${rule.id}`;
    a.textContent = lang === 'en' ? rule.title_en : rule.title;
    a.title = rule.id;
    return a;
  }));
  $('rules').replaceChildren(...rules.map((rule) => renderRule(rule, { document, lang, labels })));
}

$('lang').addEventListener('change', render);
render();
if (location.hash) document.querySelector(location.hash)?.scrollIntoView();
$('version').textContent = `govcheck engine ${await engine.version()} · ${rules.length} rules`;
document.body.dataset.ready = '1';
