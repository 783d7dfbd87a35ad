// Save a text as a file from a page: every export (popup, 检查整站, www) goes through here.
// No chrome.* (build.sh copies this file to www/lib/).

/** The MIME type of each export kind. */
export const EXPORT_TYPES = Object.freeze({
  json: 'application/json',
  csv: 'text/csv;charset=utf-8',
  html: 'text/html;charset=utf-8',
});

/** Offer `body` as the download `filename` (the browser's download, no permission). */
export function downloadText(body, filename, mime = 'text/plain;charset=utf-8', doc = globalThis.document) {
  const a = doc.createElement('a');
  a.href = URL.createObjectURL(new Blob([body], { type: mime }));
  a.download = filename;
  doc.body.append(a);
  a.click();
  a.remove();
  // The click has started the download by the time this runs.
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** A file name part from a report's URL: its host name, else `fallback`. */
export function hostPart(url, fallback) {
  try { return new URL(url).hostname || fallback; } catch { return fallback; }
}
