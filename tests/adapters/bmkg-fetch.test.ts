// createFeedFetcher against a local HTTP server playing BMKG's hosts and their failures: what is
// retried and what is final, conditional GET, limits enforced while reading, bodies that are not
// the feed, and the rate budget taken before every attempt. Backoff waits go through an injected
// sleep that records them, so the tests check the waits without sitting through them.
import type { RequestListener } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFeedFetcher, type FeedFetcherDeps, type FeedRequest } from '../../src/adapters/bmkg-fetch.ts';
import { FeedFetchError } from '../../src/adapters/feed-fetch-error.ts';
import { createLocalRateBudget } from '../../src/adapters/local-rate-budget.ts';
import type { RateBudget } from '../../src/adapters/rate-budget.ts';
import { inTurn, startTestServer, streamBytes, type StreamTally, type TestServer } from '../support/http-test-server.ts';

const UA = 'Mozilla/5.0 (compatible; SiagaTest/1.0; +https://siaga.test)';
const XML = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Peringatan Dini Cuaca</title></channel></rss>',
);
const JSON_BODY = Buffer.from(
  '{"Infogempa":{"gempa":{"Magnitude":"5.1","Wilayah":"Pusat gempa berada di laut 25 km BaratDaya Kab. Sumedang"}}}',
);
const HTML =
  '<!DOCTYPE html>\n<html><head><title>Sedang Pemeliharaan</title></head><body>Situs BMKG sedang dalam pemeliharaan.</body></html>';
// "Peñasco" in ISO-8859-1: 0xF1 is not valid UTF-8.
const LATIN1_XML = Buffer.concat([
  Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><alert>Pe'),
  Buffer.from([0xf1]),
  Buffer.from('asco</alert>'),
]);
const LATIN1_JSON = Buffer.concat([Buffer.from('{"wilayah":"Pe'), Buffer.from([0xf1]), Buffer.from('asco"}')]);
const HUGE = 60 * 1024 * 1024;

/** A fetcher whose waits are recorded instead of slept, and whose budget counts what it hands out. */
function harness(overrides: Partial<FeedFetcherDeps> = {}) {
  const waits: number[] = [];
  const slots = { taken: 0 };
  const budget: RateBudget = {
    acquire: async () => void (slots.taken += 1),
  };
  const fetchFeed = createFeedFetcher({
    userAgent: UA,
    timeoutMs: 300,
    maxBytes: 1024 * 1024,
    retries: { max: 2, baseDelayMs: 100, maxDelayMs: 150 },
    budget,
    sleep: async (ms) => void waits.push(ms),
    random: () => 1,
    ...overrides,
  });
  return { fetchFeed, waits, slots };
}

async function failure(promise: Promise<unknown>): Promise<FeedFetchError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof FeedFetchError)) throw new Error(`expected a FeedFetchError, got ${String(err)}`);
  return err;
}

const send =
  (status: number, body: string | Buffer, headers: Record<string, string> = {}): RequestListener =>
  (_req, res) =>
    res.writeHead(status, headers).end(body);

describe('createFeedFetcher', () => {
  let server: TestServer;
  const huge: StreamTally = { sent: 0, completed: false, closed: false };
  const hits = (path: string) => server.requests.filter((r) => r.path === path).length;
  const url = (path: string) => server.url(path);
  const req = (path: string, expect: FeedRequest['expect'] = 'xml', extra: Partial<FeedRequest> = {}): FeedRequest => ({
    url: url(path),
    expect,
    ...extra,
  });

  beforeAll(async () => {
    server = await startTestServer({
      '/rss.xml': send(200, XML, {
        'Content-Type': 'application/rss+xml',
        ETag: '"rss-1"',
        'Last-Modified': 'Sat, 28 Nov 2026 10:00:00 GMT',
      }),
      '/autogempa.json': (req, res) => {
        if (req.headers['if-none-match'] === '"g-1"') return res.writeHead(304, { ETag: '"g-1"' }).end();
        res
          .writeHead(200, { 'Content-Type': 'application/json', ETag: '"g-1"', 'Last-Modified': 'Sat, 28 Nov 2026 09:00:00 GMT' })
          .end(JSON_BODY);
      },
      '/flaky.xml': inTurn(send(500, 'Internal Server Error'), send(200, XML, { 'Content-Type': 'application/xml' })),
      '/always-503.xml': send(503, 'Service Unavailable', { 'Content-Type': 'text/plain' }),
      '/forbidden.xml': send(403, '<html><body>Access denied</body></html>', { 'Content-Type': 'text/html' }),
      '/gone.json': send(404, '{"message":"Data tidak ditemukan"}', { 'Content-Type': 'application/json' }),
      '/no-answer.xml': () => undefined,
      '/stalled-body.xml': (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/xml' });
        res.write('<?xml version="1.0"?><alert');
      },
      // Promises 1,000 bytes, sends 100, then hangs up: the transfer broke, so it is worth retrying.
      '/truncated-once.xml': inTurn(
        (_req, res) => {
          res.writeHead(200, { 'Content-Type': 'application/xml', 'Content-Length': '1000' });
          res.write(Buffer.alloc(100, 'x'), () => res.socket?.destroy());
        },
        send(200, XML, { 'Content-Type': 'application/xml' }),
      ),
      '/truncated.xml': (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/xml', 'Content-Length': '1000' });
        res.write(Buffer.alloc(100, 'x'), () => res.socket?.destroy());
      },
      '/huge.json': streamBytes(HUGE, huge, { 'Content-Type': 'application/json' }),
      '/maintenance.xml': send(200, HTML, { 'Content-Type': 'text/html; charset=utf-8' }),
      '/html-labelled-xml.xml': send(200, `\ufeff  <!-- proxy --><html><body>Bad gateway</body></html>`, {
        'Content-Type': 'application/xml',
      }),
      // Misconfigured servers label real XML text/html; a document declaring itself XML is kept.
      '/xml-labelled-html.xml': send(200, XML, { 'Content-Type': 'text/html' }),
      '/latin1.xml': send(200, LATIN1_XML, { 'Content-Type': 'text/xml; charset=utf-8' }),
      '/plain.json': send(200, 'Service temporarily unavailable, please retry', { 'Content-Type': 'text/plain' }),
      '/maintenance.json': send(200, HTML, { 'Content-Type': 'text/html' }),
      '/json-labelled-html.json': send(200, JSON_BODY, { 'Content-Type': 'text/html' }),
      '/latin1.json': send(200, LATIN1_JSON, { 'Content-Type': 'application/json' }),
      '/empty.xml': send(200, ''),
      '/busy-then-ok.json': inTurn(
        send(429, 'slow down', { 'Retry-After': '1' }),
        send(200, JSON_BODY, { 'Content-Type': 'application/json' }),
      ),
      '/busy-date.json': inTurn(
        send(503, 'maintenance', { 'Retry-After': 'Sat, 28 Nov 2026 10:00:02 GMT' }),
        send(200, JSON_BODY, { 'Content-Type': 'application/json' }),
      ),
      '/busy-for-an-hour.json': send(429, 'slow down', { 'Retry-After': '3600' }),
    });
  });
  afterAll(() => server.close());

  it('returns the body undecoded with its validators, and sends our User-Agent, Accept and codings', async () => {
    const { fetchFeed, slots } = harness();
    const res = await fetchFeed(req('/rss.xml'));
    expect(res).toMatchObject({
      kind: 'ok',
      status: 200,
      contentType: 'application/rss+xml',
      etag: '"rss-1"',
      lastModified: 'Sat, 28 Nov 2026 10:00:00 GMT',
      attempts: 1,
    });
    if (res.kind !== 'ok') throw new Error('unreachable');
    expect(Buffer.from(res.bytes).equals(XML)).toBe(true);
    expect(res.durationMs).toBeGreaterThanOrEqual(0);
    expect(slots.taken).toBe(1);
    const sent = server.requests.find((r) => r.path === '/rss.xml')?.headers;
    expect(sent?.['user-agent']).toBe(UA);
    expect(sent?.accept).toMatch(/^application\/cap\+xml, application\/rss\+xml, application\/xml/);
    expect(sent?.['accept-encoding']).toBe('gzip, deflate, br');
    expect(sent?.['if-none-match']).toBeUndefined();

    const latin1 = await fetchFeed(req('/latin1.xml'));
    if (latin1.kind !== 'ok') throw new Error('expected a body');
    expect(Buffer.from(latin1.bytes).equals(LATIN1_XML)).toBe(true);
  });

  it('sends If-None-Match and If-Modified-Since, and reports a 304 as not_modified', async () => {
    const { fetchFeed } = harness();
    const first = await fetchFeed(req('/autogempa.json', 'json'));
    expect(first).toMatchObject({ kind: 'ok', etag: '"g-1"', lastModified: 'Sat, 28 Nov 2026 09:00:00 GMT' });
    const second = await fetchFeed(req('/autogempa.json', 'json', { etag: first.etag, lastModified: first.lastModified }));
    expect(second).toMatchObject({
      kind: 'not_modified',
      status: 304,
      etag: '"g-1"',
      lastModified: 'Sat, 28 Nov 2026 09:00:00 GMT',
      attempts: 1,
    });
    const sent = server.requests.filter((r) => r.path === '/autogempa.json').at(-1)?.headers;
    expect(sent?.['if-none-match']).toBe('"g-1"');
    expect(sent?.['if-modified-since']).toBe('Sat, 28 Nov 2026 09:00:00 GMT');
    expect(sent?.accept).toBe('application/json, */*;q=0.1');
  });

  it('retries a 500 and succeeds on the second attempt, taking a budget slot for each', async () => {
    const { fetchFeed, waits, slots } = harness({ random: () => 0.5 });
    const res = await fetchFeed(req('/flaky.xml'));
    expect(res).toMatchObject({ kind: 'ok', status: 200, attempts: 2 });
    expect(hits('/flaky.xml')).toBe(2);
    expect(slots.taken).toBe(2);
    // full jitter: random() × min(maxDelay, base × 2^0)
    expect(waits).toEqual([50]);
  });

  it('gives up on a lasting 5xx after the retries, with exponential capped backoff, as retryable', async () => {
    const { fetchFeed, waits, slots } = harness();
    const err = await failure(fetchFeed(req('/always-503.xml')));
    expect(err).toMatchObject({ errorClass: 'http_5xx', status: 503, attempts: 3, retryable: true, bodySnippet: 'Service Unavailable' });
    expect(err.message).toBe(`${url('/always-503.xml')}: HTTP 503 Service Unavailable (a problem on the server's side), after 3 attempts`);
    expect(waits).toEqual([100, 150]);
    expect(slots.taken).toBe(3);
  });

  it('does not retry a 403 or a 404, and says what a 403 usually means at BMKG', async () => {
    const { fetchFeed, waits } = harness();
    const before = hits('/forbidden.xml');
    const err = await failure(fetchFeed(req('/forbidden.xml')));
    expect(err).toMatchObject({
      errorClass: 'http_4xx',
      status: 403,
      attempts: 1,
      retryable: false,
      bodySnippet: '<html><body>Access denied</body></html>',
    });
    expect(err.message).toBe(
      `${url('/forbidden.xml')}: HTTP 403 Forbidden (BMKG refuses clients without a browser-like User-Agent; check HTTP_USER_AGENT)`,
    );
    expect(hits('/forbidden.xml') - before).toBe(1);
    const gone = await failure(fetchFeed(req('/gone.json', 'json')));
    expect(gone).toMatchObject({ errorClass: 'http_4xx', status: 404, attempts: 1, retryable: false });
    expect(gone.message).toMatch(/: HTTP 404 Not Found \(nothing at this address/);
    expect(waits).toEqual([]);
  });

  it('times out a server that never answers, and one that stalls mid-body, after the retries', async () => {
    for (const path of ['/no-answer.xml', '/stalled-body.xml']) {
      const { fetchFeed, waits } = harness();
      const started = performance.now();
      const err = await failure(fetchFeed(req(path)));
      expect(err).toMatchObject({ errorClass: 'timeout', attempts: 3, retryable: true, status: undefined });
      expect(err.message).toBe(`${url(path)}: timed out after 300 ms (HTTP_TIMEOUT_MS), after 3 attempts`);
      expect(waits).toHaveLength(2);
      expect(hits(path)).toBe(3);
      // Three 300 ms deadlines; generous for a busy machine, but far from "hangs for ever".
      expect(performance.now() - started).toBeLessThan(5000);
    }
  });

  it('retries a body cut short (Content-Length not reached) as a network error', async () => {
    const { fetchFeed } = harness();
    expect(await fetchFeed(req('/truncated-once.xml'))).toMatchObject({ kind: 'ok', attempts: 2 });
    const err = await failure(fetchFeed(req('/truncated.xml')));
    expect(err).toMatchObject({ errorClass: 'network', attempts: 3, retryable: true });
    expect(err.message).toBe(
      `${url('/truncated.xml')}: the server closed the connection before the document was complete, after 3 attempts`,
    );
  });

  it('retries when nothing answers at all', async () => {
    const gone = await startTestServer({});
    const where = gone.url('/rss.xml');
    await gone.close();
    const err = await failure(harness().fetchFeed({ url: where, expect: 'xml' }));
    expect(err).toMatchObject({ errorClass: 'network', attempts: 3, retryable: true });
    expect(err.message).toBe(`${where}: connection refused (nothing answers at that address and port), after 3 attempts`);
  });

  it('stops reading a 60 MB body at the limit, once: the server never gets to send it all', async () => {
    const { fetchFeed } = harness();
    const err = await failure(fetchFeed(req('/huge.json', 'json')));
    expect(err).toMatchObject({ errorClass: 'too_large', attempts: 1, retryable: false });
    expect(err.message).toBe(`${url('/huge.json')}: larger than the 1 MiB limit (FEED_MAX_BYTES); it was not read`);
    expect(hits('/huge.json')).toBe(1);
    // The server sees the hang-up; socket buffers let it get a few MB ahead at most.
    await vi.waitFor(() => expect(huge.closed).toBe(true), { timeout: 5000 });
    expect(huge.completed).toBe(false);
    expect(huge.sent).toBeLessThan(HUGE / 4);
    // A request's own limit wins over the fetcher's.
    const small = await failure(fetchFeed(req('/rss.xml', 'xml', { maxBytes: 16 })));
    expect(small.message).toBe(`${url('/rss.xml')}: larger than the 16 bytes limit (the limit for this feed); it was not read`);
  });

  it('refuses an HTML page where XML was expected, by Content-Type or by markup, keeping its start for the log', async () => {
    const { fetchFeed } = harness();
    const err = await failure(fetchFeed(req('/maintenance.xml')));
    expect(err).toMatchObject({ errorClass: 'content_type', status: 200, attempts: 1, retryable: true });
    expect(err.message).toBe(
      `${url('/maintenance.xml')}: the server sent an HTML page instead of XML — often a maintenance or error page (HTTP 200, text/html; charset=utf-8)`,
    );
    expect(err.bodySnippet).toBe(HTML.replace(/\s+/g, ' '));
    expect((await failure(fetchFeed(req('/html-labelled-xml.xml')))).errorClass).toBe('content_type');
    expect(await fetchFeed(req('/xml-labelled-html.xml'))).toMatchObject({ kind: 'ok', contentType: 'text/html' });
    // Nothing is expected of an `any` body but that it is there.
    expect(await fetchFeed(req('/maintenance.xml', 'any'))).toMatchObject({ kind: 'ok', status: 200 });
  });

  it('refuses a body that is not JSON where JSON was expected, but not JSON with a wrong label', async () => {
    const { fetchFeed } = harness();
    const plain = await failure(fetchFeed(req('/plain.json', 'json')));
    expect(plain).toMatchObject({ errorClass: 'content_type', bodySnippet: 'Service temporarily unavailable, please retry' });
    expect(plain.message).toBe(`${url('/plain.json')}: the server sent text/plain that does not look like JSON (HTTP 200, text/plain)`);
    const html = await failure(fetchFeed(req('/maintenance.json', 'json')));
    expect(html.message).toMatch(/: the server sent an HTML page instead of JSON — often a maintenance or error page/);
    expect(await fetchFeed(req('/json-labelled-html.json', 'json'))).toMatchObject({ kind: 'ok', contentType: 'text/html' });
  });

  it('refuses JSON that is not valid UTF-8, saying where', async () => {
    const err = await failure(harness().fetchFeed(req('/latin1.json', 'json')));
    expect(err).toMatchObject({ errorClass: 'encoding', status: 200, attempts: 1, retryable: false });
    expect(err.message).toBe(`${url('/latin1.json')}: the JSON is not valid UTF-8 (bad byte at offset 14) (HTTP 200, application/json)`);
  });

  it('refuses an empty 200 body', async () => {
    const err = await failure(harness().fetchFeed(req('/empty.xml')));
    expect(err).toMatchObject({ errorClass: 'empty', status: 200, attempts: 1, retryable: true, bodySnippet: undefined });
    expect(err.message).toBe(`${url('/empty.xml')}: the server sent an empty body (0 bytes) (HTTP 200)`);
  });

  it('waits at least as long as a 429 Retry-After (seconds) asks, then succeeds', async () => {
    const { fetchFeed, waits, slots } = harness({ random: () => 0.01 });
    expect(await fetchFeed(req('/busy-then-ok.json', 'json'))).toMatchObject({ kind: 'ok', attempts: 2 });
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(1000);
    expect(slots.taken).toBe(2);
  });

  it('honours a Retry-After given as an HTTP date on a 503', async () => {
    const now = () => Date.parse('2026-11-28T10:00:00Z');
    const { fetchFeed, waits } = harness({ now, random: () => 0 });
    expect(await fetchFeed(req('/busy-date.json', 'json'))).toMatchObject({ kind: 'ok', attempts: 2 });
    expect(waits).toEqual([2000]);
  });

  it('gives up at once, as retryable, when Retry-After asks for longer than it waits', async () => {
    const { fetchFeed, waits } = harness();
    const err = await failure(fetchFeed(req('/busy-for-an-hour.json', 'json')));
    expect(err).toMatchObject({ errorClass: 'http_4xx', status: 429, attempts: 1, retryable: true });
    expect(err.message).toBe(
      `${url('/busy-for-an-hour.json')}: HTTP 429 Too Many Requests; the server asks to wait 3600 s (Retry-After), longer than one fetch waits (300 s); a later run will try again`,
    );
    expect(waits).toEqual([]);
  });

  it('really waits inside a real budget: 7 fetches at 3 per 500 ms take at least a second', async () => {
    const budget = createLocalRateBudget({ limit: 3, windowMs: 500 });
    const { fetchFeed } = harness({ budget });
    const before = server.requests.length;
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 7 }, () => fetchFeed(req('/rss.xml'))));
    expect(results.every((r) => r.kind === 'ok')).toBe(true);
    // Grants at 0, 500 and 1000 ms: the seventh cannot leave before a second has passed.
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    expect(server.requests.length - before).toBe(7);
  });
});
