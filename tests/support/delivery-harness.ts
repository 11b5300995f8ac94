// Delivery under test: a migrated test database with Deli Serdang's villages and generated
// households, the delivery dependencies with a controllable clock, and a queue that records the
// chunks it is handed (for planning tests) or the real in-process executor (for sending tests).
import { newDeliveryRuntimeId } from '../../src/delivery/delivery-runtime-id.ts';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import type { DeliveryDeps } from '../../src/delivery/delivery-deps.ts';
import type { DeliveryChunk, DeliveryQueue } from '../../src/delivery/delivery-queue.ts';
import { startDeliveryRuntime } from '../../src/delivery/start-delivery-runtime.ts';
import { DEFAULT_ESCALATION_POLICY } from '../../src/policy/escalation-policy.ts';
import type { TaganaOptions } from '../../src/tagana/sweep-tagana.ts';
import { createLogger } from '../../src/logger.ts';
import { FIXTURES } from './fixtures.ts';
import { runSiaga } from './run-cli.ts';

export const DELI_SERDANG = path.join(FIXTURES, 'id-admin/deli_serdang_villages.geojson');

export async function loadDeliSerdang(db: Db, households: number, seed: string): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'siaga-delivery-'));
  expect((await runSiaga(['import', 'areas', DELI_SERDANG], db)).code).toBe(0);
  const csv = path.join(dir, 'hh.csv');
  expect(
    (await runSiaga(['generate', 'households', '--villages', DELI_SERDANG, '--count', String(households), '--seed', seed, '--out', csv]))
      .code,
  ).toBe(0);
  expect((await runSiaga(['import', 'households', csv], db)).code).toBe(0);
}

export interface TestClock {
  now: () => Date;
  set(iso: string | Date): void;
  advance(ms: number): void;
}

export function testClock(start: string): TestClock {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), set: (iso) => void (t = new Date(iso).getTime()), advance: (ms) => void (t += ms) };
}

export function testDeliveryDeps(db: Db, clock: TestClock, over: Partial<DeliveryDeps> = {}): DeliveryDeps {
  return {
    db,
    logger: createLogger('silent'),
    now: clock.now,
    push: undefined,
    sms: undefined,
    secrets: { ack: 'test-ack-secret', code: 'test-code-secret' },
    vapidPublicKey: '',
    publicBaseUrl: 'http://siaga.test',
    runtimeId: newDeliveryRuntimeId(),
    leaseSeconds: 60,
    batchSize: 50,
    chunkSize: 100,
    quietHours: undefined,
    smsFallbackSeconds: 300,
    ...over,
  };
}

export function recordingQueue(): DeliveryQueue & { chunks: DeliveryChunk[]; ids(channel?: string): string[] } {
  const chunks: DeliveryChunk[] = [];
  return {
    chunks,
    ids: (channel) => chunks.filter((c) => !channel || c.channel === channel).flatMap((c) => c.ids),
    enqueue: async (more) => void chunks.push(...more),
    idle: async () => undefined,
    close: async () => undefined,
  };
}

/**
 * A delivery runtime started and stopped, as `npm start` does on starting: every message that
 * awaits delivery and is ready is planned (ledger rows and Tagana tasks). No sending. Resolves with
 * how many messages stopped awaiting.
 */
export async function runDeliveryRuntimeOnce(db: Db, clock: TestClock = testClock(new Date().toISOString())): Promise<number> {
  const awaiting = async () =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM delivery_handoffs WHERE state = 'awaiting'`)).rows[0]?.n ?? 0;
  const before = await awaiting();
  const runtime = await startDeliveryRuntime({
    deps: testDeliveryDeps(db, clock),
    worker: true,
    sweepSeconds: 0,
    handoffPollMs: 0,
    tagana: TEST_TAGANA,
  });
  await runtime.stop();
  return before - (await awaiting());
}

const TEST_TAGANA: TaganaOptions = { escalation: DEFAULT_ESCALATION_POLICY, doorKnockAfterSeconds: 1800 };
