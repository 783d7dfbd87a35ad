// Citizens' error reports saved on this computer (chrome.storage.local, never sent
// anywhere): an index (`citizen:index`, newest last) and one key per report
// (`citizen:<id>` → { report, screenshot }), the screenshot a PNG data URL or null.
// Bounded: at most MAX_REPORTS, and the oldest go when storage is full (screenshots are
// the bulk of it; the browser's quota for an extension is 10 MB).

export const MAX_REPORTS = 30;
const INDEX = 'citizen:index';
const keyOf = (id) => `citizen:${id}`;
const ID = /^[0-9a-f-]{8,64}$/i;

export async function list() {
  return (await chrome.storage.local.get(INDEX))[INDEX] ?? [];
}

/** → { report, screenshot } | null */
export async function get(id) {
  if (!ID.test(id)) return null;
  return (await chrome.storage.local.get(keyOf(id)))[keyOf(id)] ?? null;
}

function summary(report) {
  return { id: report.id, created: report.created, page_url: report.page_url, page_title: report.page_title, category: report.category };
}

/** Save (or update) a report; drops the oldest beyond the bound, or while storage is full.
 *  → { dropped: number } */
export async function save(report, screenshot) {
  if (!ID.test(report.id)) throw new Error('bad report id');
  let index = (await list()).filter((e) => e.id !== report.id);
  index.push(summary(report));
  let dropped = 0;
  const drop = async (n) => {
    const gone = index.slice(0, n);
    index = index.slice(n);
    dropped += gone.length;
    await chrome.storage.local.remove(gone.map((e) => keyOf(e.id)));
  };
  if (index.length > MAX_REPORTS) await drop(index.length - MAX_REPORTS);
  for (;;) {
    try {
      await chrome.storage.local.set({ [keyOf(report.id)]: { report, screenshot: screenshot ?? null }, [INDEX]: index });
      return { dropped };
    } catch (err) {
      // Full: make room by forgetting the oldest report (never the one being saved).
      if (index.length <= 1) throw err;
      await drop(1);
    }
  }
}

export async function remove(id) {
  const index = (await list()).filter((e) => e.id !== id);
  await chrome.storage.local.remove(keyOf(id));
  await chrome.storage.local.set({ [INDEX]: index });
}

/** The PNG bytes of a data URL (data:image/png;base64,…), or null. */
export function pngBytes(dataUrl) {
  const b64 = pngBase64(dataUrl);
  if (!b64) return null;
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** The base64 part of a PNG data URL, or null. */
export function pngBase64(dataUrl) {
  const m = typeof dataUrl === 'string' ? dataUrl.match(/^data:image\/png;base64,([A-Za-z0-9+/=]+)$/) : null;
  return m ? m[1] : null;
}
