// One HTTP GET of a URL as raw, undecoded bytes, shared by the CAP document reader and the BMKG
// feed fetcher: a size limit enforced while reading, a deadline covering the whole body, only the
// content codings Node can decode, and transport failures sorted into a few kinds. Statuses are
// not judged here: every response comes back, for the caller to name or retry.
import { STATUS_CODES } from 'node:http';
import axios, { AxiosError } from 'axios';
import { describeBytes, describeDuration } from './describe-amount.ts';
import { HttpGetError } from './http-get-error.ts';

export interface HttpGetOptions {
  /** Deadline from connecting to the last byte of the body (milliseconds). */
  timeoutMs: number;
  /** Largest accepted body in bytes, counted after decompression; a larger one is never read whole. */
  maxBytes: number;
  /** User-Agent, Accept, conditional headers…; Accept-Encoding is set here. */
  headers: Record<string, string>;
}

export interface HttpGetResponse {
  status: number;
  /** The server's own reason phrase when it sent one (`Sedang Pemeliharaan`), else the standard one. */
  statusText: string;
  header(name: string): string | undefined;
  bytes: Uint8Array;
  /** A Content-Encoding still on the body, one Node cannot decode; `identity` when there is none. */
  coding: string;
}

export const MAX_REDIRECTS = 5;
// Only codings Node decodes. axios also advertises `compress` (LZW), which it cannot decode, and a
// server answering with it would hand the parser compressed bytes.
const ACCEPT_ENCODING = 'gzip, deflate, br';

export async function httpGetBytes(url: string, options: HttpGetOptions): Promise<HttpGetResponse> {
  try {
    new URL(url);
  } catch (err) {
    throw new HttpGetError('not a valid URL', 'bad_url', { cause: err });
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
      headers: { ...options.headers, 'Accept-Encoding': ACCEPT_ENCODING },
      // Every status comes back, so that the caller can name it (or retry it).
      validateStatus: () => true,
    });
  } catch (err) {
    throw describeFailure(err, options, deadline.signal.aborted);
  } finally {
    clearTimeout(timer);
  }
  const { status, headers } = response;
  const header = (name: string): string | undefined => {
    const value: unknown = headers[name.toLowerCase()];
    if (value === undefined || value === null) return undefined;
    return Array.isArray(value) ? value.join(', ') : String(value);
  };
  const data = response.data;
  const bytes = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : undefined;
  if (bytes === undefined) throw new Error(`axios returned ${typeof data} for an arraybuffer response`);
  return {
    status,
    statusText: response.statusText || STATUS_CODES[status] || '',
    header,
    bytes,
    // axios removes the header of a coding it decoded; one still there was passed through undecoded.
    coding: (header('content-encoding') ?? 'identity').trim().toLowerCase() || 'identity',
  };
}

function describeFailure(err: unknown, options: HttpGetOptions, deadlinePassed: boolean): HttpGetError {
  const code = err instanceof AxiosError ? err.code : (err as NodeJS.ErrnoException).code;
  const fail = (what: string, failure: HttpGetError['failure']) => new HttpGetError(what, failure, { cause: err });
  if (deadlinePassed || code === 'ECONNABORTED' || code === 'ETIMEDOUT')
    return fail(`timed out after ${describeDuration(options.timeoutMs)}`, 'timeout');
  if (err instanceof AxiosError && err.message.startsWith('maxContentLength'))
    return fail(`larger than the ${describeBytes(options.maxBytes)} limit`, 'too_large');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return fail('host not found (check the address, or the DNS of this machine)', 'host_not_found');
  if (code === 'ECONNREFUSED') return fail('connection refused (nothing answers at that address and port)', 'refused');
  if (code === 'ECONNRESET' || code === 'ERR_BAD_RESPONSE')
    return fail('the server closed the connection before the document was complete', 'cut_off');
  if (code === 'ERR_FR_TOO_MANY_REDIRECTS') return fail(`more than ${MAX_REDIRECTS} redirects`, 'redirects');
  if (code !== undefined && /CERT|SSL|TLS|SELF_SIGNED/.test(code))
    return fail(`the server's TLS certificate was not accepted (${code})`, 'tls');
  return fail(`could not fetch it (${err instanceof Error ? err.message : String(err)})`, 'other');
}
