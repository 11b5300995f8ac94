// BMKG's nowcast index (`/alerts/nowcast/{id|en}/rss.xml`): one RSS item per warning, linking its
// CAP document. Read with checkCapFeed (the safe XML front end and the feed rules), then made fit
// to fetch from: links resolved against the index's own URL, only http(s) followed, and an alert
// listed twice (same guid or same link; BMKG's index has done so) fetched once.
import type { Issue } from '../../cap/cap-types.ts';
import type { CapFeedEntry } from '../../cap/cap-feed-entry.ts';
import { checkCapFeed } from '../../cap/check-cap-feed.ts';
import { readXmlDocument } from '../../cap/read-xml-document.ts';
import type { XmlElement } from '../../cap/read-xml-tree.ts';
import { nowcastDocumentKey } from './nowcast-document-key.ts';

export interface NowcastItem {
  /** Where the item is in the index, e.g. `rss/channel/item[3]`. */
  path: string;
  /** RSS guid: BMKG writes the CAP identifier here. */
  guid?: string;
  /** Absolute http(s) URL of the CAP document. */
  capUrl: string;
  title?: string;
  /** As written (RFC 822, BMKG writes local time with its offset). */
  pubDate?: string;
  /** The channel's `<language>`, else the `/id/` or `/en/` of the link, else `und`. */
  language: 'id' | 'en' | string;
  /** nowcastDocumentKey(item): changes when the document is new or changed. */
  key: string;
}

export interface NowcastIndex {
  /** Nothing could be read: not a feed, HTML, hostile or broken XML, too large. `issues` says why. */
  refused: boolean;
  kind?: 'rss' | 'atom';
  /** In index order, without repeats. */
  items: NowcastItem[];
  /** Problems with the index and its items, each with its path; items with problems that could still be fetched are kept. */
  issues: Issue[];
}

/**
 * Reads a nowcast index. `baseUrl` is the URL the index was fetched from: relative links are
 * resolved against it (without it they are skipped). `maxBytes` caps the document.
 */
export function readNowcastIndex(input: string | Uint8Array, options: { maxBytes?: number; baseUrl?: string } = {}): NowcastIndex {
  if (looksLikeHtml(input)) {
    return refuse(
      'The nowcast index is an HTML page, not an RSS feed: BMKG served a web page (often a maintenance or error page) instead of rss.xml. Nothing was read; try again later.',
    );
  }
  const feed = checkCapFeed(input, { maxBytes: options.maxBytes });
  if (feed.refused) return refuse(...feed.errors.map((e) => e.message));

  const issues: Issue[] = [];
  let base: URL | undefined;
  if (options.baseUrl !== undefined) {
    try {
      base = new URL(options.baseUrl);
    } catch {
      issues.push({ path: 'document', message: `The index URL "${options.baseUrl}" is not a URL, so relative links cannot be resolved.` });
    }
  }
  const declared = feedLanguage(input, options.maxBytes);
  const linked = new Set(feed.entries.filter((e) => e.capUrl !== undefined).map((e) => `${e.path}/link`));
  // Link problems of entries with a link are judged below, where relative links can be resolved.
  issues.push(...[...feed.errors, ...feed.warnings].filter((i) => !linked.has(i.path)));

  const items: NowcastItem[] = [];
  const byGuid = new Map<string, string>();
  const byUrl = new Map<string, string>();
  for (const entry of feed.entries) {
    const capUrl = resolveLink(entry, base, issues);
    if (capUrl === undefined) continue;
    const earlier = (entry.id !== undefined ? byGuid.get(entry.id) : undefined) ?? byUrl.get(capUrl);
    if (earlier !== undefined) {
      const same = entry.id !== undefined && byGuid.has(entry.id) ? `guid "${entry.id}"` : `link ${capUrl}`;
      issues.push({
        path: entry.path,
        message: `The item lists the same alert as ${earlier} (same ${same}); the first was kept and this one is not fetched again.`,
      });
      continue;
    }
    if (entry.id !== undefined) byGuid.set(entry.id, entry.path);
    byUrl.set(capUrl, entry.path);
    if (entry.updated === undefined)
      issues.push({
        path: `${entry.path}/pubDate`,
        message: 'The item has no publication date; a changed document under the same guid would not be noticed.',
      });
    const item: Omit<NowcastItem, 'key'> = { path: entry.path, capUrl, language: declared ?? linkLanguage(capUrl) ?? 'und' };
    if (entry.id !== undefined) item.guid = entry.id;
    if (entry.title !== undefined) item.title = entry.title;
    if (entry.updated !== undefined) item.pubDate = entry.updated;
    items.push({ ...item, key: nowcastDocumentKey(item) });
  }
  const refused = feed.entries.length === 0 && feed.errors.length > 0;
  return { refused, kind: feed.kind, items, issues };
}

/** The entry's link as an absolute http(s) URL, or undefined with the reason in `issues`. */
function resolveLink(entry: CapFeedEntry, base: URL | undefined, issues: Issue[]): string | undefined {
  const path = `${entry.path}/link`;
  const link = entry.capUrl;
  if (link === undefined) {
    issues.push({ path: entry.path, message: 'The item was skipped: it gives no link to a CAP document.' });
    return undefined;
  }
  const absolute = /^[A-Za-z][A-Za-z0-9+.-]*:/.test(link);
  if (!absolute && base === undefined) {
    issues.push({
      path,
      message: `The link "${link}" is relative and the index URL is unknown, so it cannot be resolved; the item was skipped.`,
    });
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(link, base);
  } catch {
    issues.push({ path, message: `The link "${link}" is not a URL; the item was skipped.` });
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    issues.push({
      path,
      message: `The link "${link}" is a ${url.protocol} URL; only http and https links are followed, so the item was skipped.`,
    });
    return undefined;
  }
  return url.href;
}

/**
 * RSS `<channel><language>` or Atom `xml:lang`, lower-cased. checkCapFeed does not expose the
 * channel, so the document (already accepted by it) is read once more: an index is a few kB.
 */
function feedLanguage(input: string | Uint8Array, maxBytes: number | undefined): string | undefined {
  const doc = readXmlDocument(input, maxBytes);
  if (!doc.ok) return undefined;
  const plain = (el: XmlElement | undefined, name: string) => el?.children.find((c) => c.ns === '' && c.local === name);
  const rss = plain(plain(doc.root, 'channel'), 'language')?.text.trim();
  const atom = doc.root.attrs.find((a) => a.local === 'lang' && a.ns === 'http://www.w3.org/XML/1998/namespace')?.value.trim();
  const lang = rss || atom;
  return lang ? lang.toLowerCase() : undefined;
}

/** BMKG puts the language in the path: `/alerts/nowcast/id/…` and `/alerts/nowcast/en/…`. */
function linkLanguage(url: string): string | undefined {
  return /\/nowcast\/(id|en)\//i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
}

/** An HTML page where the feed should be: say so plainly instead of reporting a DTD or a parse error. */
function looksLikeHtml(input: string | Uint8Array): boolean {
  const head = typeof input === 'string' ? input.slice(0, 1024) : String.fromCharCode(...input.subarray(0, 1024));
  return /^(?:\uFEFF|\u00EF\u00BB\u00BF)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html\b|html\b)/i.test(head);
}

function refuse(...messages: string[]): NowcastIndex {
  return { refused: true, items: [], issues: messages.map((message) => ({ path: 'document', message })) };
}
