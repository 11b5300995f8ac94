// What one fetch of a feed came to, as the ingestion log keeps it (feed_fetches.outcome; the CHECK
// of migrations/0006_feeds.sql allows the same words), and what the log can be filtered by. No
// imports: the CLI, the HTTP API and the liaison pages check their input against these lists.

export const FETCH_OUTCOMES = ['new', 'changed', 'not_modified', 'unchanged', 'error'] as const;

export type FetchOutcome = (typeof FETCH_OUTCOMES)[number];

/** The outcomes, and `alarm`: the fetches that brought contradictory times, whatever their outcome (listFetches). */
export const FETCH_LOG_FILTERS = [...FETCH_OUTCOMES, 'alarm'] as const;

export type FetchLogFilter = (typeof FETCH_LOG_FILTERS)[number];

export function isFetchOutcome(text: string): text is FetchOutcome {
  return (FETCH_OUTCOMES as readonly string[]).includes(text);
}

export function isFetchLogFilter(text: string): text is FetchLogFilter {
  return (FETCH_LOG_FILTERS as readonly string[]).includes(text);
}
