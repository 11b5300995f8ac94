// Fetches one BMKG feed URL: inside the shared rate budget (every attempt, retries included, takes
// a slot), conditional on the last validators, retrying only what may succeed in a moment, and
// refusing bodies that are not the feed (a maintenance page, too large, empty, broken JSON) with a
// message a BMKG liaison can act on. Bytes are returned undecoded: the parsers honour the encoding
// the document declares.
import { setTimeout as delay } from 'node:timers/promises';
import { bodySnippet, checkFeedBody } from './check-feed-body.ts';
import { describeBytes, describeDuration } from './describe-amount.ts';
import { FeedFetchError, type FeedFetchFacts } from './feed-fetch-error.ts';
import { httpGetBytes, type HttpGetOptions, type HttpGetResponse } from './http-get-bytes.ts';
import { HttpGetError } from './http-get-error.ts';
import type { BudgetPriority, RateBudget } from './rate-budget.ts';

export interface FeedFetcherDeps {
  /** Sent on every request: some BMKG hosts answer 403 to clients without a browser-like one. */
  userAgent: string;
  /** Deadline of one attempt, from connecting to the last byte of the body (milliseconds). */
  timeoutMs: number;
  /** Largest accepted body (FEED_MAX_BYTES), counted after decompression; a request may lower or raise it. */
  maxBytes: number;
  /** `max` retries after the first attempt; waits are full-jitter exponential backoff. */
  retries: { max: number; baseDelayMs: number; maxDelayMs: number };
  budget: RateBudget;
  /** Longest Retry-After waited for within one fetch (default 5 minutes); a longer one ends the fetch. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Wall clock in milliseconds (Retry-After may be an HTTP date). */
  now?: () => number;
}

export interface FeedRequest {
  url: string;
  /** Validators of the last successful fetch, sent as If-None-Match / If-Modified-Since. */
  etag?: string;
  lastModified?: string;
  expect: 'xml' | 'json' | 'any';
  maxBytes?: number;
  /** Its place in the shared budget (default routine; quake and tsunami polls are urgent). */
  priority?: BudgetPriority;
}

export type FeedResponse =
  // durationMs: from the call to the answer, budget waits and backoff included.
  | {
      kind: 'ok';
      status: number;
      bytes: Uint8Array;
      contentType?: string;
      etag?: string;
      lastModified?: string;
      attempts: number;
      durationMs: number;
    }
  | { kind: 'not_modified'; status: 304; etag?: string; lastModified?: string; attempts: number; durationMs: number };

export type FetchFeedFn = (req: FeedRequest) => Promise<FeedResponse>;

const ACCEPT: Record<FeedRequest['expect'], string> = {
  xml: 'application/cap+xml, application/rss+xml, application/xml, text/xml;q=0.9, */*;q=0.1',
  json: 'application/json, */*;q=0.1',
  any: '*/*',
};
const DEFAULT_MAX_RETRY_AFTER_MS = 5 * 60_000;

/** What one attempt came to: a result, or a failure that a retry may or may not cure. */
type Attempt = { done: FeedResponse } | { failed: FeedFetchError; retry: boolean; waitAtLeastMs?: number };

export function createFeedFetcher(deps: FeedFetcherDeps): FetchFeedFn {
  const sleep = deps.sleep ?? ((ms: number) => delay(ms));
  const random = deps.random ?? Math.random;
  const now = deps.now ?? Date.now;
  const maxRetryAfterMs = deps.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;

  return async function fetchFeed(req: FeedRequest): Promise<FeedResponse> {
    const started = now();
    const maxBytes = req.maxBytes ?? deps.maxBytes;
    const headers: Record<string, string> = { 'User-Agent': deps.userAgent, Accept: ACCEPT[req.expect] };
    if (req.etag) headers['If-None-Match'] = req.etag;
    if (req.lastModified) headers['If-Modified-Since'] = req.lastModified;

    for (let attempts = 1; ; attempts += 1) {
      await deps.budget.acquire(req.priority);
      const outcome = await attemptOnce({
        req,
        get: { timeoutMs: deps.timeoutMs, maxBytes, headers },
        attempts,
        started,
        now,
        maxRetryAfterMs,
      });
      if ('done' in outcome) return outcome.done;
      if (!outcome.retry || attempts > deps.retries.max) throw outcome.failed;
      // Full jitter: clients that failed together do not come back together.
      const backoff = random() * Math.min(deps.retries.maxDelayMs, deps.retries.baseDelayMs * 2 ** (attempts - 1));
      await sleep(Math.max(backoff, outcome.waitAtLeastMs ?? 0));
    }
  };
}

interface AttemptContext {
  req: FeedRequest;
  get: HttpGetOptions;
  /** Number of this attempt, from 1. */
  attempts: number;
  /** now() when the fetch began: durations include budget waits and backoff. */
  started: number;
  now: () => number;
  maxRetryAfterMs: number;
}

async function attemptOnce(ctx: AttemptContext): Promise<Attempt> {
  const { req, attempts, now, maxRetryAfterMs } = ctx;
  const { url } = req;
  const elapsed = () => now() - ctx.started;
  let response: HttpGetResponse;
  try {
    response = await httpGetBytes(url, ctx.get);
  } catch (err) {
    if (!(err instanceof HttpGetError)) throw err;
    return transportFailure(req, err, attempts, ctx.get.maxBytes);
  }
  const { status } = response;
  const facts = { status, attempts, bodySnippet: bodySnippet(response.bytes) };
  if (status === 304) {
    // The validators sent still hold when the server does not repeat them.
    const etag = response.header('etag') ?? req.etag;
    const lastModified = response.header('last-modified') ?? req.lastModified;
    return { done: { kind: 'not_modified', status: 304, etag, lastModified, attempts, durationMs: elapsed() } };
  }
  if (status === 429 || status >= 500) {
    const errorClass = status >= 500 ? 'http_5xx' : 'http_4xx';
    const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(response.header('retry-after'), now()) : undefined;
    if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) {
      const why = `the server asks to wait ${describeDuration(retryAfterMs)} (Retry-After), longer than one fetch waits (${describeDuration(maxRetryAfterMs)}); a later run will try again`;
      return {
        failed: new FeedFetchError(`${url}: ${statusLine(response)}; ${why}`, { ...facts, errorClass, retryable: true }),
        retry: false,
      };
    }
    const message = `${url}: ${statusLine(response)}${STATUS_HINTS[status] ?? (status >= 500 ? " (a problem on the server's side)" : '')}${afterAttempts(attempts)}`;
    return { failed: new FeedFetchError(message, { ...facts, errorClass, retryable: true }), retry: true, waitAtLeastMs: retryAfterMs };
  }
  if (status < 200 || status > 299) {
    // Other 4xx are final: asking again gets the same answer. (A 3xx axios could not follow, with no
    // Location, lands here too.)
    const message = `${url}: ${statusLine(response)}${STATUS_HINTS[status] ?? ''}`;
    return { failed: new FeedFetchError(message, { ...facts, errorClass: 'http_4xx', retryable: false }), retry: false };
  }
  if (response.coding !== 'identity') {
    const message = `${url}: the server compressed the body with "${response.coding}", which Siaga cannot decode`;
    return { failed: new FeedFetchError(message, { status, attempts, errorClass: 'encoding', retryable: false }), retry: false };
  }
  const contentType = response.header('content-type');
  const problem = checkFeedBody(response.bytes, contentType, req.expect);
  if (problem) {
    const failed = new FeedFetchError(`${url}: ${problem.message} (HTTP ${status}${contentType ? `, ${contentType}` : ''})`, {
      ...facts,
      errorClass: problem.errorClass,
      retryable: problem.retryable,
    });
    return { failed, retry: false };
  }
  return {
    done: {
      kind: 'ok',
      status,
      bytes: response.bytes,
      contentType,
      etag: response.header('etag'),
      lastModified: response.header('last-modified'),
      attempts,
      durationMs: elapsed(),
    },
  };
}

// What each status usually means at BMKG, in words a liaison can act on.
const STATUS_HINTS: Record<number, string> = {
  403: ' (BMKG refuses clients without a browser-like User-Agent; check HTTP_USER_AGENT)',
  404: ' (nothing at this address: BMKG may have moved or removed it, or does not know this code)',
  410: ' (BMKG removed this document)',
  429: ' (too many requests: BMKG allows 60 a minute per IP across all its hosts; is another program on this IP using them too?)',
};

function statusLine(response: HttpGetResponse): string {
  return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
}

function afterAttempts(attempts: number): string {
  return attempts > 1 ? `, after ${attempts} attempts` : '';
}

function transportFailure(req: FeedRequest, err: HttpGetError, attempts: number, maxBytes: number): Attempt {
  const fail = (message: string, facts: Omit<FeedFetchFacts, 'attempts'>, retry: boolean): Attempt => ({
    failed: new FeedFetchError(`${req.url}: ${message}${retry ? afterAttempts(attempts) : ''}`, { ...facts, attempts }, { cause: err }),
    retry,
  });
  switch (err.failure) {
    case 'timeout':
      return fail(`${err.message} (HTTP_TIMEOUT_MS)`, { errorClass: 'timeout', retryable: true }, true);
    case 'too_large': {
      const setting = req.maxBytes === undefined ? 'FEED_MAX_BYTES' : 'the limit for this feed';
      return fail(
        `larger than the ${describeBytes(maxBytes)} limit (${setting}); it was not read`,
        { errorClass: 'too_large', retryable: false },
        false,
      );
    }
    // Asking again cannot help: a wrong address, a redirect loop, a certificate we refuse.
    case 'bad_url':
    case 'redirects':
    case 'tls':
      return fail(err.message, { errorClass: 'network', retryable: false }, false);
    default:
      return fail(err.message, { errorClass: 'network', retryable: true }, true);
  }
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
