/**
 * One HTTP GET failed before a response could be judged. `failure` says how, so that each caller
 * can decide what to retry and which setting to name; the message is a phrase without the URL
 * (`connection refused (nothing answers at that address and port)`), for the caller to prefix.
 */
export class HttpGetError extends Error {
  constructor(
    message: string,
    readonly failure: HttpGetFailure,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HttpGetError';
  }
}

export type HttpGetFailure = 'bad_url' | 'timeout' | 'too_large' | 'host_not_found' | 'refused' | 'cut_off' | 'redirects' | 'tls' | 'other';
