// Backfill for analysts: archived payloads replayed through a feed's own parse-and-store path, in
// time order. The job runs exactly as scheduled, except that its fetch of the source "URL" returns
// the archived bytes (and anything it links to is not fetched live: an archive stands alone), and
// its log rows are marked backfill. Idempotent: feed items and the CAP engine's identity rules make
// a second replay change nothing. History is not news: what a backfill stores is not sent to
// residents unless the caller asked for delivery (then only what still stands goes out).
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FeedDeps, FeedJob, FeedRunSummary, FetchFeed } from './feed-job.ts';
import { emptySummary } from './feed-job.ts';

export interface BackfillSource {
  /** A file path or URL: what the log rows name. */
  name: string;
  /** The file's modification time (archives keep the fetch time there); null for URLs. */
  time: Date | null;
  read(): Promise<Uint8Array>;
}

export class BackfillInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackfillInputError';
  }
}

/**
 * A folder: its files, oldest first by modification time, within [since, until]. A file: a list of
 * http(s) URLs, one per line (`#` comments), replayed in the order listed.
 */
export async function listBackfillSources(
  from: string,
  window: { since?: Date; until?: Date },
  fetch: FetchFeed,
): Promise<BackfillSource[]> {
  const info = await stat(from).catch(() => undefined);
  if (!info) throw new BackfillInputError(`${from}: no such folder or file`);
  if (info.isDirectory()) {
    const names = (await readdir(from, { withFileTypes: true }))
      .filter((d) => d.isFile() && !d.name.startsWith('.'))
      .map((d) => path.join(from, d.name));
    const files = await Promise.all(names.map(async (name) => ({ name, time: (await stat(name)).mtime })));
    return files
      .filter((f) => (!window.since || f.time >= window.since) && (!window.until || f.time <= window.until))
      .sort((a, b) => a.time.getTime() - b.time.getTime() || a.name.localeCompare(b.name))
      .map((f) => ({ ...f, read: async () => new Uint8Array(await readFile(f.name)) }));
  }
  const lines = (await readFile(from, 'utf8')).split(/\r?\n/).map((l) => l.trim());
  const urls = lines.filter((l) => l !== '' && !l.startsWith('#'));
  const bad = urls.findIndex((u) => !/^https?:\/\/\S+$/.test(u));
  if (bad >= 0) throw new BackfillInputError(`${from}, line ${lines.indexOf(urls[bad] ?? '') + 1}: "${urls[bad]}" is not an http(s) URL`);
  return urls.map((url) => ({
    name: url,
    time: null,
    read: async () => {
      const r = await fetch({ url, expect: 'any' });
      if (r.kind !== 'ok') throw new BackfillInputError(`${url}: answered 304 to an unconditional request`);
      return r.bytes;
    },
  }));
}

export async function backfillFeed(
  job: FeedJob,
  deps: FeedDeps,
  sources: readonly BackfillSource[],
  onProgress: (done: number) => void = () => undefined,
): Promise<FeedRunSummary> {
  const total = emptySummary();
  for (const [i, source] of sources.entries()) {
    let bytes: Uint8Array | undefined;
    let readError: unknown;
    try {
      bytes = await source.read();
    } catch (err) {
      readError = err;
    }
    const archived: FetchFeed = async (req) => {
      if (req.url !== source.name)
        throw Object.assign(new Error(`${req.url}: not fetched during a backfill (only archived payloads are replayed)`), {
          errorClass: 'backfill_skipped',
        });
      if (!bytes)
        throw Object.assign(new Error(`${source.name}: ${readError instanceof Error ? readError.message : String(readError)}`), {
          errorClass: 'unreadable',
        });
      return { kind: 'ok', status: 200, bytes, attempts: 1 };
    };
    const ingestCap: FeedDeps['ingestCap'] = (doc) => deps.ingestCap({ intake: `backfill:${job.name}`, ...doc });
    const s = await job.run({ ...deps, fetch: archived, ingestCap }, { slot: 'backfill', urlOverride: source.name });
    for (const k of Object.keys(total) as (keyof FeedRunSummary)[]) total[k] += s[k];
    onProgress(i + 1);
  }
  return total;
}
