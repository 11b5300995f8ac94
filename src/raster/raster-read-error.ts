/**
 * A raster that cannot be read as asked: missing file, HTTP error, not a TIFF, truncated, an
 * unsupported CRS, a band that does not exist, a bbox outside the raster. The message says what
 * and where; `source` is the file or URL. Retrying does not help unless `retryable` (network/5xx).
 */
export class RasterReadError extends Error {
  constructor(
    message: string,
    readonly source: string,
    options?: { cause?: unknown; retryable?: boolean },
  ) {
    super(message, options && 'cause' in options ? { cause: options.cause } : undefined);
    this.name = 'RasterReadError';
    this.retryable = options?.retryable ?? false;
  }

  readonly retryable: boolean;
}
