// A feed run wakes delivery once the run is over — after both the Indonesian and the English
// document of a warning are merged — naming only deliverable ones; duplicates wake nothing. (The
// hand-off itself is recorded with each message: tests/delivery/durable-handoff.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCapDocument } from '../../src/alerts/ingest-cap-document.ts';
import { emptySummary, type FeedDeps, type FeedJob } from '../../src/feeds/feed-job.ts';
import { runFeed } from '../../src/feeds/run-feed.ts';
import { createLogger } from '../../src/logger.ts';
import { boxRing, buildCap, type TestCap } from '../support/cap-builder.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

const area = { polygons: [boxRing(98.7, 3.5, 98.8, 3.58)] };
const warning = (language: string, status = 'Actual', name = 'HAND-ON'): TestCap => ({
  identifier: `${name}-${status}`,
  status,
  infos: [{ language, expires: '2099-01-01T00:00:00+07:00', areas: [area] }],
});

describe(`feed runs hand new warnings on to delivery (${engineUnderTest})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  const job = (docs: TestCap[], seenAtHandOn: string[][]): FeedJob => ({
    name: 'test-feed',
    description: 'two documents of one warning',
    schedule: '* * * * *',
    cadenceMs: 60_000,
    urls: [],
    async run(deps) {
      for (const doc of docs) await deps.ingestCap({ source: 'test', bytes: buildCap(doc) });
      seenAtHandOn.push([]);
      return emptySummary();
    },
  });
  const deps = (handOn: FeedDeps['handOn']): FeedDeps => ({
    db: t.db,
    fetch: async () => {
      throw new Error('no fetching in this test');
    },
    ingestCap: (doc) => ingestCapDocument(t.db, doc, { dryRun: false, maxBytes: 5e6, marginM: 0 }),
    logger: createLogger('silent'),
    now: () => new Date(),
    sender: 'test@siaga.local',
    payloadRetentionDays: 1,
    handOn,
  });

  it('hands a bilingual warning on once, after the run, with both languages merged', async () => {
    const handed: { ids: number[]; languages: string[] }[] = [];
    const marks: string[][] = [];
    await runFeed(
      [job([warning('id'), warning('en'), warning('en'), warning('id', 'Test')], marks)],
      deps(async (ids) => {
        const { rows } = await t.db.query<{ languages: string[] }>(`SELECT languages FROM alerts WHERE id = $1`, [ids[0]]);
        handed.push({ ids, languages: rows[0]?.languages ?? [] });
      }),
      'test-feed',
      { slot: 'test' },
    );
    expect(marks.length).toBe(1);
    expect(handed).toEqual([{ ids: [expect.any(Number)], languages: ['id', 'en'] }]);
  });

  it('hands nothing on when the run only saw duplicates', async () => {
    const handed: number[][] = [];
    await runFeed(
      [job([warning('id'), warning('en')], [])],
      deps(async (ids) => void handed.push(ids)),
      'test-feed',
      { slot: 'again' },
    );
    expect(handed).toEqual([]);
  });
});
