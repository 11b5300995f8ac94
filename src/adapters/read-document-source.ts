// Reads one document — a local file or an http(s) URL — as raw bytes, refusing anything over the
// size limit before it has been read whole.
//
// The bytes are deliberately not decoded here. A CAP document names its own encoding in its XML
// declaration (BMKG serves UTF-8, older peers ISO-8859-1), and servers often send a Content-Type
// charset that disagrees with it; decoding here would pick one of them silently, or replace bad
// bytes with U+FFFD inside a village name. The CAP parser decodes once, strictly, by the declaration.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { describeBytes } from './describe-amount.ts';
import { DocumentSourceError } from './document-source-error.ts';
import { httpGetBytes } from './http-get-bytes.ts';
import { HttpGetError } from './http-get-error.ts';

export interface DocumentSourceOptions {
  /** Largest accepted document in bytes (CAP_MAX_BYTES); a larger one is refused, never read whole. */
  maxBytes: number;
  /** Deadline of one URL fetch, from connecting to the last byte of the body (milliseconds). */
  timeoutMs: number;
  /** Sent on every request: some BMKG hosts answer 403 to clients without one. */
  userAgent: string;
}

const ACCEPT = 'application/cap+xml, application/xml, text/xml;q=0.9, */*;q=0.1';

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
  let response;
  try {
    response = await httpGetBytes(url, {
      timeoutMs: options.timeoutMs,
      maxBytes: options.maxBytes,
      headers: { 'User-Agent': options.userAgent, Accept: ACCEPT },
    });
  } catch (err) {
    if (!(err instanceof HttpGetError)) throw err;
    if (err.failure === 'too_large') throw tooLarge(url, options.maxBytes, undefined, err);
    const setting = err.failure === 'timeout' ? ' (HTTP_TIMEOUT_MS)' : '';
    throw new DocumentSourceError(`${url}: ${err.message}${setting}`, 'unreadable', { cause: err });
  }
  const { status, statusText } = response;
  if (status < 200 || status > 299) {
    throw new DocumentSourceError(`${url}: HTTP ${status}${statusText ? ` ${statusText}` : ''}`, 'unreadable');
  }
  if (response.coding !== 'identity') {
    throw new DocumentSourceError(
      `${url}: the server compressed the document with "${response.coding}", which Siaga cannot decode`,
      'unreadable',
    );
  }
  if (response.bytes.byteLength === 0) throw new DocumentSourceError(`${url}: the server sent an empty document (0 bytes)`, 'unreadable');
  return response.bytes;
}

function tooLarge(source: string, maxBytes: number, size?: number, cause?: unknown): DocumentSourceError {
  const what = size === undefined ? 'larger' : `${describeBytes(size)}, larger`;
  return new DocumentSourceError(
    `${source}: ${what} than the ${describeBytes(maxBytes)} limit (CAP_MAX_BYTES); it was not read`,
    'too-large',
    { cause },
  );
}
