// UI strings from _locales. chrome.i18n follows the browser language; the options page
// can override it ('zh' / 'en'), in which case the chosen messages.json is read directly.

const LOCALE_DIR = { zh: 'zh_CN', en: 'en' };

function substitute(message, subs) {
  return message.replace(/\$(\d)/g, (_, i) => (subs[Number(i) - 1] ?? ''));
}

/** Resolve the setting ('auto' | 'zh' | 'en') to 'zh' or 'en'. 'auto' is the language of
 *  the messages.json the browser picked (Chinese for Chinese browsers and, being the
 *  default_locale, for any language we do not have), so the report renderer always
 *  speaks the same language as the rest of the UI. */
export function resolveLang(setting) {
  if (setting === 'zh' || setting === 'en') return setting;
  return chrome.i18n.getMessage('uiLang') === 'en' ? 'en' : 'zh';
}

/** → { lang, t(key, ...subs) } */
export async function loadI18n(setting = 'auto') {
  const lang = resolveLang(setting);
  let table = null;
  if (setting === 'zh' || setting === 'en') {
    const res = await fetch(chrome.runtime.getURL(`_locales/${LOCALE_DIR[lang]}/messages.json`));
    table = await res.json();
  }
  const t = (key, ...subs) => {
    if (table) {
      const entry = table[key];
      return entry ? substitute(entry.message, subs) : key;
    }
    return chrome.i18n.getMessage(key, subs.map(String)) || key;
  };
  return { lang, t };
}

/** Fill every [data-i18n] element's text (and [data-i18n-title] title) in a page. */
/** What every extension page does first: load the UI language, mark the document with it,
 *  and fill its data-i18n nodes. Returns { lang, t }. */
export async function localisePage(doc, setting) {
  const { lang, t } = await loadI18n(setting);
  doc.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  applyI18n(doc, t);
  return { lang, t };
}

export function applyI18n(root, t) {
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-title]')) node.title = t(node.dataset.i18nTitle);
  for (const node of root.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
}
