/**
 * A feed URL could not be fetched into a usable body. The message names the URL and says what
 * went wrong in words a BMKG liaison can act on; the fields are for the ingestion log and for
 * whoever decides whether to try again later.
 */
export class FeedFetchError extends Error {
  readonly errorClass: FeedErrorClass;
  readonly status: number | undefined;
  /** Requests made, retries included. */
  readonly attempts: number;
  /** Whether a later run may well succeed (a 5xx, a timeout, a maintenance page), unlike a 403 or a 404. */
  readonly retryable: boolean;
  /** The start of the body the server sent (300 characters at most), for the log. */
  readonly bodySnippet: string | undefined;

  constructor(message: string, facts: FeedFetchFacts, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FeedFetchError';
    this.errorClass = facts.errorClass;
    this.status = facts.status;
    this.attempts = facts.attempts;
    this.retryable = facts.retryable;
    this.bodySnippet = facts.bodySnippet;
  }
}

export type FeedErrorClass = 'timeout' | 'network' | 'http_4xx' | 'http_5xx' | 'too_large' | 'content_type' | 'encoding' | 'empty';

export interface FeedFetchFacts {
  errorClass: FeedErrorClass;
  status?: number;
  attempts: number;
  retryable: boolean;
  bodySnippet?: string;
}
