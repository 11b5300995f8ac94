// One fetch of one feed URL, from request to ingestion-log row. Conditional GET validators come
// from the last successful fetch; a 304 or a body identical to the last one ends here, logged. A
// body to parse is handed back, and the job reports what it made of it with finish() or fail():
// the log row is written then, and the validators are stored only after the body was handled, so
// a crash half-way means the next tick fetches and handles it again.
import { createHash } from 'node:crypto';
import { insertFetch, keepPayload, type FetchAlarm } from '../db/feed-log.ts';
import type { FetchOutcome } from '../db/fetch-outcomes.ts';
import { getUrlState, setUrlState } from '../db/feed-state.ts';
import type { FeedDeps, FeedRunContext, FeedRunSummary } from './feed-job.ts';

export interface ItemCounts {
  seen: number;
  new: number;
  updated: number;
  invalid: number;
}

export interface InvalidPayload {
  item: string;
  problems: { path: string; message: string }[];
  bytes: Uint8Array;
  contentType?: string;
}

export interface OpenedFetch {
  /** Set when there is a new body to parse; otherwise the fetch is already logged. */
  body?: { bytes: Uint8Array; contentType?: string };
  /** Set when the fetch failed (already logged): e.g. a 404 that the job records as an unknown item. */
  error?: { errorClass: string; status?: number };
  /** Logs what the body gave; `alarms` are the contradictory times found in it (an outcome `new` with alarms is not just new). */
  finish(counts: ItemCounts, invalid?: InvalidPayload[], alarms?: readonly FetchAlarm[]): Promise<void>;
  fail(errorClass: string, message: string, invalid?: InvalidPayload[]): Promise<void>;
}

/** What a fetch error carries (FeedFetchError from the HTTP adapter, or anything else thrown). */
interface ErrorFacts {
  errorClass?: string;
  status?: number;
  attempts?: number;
  message: string;
}

export async function openFetch(
  deps: FeedDeps,
  ctx: FeedRunContext,
  summary: FeedRunSummary,
  feed: string,
  url: string,
  expect: 'xml' | 'json' | 'any',
  options: { conditional?: boolean } = {},
): Promise<OpenedFetch> {
  const started = deps.now();
  const t0 = performance.now();
  const backfill = ctx.slot === 'backfill';
  const base = { feed, url, slot: ctx.slot, backfill, startedAt: started };
  const log = async (outcome: FetchOutcome, extra: Partial<Parameters<typeof insertFetch>[1]>, invalid: InvalidPayload[] = []) => {
    summary.fetches += 1;
    if (outcome === 'error') summary.errors += 1;
    const id = await insertFetch(deps.db, {
      ...base,
      durationMs: performance.now() - t0,
      attempts: 1,
      httpStatus: null,
      bytes: null,
      etag: null,
      lastModified: null,
      itemsSeen: 0,
      itemsNew: 0,
      itemsUpdated: 0,
      itemsInvalid: 0,
      errorClass: null,
      errorMessage: null,
      ...extra,
      outcome,
    });
    for (const p of invalid) {
      await keepPayload(deps.db, id, {
        item: p.item,
        problems: p.problems,
        contentType: p.contentType ?? null,
        body: p.bytes,
        retentionDays: deps.payloadRetentionDays,
      });
    }
    return id;
  };
  const done: OpenedFetch = { finish: async () => undefined, fail: async () => undefined };

  const state = options.conditional === false ? undefined : await getUrlState(deps.db, feed, url);
  let response;
  try {
    response = await deps.fetch({ url, expect, etag: state?.etag ?? undefined, lastModified: state?.last_modified ?? undefined });
  } catch (err) {
    const e = errorFacts(err);
    deps.logger.warn({ url, errorClass: e.errorClass, status: e.status }, e.message);
    await log('error', {
      httpStatus: e.status ?? null,
      attempts: e.attempts ?? 1,
      errorClass: e.errorClass ?? 'internal',
      errorMessage: e.message,
    });
    return { ...done, error: { errorClass: e.errorClass ?? 'internal', status: e.status } };
  }
  const validators = {
    etag: response.etag ?? null,
    lastModified: response.lastModified ?? null,
    attempts: response.attempts,
    httpStatus: response.status,
  };
  if (response.kind === 'not_modified') {
    await log('not_modified', validators);
    return done;
  }
  const sha = createHash('sha256').update(response.bytes).digest('hex');
  const fetched = { ...validators, bytes: response.bytes.byteLength };
  if (state?.body_sha256 === sha && !backfill) {
    await log('unchanged', fetched);
    return done;
  }
  const saveState = () =>
    setUrlState(deps.db, feed, url, { etag: validators.etag, last_modified: validators.lastModified, body_sha256: sha });
  return {
    body: { bytes: response.bytes, contentType: response.contentType },
    async finish(counts, invalid = [], alarms = []) {
      summary.itemsSeen += counts.seen;
      summary.itemsNew += counts.new;
      summary.itemsUpdated += counts.updated;
      summary.itemsInvalid += counts.invalid;
      const outcome: FetchOutcome = counts.new > 0 ? 'new' : counts.updated > 0 ? 'changed' : 'unchanged';
      for (const a of alarms) deps.logger.warn({ url, item: a.item, path: a.path, kind: a.kind }, `contradictory times: ${a.message}`);
      await log(
        outcome,
        {
          ...fetched,
          itemsSeen: counts.seen,
          itemsNew: counts.new,
          itemsUpdated: counts.updated,
          itemsInvalid: counts.invalid,
          timeAlarms: alarms,
        },
        invalid,
      );
      if (!backfill) await saveState();
    },
    async fail(errorClass, message, invalid = []) {
      summary.itemsInvalid += invalid.length;
      deps.logger.warn({ url, errorClass }, message);
      await log('error', { ...fetched, errorClass, errorMessage: message, itemsInvalid: invalid.length }, invalid);
    },
  };
}

function errorFacts(err: unknown): ErrorFacts {
  if (err instanceof Error) {
    const e = err as Error & { errorClass?: unknown; status?: unknown; attempts?: unknown };
    return {
      message: e.message,
      errorClass: typeof e.errorClass === 'string' ? e.errorClass : 'internal',
      status: typeof e.status === 'number' ? e.status : undefined,
      attempts: typeof e.attempts === 'number' ? e.attempts : undefined,
    };
  }
  return { message: String(err), errorClass: 'internal' };
}
