// The shape every feed job in jobs/ has, and what it is given to run. A job reads top to bottom:
// fetch → log → parse → store idempotently → hand new hazards on.
import type { CapSource } from '../alerts/ingest-cap-document.ts';
import type { IngestResult } from '../alerts/ingest-result.ts';
import type { BudgetPriority } from '../adapters/rate-budget.ts';
import type { CapSigner } from '../cap/sign-cap.ts';
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';

export interface FetchRequest {
  url: string;
  etag?: string;
  lastModified?: string;
  expect: 'xml' | 'json' | 'any';
  /** Its place in the shared BMKG budget; runFeed sets the job's. */
  priority?: BudgetPriority;
}

export type FetchResponse =
  | { kind: 'ok'; status: number; bytes: Uint8Array; contentType?: string; etag?: string; lastModified?: string; attempts: number }
  | { kind: 'not_modified'; status: 304; etag?: string; lastModified?: string; attempts: number };

/** Fetches one URL within the shared BMKG rate budget, retrying what is worth retrying; throws a FeedFetchError. */
export type FetchFeed = (req: FetchRequest) => Promise<FetchResponse>;

/**
 * Hands a CAP document (BMKG's own, or one Siaga derived) to the CAP engine, which records its
 * hand-off to delivery with it; `intake` names the path (runFeed sets `feed:<name>`).
 */
export type IngestCap = (doc: CapSource & { intake?: string }) => Promise<IngestResult>;

export interface FeedDeps {
  db: Db;
  fetch: FetchFeed;
  ingestCap: IngestCap;
  logger: Logger;
  now: () => Date;
  /** `sender` of the CAP messages Siaga issues itself (derived hazards). */
  sender: string;
  /** Signs the messages Siaga issues, when a key is configured. */
  signCap?: CapSigner;
  /** How long the raw bytes of invalid payloads are kept. */
  payloadRetentionDays: number;
  /**
   * Wakes delivery in this process once the run is over. The hand-off of every stored message is
   * recorded with it in the database, so a process without delivery (`feeds run`, a scheduler)
   * leaves its messages to whichever delivery runtime runs next.
   */
  handOn?: (alertIds: number[]) => Promise<void>;
}

export interface FeedRunContext {
  /** Scheduler slot (`feed@2026-11-28T10:05`), `manual`, or `backfill`. */
  slot: string;
  /** Fetch this URL instead of the configured ones (`siaga feeds run FEED --url`). */
  urlOverride?: string;
}

export interface FeedRunSummary {
  fetches: number;
  errors: number;
  itemsSeen: number;
  itemsNew: number;
  itemsUpdated: number;
  itemsInvalid: number;
}

export interface FeedJob {
  name: string;
  description: string;
  /** node-cron expression: when the scheduler enqueues a run. */
  schedule: string;
  /** How often a successful fetch is expected; a feed is `late` after two of these without one. */
  cadenceMs: number;
  /** The configured source URLs (templates for per-item feeds), as listed by `siaga feeds list`. */
  urls: string[];
  /** `urgent` (quake and tsunami feeds) may use the budget's reserve; default routine. */
  budgetPriority?: BudgetPriority;
  run(deps: FeedDeps, ctx: FeedRunContext): Promise<FeedRunSummary>;
}

export function emptySummary(): FeedRunSummary {
  return { fetches: 0, errors: 0, itemsSeen: 0, itemsNew: 0, itemsUpdated: 0, itemsInvalid: 0 };
}
