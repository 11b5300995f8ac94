/**
 * One HTTP GET of raster bytes (a tile, a GeoTIFF range) through axios, the app's HTTP client.
 * Every status comes back for the caller to judge (a tile's 404 is no data, not an error). The
 * caller's signals and timeout cover the whole exchange, body included. A transport failure
 * rejects with the abort reason when a signal ended the request, else with axios's error.
 */
import axios from 'axios';

export interface RasterHttpGetOptions {
  headers?: Record<string, string>;
  userAgent?: string | undefined;
  timeoutMs?: number | undefined;
  signals?: readonly (AbortSignal | null | undefined)[];
}

export interface RasterHttpResponse {
  status: number;
  statusText: string;
  header(name: string): string | undefined;
  bytes: Buffer;
}

// Only codings Node decodes: axios also advertises `compress` (LZW), which it cannot decode.
const ACCEPT_ENCODING = 'gzip, deflate, br';

export async function rasterHttpGet(url: string, options: RasterHttpGetOptions): Promise<RasterHttpResponse> {
  const signals = [...(options.signals ?? []), options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined].filter(
    (s): s is AbortSignal => s instanceof AbortSignal,
  );
  const signal = signals.length > 0 ? AbortSignal.any(signals) : undefined;
  let response;
  try {
    response = await axios.get<ArrayBuffer>(url, {
      responseType: 'arraybuffer',
      headers: {
        'Accept-Encoding': ACCEPT_ENCODING,
        ...options.headers,
        ...(options.userAgent ? { 'User-Agent': options.userAgent } : {}),
      },
      ...(signal ? { signal } : {}),
      validateStatus: () => true,
    });
  } catch (err) {
    // axios reports an abort as "canceled"; the signal's reason says why (a timeout, the caller).
    throw signal?.aborted ? signal.reason : err;
  }
  const headers = response.headers;
  return {
    status: response.status,
    statusText: response.statusText,
    header(name) {
      const value: unknown = headers[name.toLowerCase()];
      if (value === undefined || value === null) return undefined;
      return Array.isArray(value) ? value.join(', ') : String(value);
    },
    bytes: Buffer.from(response.data),
  };
}
