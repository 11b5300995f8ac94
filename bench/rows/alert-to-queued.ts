// Row alert-to-queued: from `cap ingest` of a warning to every deliveries-ledger row written and
// its chunks queued on BullMQ (real Redis), over a national household register, against a bare
// PostGIS count(*) of the same households in the same area. Siaga's step is the project's own path,
// in process: ingestCapDocuments (check, store, lineage, targeting) then deliverMessage (plan the
// ledger in SQL, dispatch due rows in chunks with addBulk). It returns once the chunks are in Redis.
import { newDeliveryRuntimeId } from '../../src/delivery/delivery-runtime-id.ts';
import pg from 'pg';
import { Queue } from 'bullmq';
import { ingestCapDocuments } from '../../src/alerts/ingest-cap-document.ts';
import { loadConfig } from '../../src/config.ts';
import { openPgDb } from '../../src/db/pg-db.ts';
import { createBullmqDeliveryQueue } from '../../src/delivery/bullmq-delivery-queue.ts';
import { deliverMessage, type DeliveryPlan } from '../../src/delivery/deliver-message.ts';
import type { DeliveryDeps } from '../../src/delivery/delivery-deps.ts';
import { DELIVERY_QUEUE_NAMES, type DeliveryChunk, type DeliveryQueue } from '../../src/delivery/delivery-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { openBenchRedis } from '../bench-redis.ts';
import { median, round3, timeOnce } from '../measure.ts';
import { bareCount } from '../national/bare-count.ts';
import { measureLedgerWrite } from '../national/ledger-write.ts';
import { loadHazards, type Hazard } from '../national/hazards.ts';
import { prepareNationalDb, type NationalDb } from '../national/national-db.ts';
import { goalAtLeast, type BenchMode, type RowLine } from '../row-types.ts';

const HOUSEHOLDS: Record<BenchMode, number> = { quick: 1_000_000, full: 10_000_000 };
/**
 * Siaga runs per hazard, each bracketed by bare counts (a new warning each time: a new ledger to
 * write); the median, because the first run of a hazard meets cold caches (up to 3× slower).
 */
const RUNS: Record<BenchMode, number> = { quick: 3, full: 3 };
const BASELINE = 'bare PostGIS count(*) of the same current households in the same area, same tables and indexes';
const log = (line: string) => process.stderr.write(`${line}\n`);

export async function runRow(mode: BenchMode): Promise<RowLine[]> {
  const config = loadConfig();
  const redis = await openBenchRedis('alert');
  let national: NationalDb | undefined;
  try {
    national = await prepareNationalDb(config.databaseUrl, HOUSEHOLDS[mode], log);
    const { fixture, hazards } = await loadHazards();
    const db = openPgDb({ connectionString: national.databaseUrl, max: 4 });
    const queue = createBullmqDeliveryQueue(redis.connection, { prefix: redis.prefix });
    const client = new pg.Client({ connectionString: national.databaseUrl, options: '-c jit=off' });
    await client.connect();
    try {
      const lines: RowLine[] = [];
      let largest: { name: string; alertId: number; rows: number } | undefined;
      let sample = 0;
      for (const hazard of hazards) {
        log(`alert-to-queued: ${hazard.name}`);
        const deps = benchDeps(db, config, hazard);
        const baseline: number[] = [];
        const siaga: { seconds: number; plan: DeliveryPlan; inside: number; firstQueuedSeconds: number }[] = [];
        let bare = await timeOnce(() => bareCount(client, hazard.area));
        baseline.push(bare.seconds);
        for (let i = 0; i < RUNS[mode]; i++) {
          // When the first chunk reached Redis, from the start of the ingest: what the first
          // residents wait for (planning goes slice by slice, most endangered first).
          const started = performance.now();
          let firstQueuedAt: number | undefined;
          const timedQueue: DeliveryQueue = {
            ...queue,
            enqueue: async (chunks, delayMs) => {
              await queue.enqueue(chunks, delayMs);
              firstQueuedAt ??= performance.now();
            },
          };
          const run = await timeOnce(async () => {
            const [result] = await ingestCapDocuments(db, [{ source: `bench:${hazard.name}`, bytes: hazard.document((sample += 1)) }], {
              dryRun: false,
              maxBytes: config.capMaxBytes,
              marginM: 0,
            });
            if (result?.outcome !== 'new' || result.alertId === null)
              throw new Error(`${hazard.name}: ingest gave ${JSON.stringify(result).slice(0, 500)}`);
            return { plan: await deliverMessage(deps, timedQueue, result.alertId), inside: result.households.inside };
          });
          const firstQueuedSeconds = ((firstQueuedAt ?? Number.NaN) - started) / 1000;
          siaga.push({ seconds: run.seconds, firstQueuedSeconds, ...run.value });
          bare = await timeOnce(() => bareCount(client, hazard.area));
          baseline.push(bare.seconds);
        }
        const last = siaga[siaga.length - 1];
        if (!last) throw new Error('no Siaga run');
        await checkQueued(client, redis, last.plan);
        if (!largest || last.plan.push + last.plan.sms > largest.rows)
          largest = { name: hazard.name, alertId: Number(last.plan.alertId), rows: last.plan.push + last.plan.sms };
        const siagaSeconds = median(siaga.map((s) => s.seconds));
        const baselineSeconds = median(baseline);
        const households = bare.value;
        lines.push({
          row: 'alert-to-queued',
          measures: `${hazard.name}: ${households.toLocaleString('en')} of ${national.households.toLocaleString('en')} households`,
          unit: 'households/s',
          siaga: { perSecond: households / siagaSeconds, samples: siaga.length, seconds: siagaSeconds },
          baseline: { label: BASELINE, perSecond: households / baselineSeconds, samples: baseline.length, seconds: baselineSeconds },
          slowdown: siagaSeconds / baselineSeconds,
          // The goal is set at 1,000,000 households (quick mode): a region's worth of registered homes.
          ...(national.households === 1_000_000 ? { goal: goalAtLeast(0.5, siagaSeconds / baselineSeconds, 'time ≤ 2×') } : {}),
          details: {
            hazard: hazard.name,
            fixture,
            householdsRegistered: national.households,
            householdsInArea: households,
            siagaTargeted: last.inside,
            ledgerRows: last.plan.push + last.plan.sms,
            push: last.plan.push,
            sms: last.plan.sms,
            unreachable: last.plan.unreachable,
            dispatched: last.plan.dispatched,
            chunkSize: deps.chunkSize,
            siagaSeconds: siaga.map((s) => round3(s.seconds)),
            // Ingest to the first chunk in Redis (goal: about a second whatever the warning's size).
            firstChunkQueuedSeconds: siaga.map((s) => round3(s.firstQueuedSeconds)),
            baselineSeconds: baseline.map(round3),
            villages: national.villages.villages,
            realVillagePolygons: national.villages.real,
            voronoiVillages: national.villages.voronoi,
            villagesLeftOut: national.villages.skipped,
            preparationSeconds: national.steps,
          },
        });
      }
      if (largest) lines.push(await ledgerWriteLine(client, largest.name, largest.alertId));
      return lines;
    } finally {
      await client.end();
      await queue.close();
      await db.close();
    }
  } finally {
    await national?.drop().catch((err: unknown) => log(`could not drop the national bench database: ${String(err)}`));
    await redis.close();
  }
}

/** The largest warning's ledger rows written again into the ledger, against the same rows inserted into a bare table. */
async function ledgerWriteLine(client: pg.Client, hazard: string, alertId: number): Promise<RowLine> {
  log(`ledger-write: ${hazard}`);
  const w = await measureLedgerWrite(client, alertId);
  const slowdown = w.siagaSeconds / w.floorSeconds;
  return {
    row: 'ledger-write',
    measures: `${hazard}: ${w.rows.toLocaleString('en')} ledger rows`,
    unit: 'rows/s',
    siaga: { perSecond: w.rows / w.siagaSeconds, samples: w.siagaRuns.length, seconds: w.siagaSeconds },
    baseline: {
      label: 'bare INSERT … SELECT of the same rows into a table with the same columns and no index or constraint',
      perSecond: w.rows / w.floorSeconds,
      samples: w.floorRuns.length,
      seconds: w.floorSeconds,
    },
    slowdown,
    goal: goalAtLeast(0.5, slowdown, 'time ≤ 2× the floor'),
    details: { hazard, rows: w.rows, siagaSeconds: w.siagaRuns, floorSeconds: w.floorRuns },
  };
}

/** Delivery as configured, at the moment the warning was sent (by wall clock it expired long ago). */
function benchDeps(db: DeliveryDeps['db'], config: ReturnType<typeof loadConfig>, hazard: Hazard): DeliveryDeps {
  return {
    db,
    logger: createLogger('silent'),
    now: () => hazard.sent,
    push: undefined,
    sms: undefined,
    secrets: { ack: 'bench', code: 'bench' },
    vapidPublicKey: '',
    publicBaseUrl: config.publicBaseUrl,
    runtimeId: newDeliveryRuntimeId(),
    leaseSeconds: config.delivery.leaseSeconds,
    batchSize: config.delivery.batchSize,
    chunkSize: config.delivery.chunkSize,
    quietHours: config.delivery.quietHours,
    smsFallbackSeconds: config.delivery.smsFallbackSeconds,
  };
}

/** Untimed proof that the figure is real: every ledger row of the run is dispatched, and its id sits in a queued job. */
async function checkQueued(client: pg.Client, redis: Awaited<ReturnType<typeof openBenchRedis>>, plan: DeliveryPlan): Promise<void> {
  const { rows } = await client.query<{ rows: number; dispatched: number }>(
    `SELECT count(*)::int AS rows, count(dispatched_at)::int AS dispatched FROM deliveries WHERE alert_id = $1`,
    [plan.alertId],
  );
  const ledger = rows[0];
  if (!ledger || ledger.rows !== plan.push + plan.sms || ledger.dispatched !== ledger.rows) {
    throw new Error(`alert ${plan.alertId}: planned ${plan.push + plan.sms}, ledger ${JSON.stringify(ledger)}`);
  }
  const { rows: idRows } = await client.query<{ id: string }>(`SELECT id::text FROM deliveries WHERE alert_id = $1`, [plan.alertId]);
  const wanted = new Set(idRows.map((r) => r.id));
  for (const channel of ['push', 'sms'] as const) {
    const q = new Queue<DeliveryChunk>(DELIVERY_QUEUE_NAMES[channel], { connection: redis.connection, prefix: redis.prefix });
    for (const job of await q.getJobs(['waiting', 'delayed', 'prioritized'])) for (const id of job.data.ids) wanted.delete(id);
    await q.close();
  }
  if (wanted.size > 0) throw new Error(`alert ${plan.alertId}: ${wanted.size} ledger rows are in no queued job`);
}
