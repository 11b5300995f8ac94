/**
 * The HTTP client geotiff.js reads a remote (Cloud-Optimized) GeoTIFF through: axios with our
 * User-Agent and timeout, a clear error for any HTTP failure (geotiff.js would otherwise try to
 * parse an error page), and a count of the bytes actually received, so callers can see that a
 * window read fetched only the tiles it needed.
 */
import { BaseClient, BaseResponse } from 'geotiff';
import { rasterHttpGet, type RasterHttpResponse } from './raster-http-get.ts';
import { RasterReadError } from './raster-read-error.ts';

class ReceivedResponse extends BaseResponse {
  constructor(private readonly response: RasterHttpResponse) {
    super();
  }

  override get status(): number {
    return this.response.status;
  }

  override getHeader(name: string): string | undefined {
    return this.response.header(name);
  }

  override getData(): Promise<ArrayBuffer> {
    const { bytes } = this.response;
    return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
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
    // geotiff.js asks with a Range header (and its own abort signal).
    const headers = Object.fromEntries(new Headers(init.headers));
    let response: RasterHttpResponse;
    try {
      response = await rasterHttpGet(this.url, {
        headers,
        userAgent: this.options.userAgent,
        timeoutMs: this.options.timeoutMs,
        signals: [init.signal, this.options.signal],
      });
    } catch (err) {
      throw new RasterReadError(`cannot fetch ${this.url}: ${(err as Error).message}`, this.url, { cause: err, retryable: true });
    }
    this.requests++;
    if (response.status < 200 || response.status > 299) {
      throw new RasterReadError(`HTTP ${response.status} ${response.statusText} from ${this.url}`, this.url, {
        retryable: response.status >= 500 || response.status === 429,
      });
    }
    // axios has the whole body by now: what was received is counted, whether or not geotiff.js reads it.
    this.bytesFetched += response.bytes.byteLength;
    return new ReceivedResponse(response);
  }
}
