// Reads one document — a local file or an http(s) URL — as raw bytes, refusing anything over the
// size limit before it has been read whole.
//
// The bytes are deliberately not decoded here. A CAP document names its own encoding in its XML
// declaration (BMKG serves UTF-8, older peers ISO-8859-1), and servers often send a Content-Type
// charset that disagrees with it; decoding here would pick one of them silently, or replace bad
// bytes with U+FFFD inside a village name. The CAP parser decodes once, strictly, by the declaration.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import axios, { AxiosError } from 'axios';
import { DocumentSourceError } from './document-source-error.ts';

export interface DocumentSourceOptions {
  /** Largest accepted document in bytes (CAP_MAX_BYTES); a larger one is refused, never read whole. */
  maxBytes: number;
  /** Deadline of one URL fetch, from connecting to the last byte of the body (milliseconds). */
  timeoutMs: number;
  /** Sent on every request: some BMKG hosts answer 403 to clients without one. */
  userAgent: string;
}

const MAX_REDIRECTS = 5;
const ACCEPT = 'application/cap+xml, application/xml, text/xml;q=0.9, */*;q=0.1';
// Only codings Node decodes. axios also advertises `compress` (LZW), which it cannot decode, and a
// server answering with it would hand the parser compressed bytes.
const ACCEPT_ENCODING = 'gzip, deflate, br';

export async function readDocumentSource(source: string, options: DocumentSourceOptions): Promise<Uint8Array> {
  // Two letters or more, so that a Windows drive (`C:\…`) still reads as a path.
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(source)?.[1]?.toLowerCase();
  if (scheme === undefined) return readFileSource(source, options.maxBytes);
  if (scheme === 'http' || scheme === 'https') return fetchUrl(source, options);
  throw new DocumentSourceError(`${source}: only http:// and https:// URLs are fetched; give a local file as a plain path`, 'unreadable');
}

async function readFileSource(file: string, maxBytes: number): Promise<Uint8Array> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new DocumentSourceError(`${file}: is a folder, not a file`, 'unreadable');
    if (!info.isFile()) throw new DocumentSourceError(`${file}: is not a regular file`, 'unreadable');
    if (info.size > maxBytes) throw tooLarge(file, maxBytes, info.size);
    // The file can grow between stat and read: read at most one byte past the limit to notice.
    const chunks: Buffer[] = [];
    for await (const chunk of createReadStream(file, { start: 0, end: maxBytes })) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    if (bytes.byteLength > maxBytes) throw tooLarge(file, maxBytes);
    if (bytes.byteLength === 0) throw new DocumentSourceError(`${file}: is empty (0 bytes)`, 'unreadable');
    return bytes;
  } catch (err) {
    if (err instanceof DocumentSourceError) throw err;
    throw new DocumentSourceError(`${file}: ${describeFileError(err)}`, 'unreadable', { cause: err });
  }
}

function describeFileError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'ENOTDIR') return 'no such file (a part of the path is not a folder)';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot read it (permission denied)';
  if (code === 'EISDIR') return 'is a folder, not a file';
  return `cannot read it (${code ?? (err instanceof Error ? err.message : String(err))})`;
}

async function fetchUrl(url: string, options: DocumentSourceOptions): Promise<Uint8Array> {
  try {
    new URL(url);
  } catch (err) {
    throw new DocumentSourceError(`${url}: not a valid URL`, 'unreadable', { cause: err });
  }
  // axios's own timeout is cleared once the response headers arrive, so a server that trickles the
  // body would hold the fetch for ever: this deadline covers the whole exchange.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), options.timeoutMs);
  let response;
  try {
    response = await axios.get<unknown>(url, {
      responseType: 'arraybuffer',
      // Counted after decompression (axios unzips before counting), so a small gzip bomb is refused too.
      maxContentLength: options.maxBytes,
      maxBodyLength: options.maxBytes,
      maxRedirects: MAX_REDIRECTS,
      timeout: options.timeoutMs,
      signal: deadline.signal,
      decompress: true,
      headers: { 'User-Agent': options.userAgent, Accept: ACCEPT, 'Accept-Encoding': ACCEPT_ENCODING },
      // Every status is judged below, so that the message can name it.
      validateStatus: () => true,
    });
  } catch (err) {
    throw describeFetchError(url, err, options, deadline.signal.aborted);
  } finally {
    clearTimeout(timer);
  }
  const { status } = response;
  if (status < 200 || status > 299) {
    const text = response.statusText || STATUS_CODES[status] || '';
    throw new DocumentSourceError(`${url}: HTTP ${status}${text ? ` ${text}` : ''}`, 'unreadable');
  }
  // axios removes the header of a coding it decoded; one still there was passed through undecoded.
  const coding = String(response.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (coding !== 'identity') {
    throw new DocumentSourceError(`${url}: the server compressed the document with "${coding}", which Siaga cannot decode`, 'unreadable');
  }
  const data = response.data;
  const bytes = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : undefined;
  if (bytes === undefined) throw new Error(`axios returned ${typeof data} for an arraybuffer response`);
  if (bytes.byteLength === 0) throw new DocumentSourceError(`${url}: the server sent an empty document (0 bytes)`, 'unreadable');
  return bytes;
}

function describeFetchError(url: string, err: unknown, options: DocumentSourceOptions, deadlinePassed: boolean): DocumentSourceError {
  const code = err instanceof AxiosError ? err.code : (err as NodeJS.ErrnoException).code;
  const fail = (what: string) => new DocumentSourceError(`${url}: ${what}`, 'unreadable', { cause: err });
  if (deadlinePassed || code === 'ECONNABORTED' || code === 'ETIMEDOUT') return fail(`timed out after ${describeDuration(options.timeoutMs)} (HTTP_TIMEOUT_MS)`);
  if (err instanceof AxiosError && err.message.startsWith('maxContentLength')) return tooLarge(url, options.maxBytes, undefined, err);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return fail('host not found (check the address, or the DNS of this machine)');
  if (code === 'ECONNREFUSED') return fail('connection refused (nothing answers at that address and port)');
  if (code === 'ECONNRESET' || code === 'ERR_BAD_RESPONSE') return fail('the server closed the connection before the document was complete');
  if (code === 'ERR_FR_TOO_MANY_REDIRECTS') return fail(`more than ${MAX_REDIRECTS} redirects`);
  if (code !== undefined && /CERT|SSL|TLS|SELF_SIGNED/.test(code)) return fail(`the server's TLS certificate was not accepted (${code})`);
  return fail(`could not fetch it (${err instanceof Error ? err.message : String(err)})`);
}

function tooLarge(source: string, maxBytes: number, size?: number, cause?: unknown): DocumentSourceError {
  const what = size === undefined ? 'larger' : `${describeBytes(size)}, larger`;
  return new DocumentSourceError(`${source}: ${what} than the ${describeBytes(maxBytes)} limit (CAP_MAX_BYTES); it was not read`, 'too-large', { cause });
}

function describeBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / (1024 * 1024)).toFixed(1))} MiB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KiB`;
  return `${n} bytes`;
}

function describeDuration(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`;
}
