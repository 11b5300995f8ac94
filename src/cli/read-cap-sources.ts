// What `siaga cap validate` and `siaga cap ingest` read from one source: a CAP document, or, when
// the source is an Atom or RSS feed, the CAP document of each of its entries — the alert it embeds,
// or the one its link names, fetched with the same limits as any CAP source. A feed's relative
// links resolve against the feed: its URL, or the folder of a local feed file.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DocumentSourceError } from '../adapters/document-source-error.ts';
import { readDocumentSource, type DocumentSourceOptions } from '../adapters/read-document-source.ts';
import type { CapIssues } from '../cap/cap-types.ts';
import { splitCapFeed, type CapFeedPart } from '../cap/split-cap-feed.ts';

export interface CapDocumentRead {
  /** How the document is named in the output: the source, or the feed and the entry's number. */
  file: string;
  bytes?: Uint8Array | string;
  /** Why nothing could be read (the file, the URL, or the entry's link): the reason and the message. */
  failure?: { reason: string; message: string };
  /** For a feed entry: which entry, and its issues as a feed entry (no CAP in it, a bad link…). */
  feedEntry?: { feed: string; kind: 'atom' | 'rss'; entry: number; id: string | null; link: string | null; issues: CapIssues };
}

export interface CapSourceRead {
  source: string;
  /** Set when the source is a feed: its kind, and the issues of the feed itself, outside any entry. */
  feed?: { kind: 'atom' | 'rss'; entries: number; issues: CapIssues };
  documents: CapDocumentRead[];
}

export async function readCapSource(
  source: string,
  limits: DocumentSourceOptions,
  onFetch?: (url: string) => void,
): Promise<CapSourceRead> {
  const first = await readOne(source, source, limits, onFetch);
  const feed = first.bytes === undefined ? undefined : splitCapFeed(first.bytes, { maxBytes: limits.maxBytes });
  if (feed === undefined) return { source, documents: [first] };
  const documents: CapDocumentRead[] = [];
  // One at a time: a feed of many linked entries must not open as many connections to its server.
  for (const part of feed.parts) documents.push(await readEntry(source, feed.kind, part, limits, onFetch));
  return { source, feed: { kind: feed.kind, entries: feed.parts.length, issues: feed.issues }, documents };
}

async function readEntry(
  source: string,
  kind: 'atom' | 'rss',
  part: CapFeedPart,
  limits: DocumentSourceOptions,
  onFetch?: (url: string) => void,
): Promise<CapDocumentRead> {
  const link = part.link === undefined ? undefined : resolveLink(source, part.link);
  const feedEntry = { feed: source, kind, entry: part.index + 1, id: part.entry.id ?? null, link: link ?? null, issues: part.issues };
  const file = `${source} entry ${part.index + 1}${part.entry.id === undefined ? '' : ` (${part.entry.id})`}`;
  if (part.embeddedXml !== undefined) return { file, bytes: part.embeddedXml, feedEntry };
  if (part.link !== undefined && link === undefined)
    return { file, feedEntry, failure: { reason: 'unreadable', message: `the link "${part.link}" cannot be resolved to a URL or file` } };
  if (link === undefined) return { file, feedEntry };
  const read = await readOne(link, link, limits, onFetch);
  return { ...read, file, feedEntry };
}

async function readOne(
  source: string,
  file: string,
  limits: DocumentSourceOptions,
  onFetch?: (url: string) => void,
): Promise<CapDocumentRead> {
  try {
    if (/^https?:/i.test(source)) onFetch?.(source);
    return { file, bytes: await readDocumentSource(source, limits) };
  } catch (err) {
    if (!(err instanceof DocumentSourceError)) throw err;
    return { file, failure: { reason: err.reason, message: err.message } };
  }
}

/** The entry's link made absolute: against the feed's URL, or as a path beside the local feed file. */
function resolveLink(feedSource: string, link: string): string | undefined {
  try {
    if (/^https?:/i.test(feedSource)) return new URL(link, feedSource).href;
    if (/^[A-Za-z][A-Za-z0-9+.-]+:/.test(link)) return link;
    return path.relative(process.cwd(), fileURLToPath(new URL(link, pathToFileURL(path.resolve(feedSource)))));
  } catch {
    return undefined;
  }
}
