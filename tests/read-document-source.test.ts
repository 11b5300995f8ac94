// readDocumentSource against local files and a local HTTP server: raw bytes out, limits enforced
// while reading (not after), and messages that say what and where. The CLI verdicts built on it
// are in cap-validate.test.ts.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DocumentSourceError } from '../src/adapters/document-source-error.ts';
import { readDocumentSource, type DocumentSourceOptions } from '../src/adapters/read-document-source.ts';
import { startTestServer, streamBytes, type StreamTally, type TestServer } from './support/http-test-server.ts';

const OPTIONS: DocumentSourceOptions = { maxBytes: 2048, timeoutMs: 300, userAgent: 'SiagaTest/1.0 (read-document-source)' };
// "Peñasco" in ISO-8859-1: byte 0xF1 is not valid UTF-8, so any decoding on the way would change it.
const LATIN1 = Buffer.concat([
  Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><alert>Pe'),
  Buffer.from([0xf1]),
  Buffer.from('asco</alert>'),
]);

async function refusal(source: string, options: DocumentSourceOptions = OPTIONS): Promise<DocumentSourceError> {
  const err = await readDocumentSource(source, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof DocumentSourceError)) throw new Error(`expected a DocumentSourceError for ${source}, got ${String(err)}`);
  return err;
}

describe('readDocumentSource: files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'siaga-source-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('returns the bytes exactly as stored, undecoded', async () => {
    const file = path.join(dir, 'latin1.xml');
    await writeFile(file, LATIN1);
    expect(Buffer.from(await readDocumentSource(file, OPTIONS)).equals(LATIN1)).toBe(true);
  });

  it('accepts a file of exactly the limit and refuses one byte more, naming the size and the setting', async () => {
    const exact = path.join(dir, 'exact.xml');
    const over = path.join(dir, 'over.xml');
    await writeFile(exact, Buffer.alloc(2048, 'x'));
    await writeFile(over, Buffer.alloc(2049, 'x'));
    expect((await readDocumentSource(exact, OPTIONS)).byteLength).toBe(2048);
    const err = await refusal(over);
    expect(err.reason).toBe('too-large');
    expect(err.message).toBe(`${over}: 2 KiB, larger than the 2 KiB limit (CAP_MAX_BYTES); it was not read`);
  });

  it('says plainly when the path is missing, a folder, or an empty file', async () => {
    const empty = path.join(dir, 'empty.xml');
    const sub = path.join(dir, 'sub');
    await writeFile(empty, '');
    await mkdir(sub);
    expect((await refusal(path.join(dir, 'missing.xml'))).message).toBe(`${path.join(dir, 'missing.xml')}: no such file`);
    expect((await refusal(sub)).message).toBe(`${sub}: is a folder, not a file`);
    expect((await refusal(empty)).message).toBe(`${empty}: is empty (0 bytes)`);
    expect((await refusal(path.join(empty, 'x.xml'))).message).toMatch(/: no such file \(a part of the path is not a folder\)$/);
    expect((await refusal(empty)).reason).toBe('unreadable');
  });

  it('refuses URLs other than http and https, but reads a Windows-style drive letter as a path', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.org/a.xml', 'data:text/xml,<alert/>']) {
      expect((await refusal(url)).message).toBe(`${url}: only http:// and https:// URLs are fetched; give a local file as a plain path`);
    }
    expect((await refusal('C:\\cap\\a.xml')).message).toBe('C:\\cap\\a.xml: no such file');
    expect((await refusal('http://')).message).toBe('http://: not a valid URL');
  });
});

describe('readDocumentSource: URLs', () => {
  let server: TestServer;
  const big: StreamTally = { sent: 0, completed: false, closed: false };
  const BIG_TOTAL = 50 * 1024 * 1024;
  const document = Buffer.from('<?xml version="1.0"?><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>');
  beforeAll(async () => {
    // 20 MiB of zeros compress to about 20 KiB: only a limit counted after decompression stops it.
    // Compressed once here: compressing in the route would hold this process (and the client's
    // 300 ms timer) for longer than the timeout on a busy machine.
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024));
    server = await startTestServer({
      // The charset header disagrees with the document on purpose: the bytes must come back as sent.
      '/latin1.xml': (_req, res) => res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(LATIN1),
      '/moved': (_req, res) => res.writeHead(302, { Location: '/hop/1' }).end(),
      '/hop/1': (_req, res) => res.writeHead(301, { Location: '/hop/2' }).end(),
      '/hop/2': (_req, res) => res.writeHead(307, { Location: '/latin1.xml' }).end(),
      '/loop': (_req, res) => res.writeHead(302, { Location: '/loop' }).end(),
      '/503': (_req, res) => res.writeHead(503, 'Sedang Pemeliharaan').end(),
      '/empty': (_req, res) => res.writeHead(200).end(),
      '/big': streamBytes(BIG_TOTAL, big),
      '/gzip': (_req, res) => res.writeHead(200, { 'Content-Encoding': 'gzip' }).end(gzipSync(document)),
      '/gzip-bomb': (_req, res) => res.writeHead(200, { 'Content-Encoding': 'gzip' }).end(bomb),
      '/odd-coding': (_req, res) => res.writeHead(200, { 'Content-Encoding': 'x-siaga' }).end(document),
      '/no-answer': () => undefined,
      '/stalled-body': (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/xml' });
        res.write('<?xml version="1.0"?><alert');
      },
    });
  });
  afterAll(() => server.close());

  it('returns the served bytes undecoded, and sends our User-Agent, Accept and only codings Node decodes', async () => {
    const bytes = await readDocumentSource(server.url('/latin1.xml'), OPTIONS);
    expect(Buffer.from(bytes).equals(LATIN1)).toBe(true);
    const sent = server.requests.find((r) => r.path === '/latin1.xml')?.headers;
    expect(sent?.['user-agent']).toBe('SiagaTest/1.0 (read-document-source)');
    expect(sent?.accept).toBe('application/cap+xml, application/xml, text/xml;q=0.9, */*;q=0.1');
    expect(sent?.['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('follows a few redirects, keeping the User-Agent, and stops after five', async () => {
    expect(Buffer.from(await readDocumentSource(server.url('/moved'), OPTIONS)).equals(LATIN1)).toBe(true);
    expect(server.requests.find((r) => r.path === '/hop/2')?.headers['user-agent']).toBe(OPTIONS.userAgent);
    const before = server.requests.filter((r) => r.path === '/loop').length;
    expect((await refusal(server.url('/loop'))).message).toBe(`${server.url('/loop')}: more than 5 redirects`);
    expect(server.requests.filter((r) => r.path === '/loop').length - before).toBe(6);
  });

  it('names the HTTP status, with the server’s own wording when it gives one', async () => {
    expect((await refusal(server.url('/missing.xml'))).message).toBe(`${server.url('/missing.xml')}: HTTP 404 Not Found`);
    expect((await refusal(server.url('/503'))).message).toBe(`${server.url('/503')}: HTTP 503 Sedang Pemeliharaan`);
    expect((await refusal(server.url('/empty'))).message).toBe(`${server.url('/empty')}: the server sent an empty document (0 bytes)`);
  });

  it('stops reading a body larger than the limit: the server never gets to send it all', async () => {
    const err = await refusal(server.url('/big'));
    expect(err.reason).toBe('too-large');
    expect(err.message).toBe(`${server.url('/big')}: larger than the 2 KiB limit (CAP_MAX_BYTES); it was not read`);
    // The server sees the hang-up; socket buffers let it get a few MB ahead at most.
    await vi.waitFor(() => expect(big.closed).toBe(true), { timeout: 5000 });
    expect(big.completed).toBe(false);
    expect(big.sent).toBeLessThan(BIG_TOTAL / 4);
  });

  it('decompresses gzip, and applies the limit to the decompressed size (a gzip bomb is refused)', async () => {
    expect(Buffer.from(await readDocumentSource(server.url('/gzip'), OPTIONS)).equals(document)).toBe(true);
    expect((await refusal(server.url('/gzip-bomb'))).reason).toBe('too-large');
    expect((await refusal(server.url('/odd-coding'))).message).toBe(
      `${server.url('/odd-coding')}: the server compressed the document with "x-siaga", which Siaga cannot decode`,
    );
  });

  it('times out a server that never answers, and one that stalls in the middle of the body', async () => {
    for (const route of ['/no-answer', '/stalled-body']) {
      const started = performance.now();
      expect((await refusal(server.url(route))).message).toBe(`${server.url(route)}: timed out after 300 ms (HTTP_TIMEOUT_MS)`);
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });

  it('says when nothing answers at all', async () => {
    const gone = await startTestServer({});
    const url = gone.url('/cap.xml');
    await gone.close();
    expect((await refusal(url)).message).toBe(`${url}: connection refused (nothing answers at that address and port)`);
  });
});
