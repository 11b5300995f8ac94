// The parts of feed ingestion that stand on their own: health rules, cadence, job ids, the
// in-process queue, and the rolled-back Db that dry runs use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withRollback } from '../../src/db/rollback-db.ts';
import { cronCadenceMs } from '../../src/feeds/cron-cadence.ts';
import { feedJobId, slotOf } from '../../src/feeds/feed-queue.ts';
import { feedStatus, firstRunDueBy } from '../../src/feeds/feed-status.ts';
import { createInProcessFeedQueue } from '../../src/feeds/in-process-feed-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

const MIN = 60_000;

describe('feedStatus', () => {
  const now = new Date('2026-11-28T10:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  it('is ok within two intervals of a success, late after, down after six while failing', () => {
    expect(feedStatus({ lastSuccessAt: ago(9 * MIN), lastAttemptAt: ago(1 * MIN), consecutiveFailures: 1 }, 5 * MIN, now)).toBe('ok');
    expect(feedStatus({ lastSuccessAt: ago(11 * MIN), lastAttemptAt: ago(1 * MIN), consecutiveFailures: 2 }, 5 * MIN, now)).toBe('late');
    expect(feedStatus({ lastSuccessAt: ago(31 * MIN), lastAttemptAt: ago(1 * MIN), consecutiveFailures: 6 }, 5 * MIN, now)).toBe('down');
    // quiet but not failing (nothing attempted) stays late, never down
    expect(feedStatus({ lastSuccessAt: ago(300 * MIN), lastAttemptAt: ago(300 * MIN), consecutiveFailures: 0 }, 5 * MIN, now)).toBe('late');
    expect(feedStatus({ lastSuccessAt: null, lastAttemptAt: null, consecutiveFailures: 0 }, 5 * MIN, now)).toBe('late');
  });

  it('waits for the first run after its scheduler started before calling a feed late', () => {
    const DAY = 24 * 60 * MIN;
    // A daily forecast minutes after start: never run, not late.
    const fresh = { lastSuccessAt: null, lastAttemptAt: null, consecutiveFailures: 0, scheduledSince: ago(5 * MIN) };
    expect(feedStatus(fresh, DAY, now)).toBe('waiting');
    expect(firstRunDueBy(fresh, DAY)?.toISOString()).toBe(new Date(now.getTime() - 5 * MIN + 2 * DAY).toISOString());
    // Missed: the first run's time and its margin have passed with nothing run.
    expect(feedStatus({ ...fresh, scheduledSince: ago(2 * DAY + MIN) }, DAY, now)).toBe('late');
    // Its first run was attempted and failed: missed, late at once.
    expect(feedStatus({ ...fresh, lastAttemptAt: ago(MIN), consecutiveFailures: 1 }, DAY, now)).toBe('late');
    // A restart after an old success waits for the next run too, and a run since then is judged as always.
    expect(
      feedStatus({ lastSuccessAt: ago(3 * DAY), lastAttemptAt: ago(3 * DAY), consecutiveFailures: 0, scheduledSince: ago(MIN) }, DAY, now),
    ).toBe('waiting');
    expect(
      feedStatus({ lastSuccessAt: ago(MIN), lastAttemptAt: ago(MIN), consecutiveFailures: 0, scheduledSince: ago(2 * MIN) }, DAY, now),
    ).toBe('ok');
    expect(
      firstRunDueBy({ lastSuccessAt: ago(MIN), lastAttemptAt: ago(MIN), consecutiveFailures: 0, scheduledSince: ago(2 * MIN) }, DAY),
    ).toBeNull();
  });
});

describe('schedules and slots', () => {
  it('reads the expected interval off a cron schedule (the longest gap)', () => {
    expect(cronCadenceMs('*/5 * * * *')).toBe(5 * MIN);
    expect(cronCadenceMs('7 */3 * * *')).toBe(180 * MIN);
    expect(cronCadenceMs('0 6,18 * * *')).toBe(12 * 60 * MIN);
  });
  it('names one job per feed and minute, with no ":" (BullMQ reserves it)', () => {
    const slot = slotOf(new Date('2026-11-28T10:05:42.123Z'));
    expect(slot).toBe('2026-11-28T10:05');
    expect(feedJobId({ feed: 'bmkg-quake', slot })).toBe('bmkg-quake@2026-11-28T10-05');
  });
});

describe('in-process feed queue', () => {
  it('runs each slot once, one run at a time, and survives a failing run', async () => {
    const ran: string[] = [];
    let running = 0;
    let overlap = false;
    // Every run waits until all five are enqueued: a queue that ran them side by side would have
    // them all running at once here, whatever the timing.
    let allEnqueued = (): void => undefined;
    const gate = new Promise<void>((resolve) => (allEnqueued = resolve));
    const queue = createInProcessFeedQueue(async (req) => {
      running += 1;
      overlap ||= running > 1;
      await gate;
      running -= 1;
      ran.push(`${req.feed}@${req.slot}`);
      if (req.feed === 'boom') throw new Error('boom');
    }, createLogger('silent'));
    for (const feed of ['a', 'boom', 'a', 'b']) await queue.enqueue({ feed, slot: 's1' });
    await queue.enqueue({ feed: 'a', slot: 's2' });
    expect(ran).toEqual([]);
    allEnqueued();
    await queue.idle();
    expect(ran).toEqual(['a@s1', 'boom@s1', 'b@s1', 'a@s2']);
    expect(overlap).toBe(false);
    await queue.close();
  });
});

describe(`withRollback (${engineUnderTest})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await t.db.execScript('CREATE TABLE scratch (n int)');
  });
  afterAll(() => t.drop());

  it('sees its own writes, nested transactions included, and leaves nothing behind', async () => {
    const seen = await withRollback(t.db, async (db) => {
      await db.query('INSERT INTO scratch VALUES (1)');
      await db.transaction(async (tx) => tx.query('INSERT INTO scratch VALUES (2)'));
      await db
        .transaction(async (tx) => {
          await tx.query('INSERT INTO scratch VALUES (3)');
          throw new Error('inner failure');
        })
        .catch(() => undefined);
      return (await db.query<{ n: number }>('SELECT n FROM scratch ORDER BY n')).rows.map((r) => r.n);
    });
    expect(seen).toEqual([1, 2]);
    expect((await t.db.query('SELECT * FROM scratch')).rows).toEqual([]);
  });
});
