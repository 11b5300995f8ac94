/**
 * The HTTP client geotiff.js reads a remote (Cloud-Optimized) GeoTIFF through: fetch with our
 * User-Agent and timeout, a clear error for any HTTP failure (geotiff.js would otherwise try to
 * parse an error page), and a count of the bytes actually received, so callers can see that a
 * window read fetched only the tiles it needed.
 */
import { BaseClient, BaseResponse } from 'geotiff';
import { RasterReadError } from './raster-read-error.ts';

class CountedResponse extends BaseResponse {
  constructor(
    private readonly response: Response,
    private readonly onBytes: (n: number) => void,
  ) {
    super();
  }

  override get status(): number {
    return this.response.status;
  }

  override getHeader(name: string): string | undefined {
    return this.response.headers.get(name) ?? undefined;
  }

  override async getData(): Promise<ArrayBuffer> {
    const data = await this.response.arrayBuffer();
    this.onBytes(data.byteLength);
    return data;
  }
}

export class CountingFetchClient extends BaseClient {
  bytesFetched = 0;
  requests = 0;

  constructor(
    url: string,
    private readonly options: { userAgent?: string; timeoutMs?: number; signal?: AbortSignal },
  ) {
    super(url);
  }

  override async request(init: RequestInit = {}): Promise<BaseResponse> {
    const headers = new Headers(init.headers);
    if (this.options.userAgent) headers.set('User-Agent', this.options.userAgent);
    const signals = [init.signal, this.options.signal, this.options.timeoutMs ? AbortSignal.timeout(this.options.timeoutMs) : undefined].filter(
      (s): s is AbortSignal => s instanceof AbortSignal,
    );
    let response: Response;
    try {
      response = await fetch(this.url, { headers, signal: signals.length > 0 ? AbortSignal.any(signals) : null });
    } catch (err) {
      throw new RasterReadError(`cannot fetch ${this.url}: ${(err as Error).message}`, this.url, { cause: err, retryable: true });
    }
    this.requests++;
    if (!response.ok) {
      await response.body?.cancel();
      throw new RasterReadError(`HTTP ${response.status} ${response.statusText} from ${this.url}`, this.url, { retryable: response.status >= 500 || response.status === 429 });
    }
    return new CountedResponse(response, (n) => (this.bytesFetched += n));
  }
}
