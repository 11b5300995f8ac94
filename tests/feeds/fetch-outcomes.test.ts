// The one list of fetch outcomes is the one the database accepts: a word added to either alone
// would be refused by the other (a fetch that cannot be logged, or a filter that matches nothing).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FETCH_LOG_FILTERS, FETCH_OUTCOMES, isFetchLogFilter, isFetchOutcome } from '../../src/db/fetch-outcomes.ts';

describe('fetch outcomes', () => {
  it('are the words the CHECK on feed_fetches.outcome allows', () => {
    const sql = readFileSync(path.join(import.meta.dirname, '../../migrations/0006_feeds.sql'), 'utf8');
    const allowed = /outcome\s+text NOT NULL CHECK \(outcome IN \(([^)]*)\)\)/.exec(sql)?.[1];
    expect(allowed?.split(',').map((w) => w.trim().replace(/^'|'$/g, ''))).toEqual([...FETCH_OUTCOMES]);
  });

  it('filter the log by any outcome, or by alarm', () => {
    expect(FETCH_OUTCOMES.every(isFetchLogFilter)).toBe(true);
    expect(isFetchLogFilter('alarm')).toBe(true);
    expect(isFetchOutcome('alarm')).toBe(false);
    expect(isFetchOutcome('failed')).toBe(false);
    expect(isFetchLogFilter('failed')).toBe(false);
    expect(FETCH_LOG_FILTERS).toHaveLength(FETCH_OUTCOMES.length + 1);
  });
});
