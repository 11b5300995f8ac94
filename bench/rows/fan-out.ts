// Row fan-out: recipients queued per second on BullMQ (real Redis), Siaga's chunked jobs (one job
// per DELIVERY_CHUNK_SIZE ledger ids, through the project's own BullMQ delivery queue) against the
// same number of recipients as one job per recipient with addBulk, same Redis, same job options.
// Rounds alternate (Siaga, baseline, …) and the queues are emptied, untimed, between rounds.
import { Queue } from 'bullmq';
import { loadConfig } from '../../src/config.ts';
import { createBullmqDeliveryQueue } from '../../src/delivery/bullmq-delivery-queue.ts';
import { chunkIds, DELIVERY_QUEUE_NAMES } from '../../src/delivery/delivery-queue.ts';
import { deleteUnder, openBenchRedis } from '../bench-redis.ts';
import { median, round3, timeOnce } from '../measure.ts';
import { goalAtLeast, type BenchMode, type RowLine } from '../row-types.ts';

const RECIPIENTS: Record<BenchMode, number> = { quick: 50_000, full: 200_000 };
const ROUNDS: Record<BenchMode, number> = { quick: 3, full: 5 };
/** The baseline's addBulk calls carry this many jobs each: one call of 200,000 jobs is one huge Redis pipeline nobody would send. */
const BASELINE_BULK = 1_000;
/** The options Siaga's delivery queue gives each job, so that both sides write the same job hashes. */
const JOB_OPTS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
const BASELINE = `BullMQ addBulk, one job per recipient (calls of ${BASELINE_BULK.toLocaleString('en')} jobs), same Redis and job options`;

export async function runRow(mode: BenchMode): Promise<RowLine[]> {
  const chunkSize = loadConfig().delivery.chunkSize;
  const redis = await openBenchRedis('fanout');
  const siagaQueue = createBullmqDeliveryQueue(redis.connection, { prefix: `${redis.prefix}-siaga` });
  const bare = new Queue(DELIVERY_QUEUE_NAMES.push, { connection: redis.connection, prefix: `${redis.prefix}-bare` });
  try {
    const n = RECIPIENTS[mode];
    // Ledger ids as the planner hands them over: decimal strings of bigints.
    const ids = Array.from({ length: n }, (_, i) => String(10_000_000 + i));
    const siaga: number[] = [];
    const baseline: number[] = [];
    for (let round = 0; round < ROUNDS[mode]; round++) {
      siaga.push((await timeOnce(() => siagaQueue.enqueue(chunkIds('push', ids, chunkSize)))).seconds);
      await expectJobs(redis.connection, `${redis.prefix}-siaga`, Math.ceil(n / chunkSize));
      baseline.push(
        (
          await timeOnce(async () => {
            for (let i = 0; i < n; i += BASELINE_BULK) {
              await bare.addBulk(
                ids.slice(i, i + BASELINE_BULK).map((id) => ({ name: 'recipient', data: { channel: 'push', id }, opts: JOB_OPTS })),
              );
            }
          })
        ).seconds,
      );
      await expectJobs(redis.connection, `${redis.prefix}-bare`, n);
    }
    const s = median(siaga);
    const b = median(baseline);
    return [
      {
        row: 'fan-out',
        measures: `${n.toLocaleString('en')} recipients queued, chunks of ${chunkSize.toLocaleString('en')}`,
        unit: 'recipients/s',
        siaga: { perSecond: n / s, samples: siaga.length, seconds: s },
        baseline: { label: BASELINE, perSecond: n / b, samples: baseline.length, seconds: b },
        slowdown: s / b,
        goal: goalAtLeast(5, s / b),
        details: {
          recipients: n,
          chunkSize,
          jobsSiaga: Math.ceil(n / chunkSize),
          jobsBaseline: n,
          siagaSeconds: siaga.map(round3),
          baselineSeconds: baseline.map(round3),
        },
      },
    ];
  } finally {
    await siagaQueue.close();
    await bare.close();
    await deleteUnder(redis.connection, `${redis.prefix}-siaga:`);
    await deleteUnder(redis.connection, `${redis.prefix}-bare:`);
    await redis.close();
  }
}

/** Untimed: the round really queued that many jobs; then empties the queue for the next round. */
async function expectJobs(
  connection: Awaited<ReturnType<typeof openBenchRedis>>['connection'],
  prefix: string,
  jobs: number,
): Promise<void> {
  const queue = new Queue(DELIVERY_QUEUE_NAMES.push, { connection, prefix });
  try {
    const waiting = await queue.getWaitingCount();
    if (waiting !== jobs) throw new Error(`${prefix}: ${waiting} jobs waiting, expected ${jobs}`);
  } finally {
    await queue.close();
  }
  await deleteUnder(connection, `${prefix}:`);
}
