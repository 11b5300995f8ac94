// The fault suite's rig: its own PostgreSQL and Redis (tests/support/fault-servers.ts), Deli
// Serdang's villages with generated households (seven in ten with a push subscription at the local
// push service, whose browsers report each warning shown as the service worker does; the others SMS through the local HTTP gateway when they have a phone), and Siaga
// as real processes — `npm start` (src/main.ts, which also takes the gateway's receipts) and one
// `siaga worker` — that a case can kill with SIGKILL and start again.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ingestCapDocument } from '../../src/alerts/ingest-cap-document.ts';
import type { Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openPgDb } from '../../src/db/pg-db.ts';
import { buildCap } from './cap-builder.ts';
import { loadDeliSerdang } from './delivery-harness.ts';
import { freePort, startLocalPostgres, startLocalRedis, type LocalPostgres, type LocalRedis } from './fault-servers.ts';
import { startLocalPushService, TEST_PUSH_ENV, type LocalPushService } from './local-push-service.ts';
import { pushDevices } from './push-devices.ts';
import { startLocalSmsHttpGateway, type LocalSmsHttpGateway, type RecordedHttpSms } from './local-sms-http-gateway.ts';
import { OFFLINE_FEEDS } from './spawn-siaga.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SMS_TOKEN = 'fault-suite-sms-token';

/** Households: FAULT_HOUSEHOLDS (the bench runs 28,555), else a CI-sized 1,500. */
export const FAULT_HOUSEHOLDS = Number(process.env.FAULT_HOUSEHOLDS ?? 1500);

export interface RigProcess {
  role: 'service' | 'worker';
  child: ChildProcess;
  stderr(): string;
}

export interface FaultRig {
  /** Siaga's database on the rig's PostgreSQL. */
  url: string;
  pg: LocalPostgres;
  redis: LocalRedis;
  db: Db;
  push: LocalPushService;
  /** Every SMS any incarnation of the gateway took. */
  smsReceived(): RecordedHttpSms[];
  smsDown(): Promise<void>;
  smsUp(): Promise<void>;
  processes: RigProcess[];
  startProcesses(): void;
  /** SIGKILL to every Siaga process; resolves once they are gone. */
  killProcesses(): Promise<void>;
  /**
   * Stops PostgreSQL (fast shutdown, every connection ended), keeps it down for `downMs`, starts it
   * again. The rig's own pool is closed around it: the test observes the fault, it is not under it.
   */
  restartPostgres(downMs: number): Promise<void>;
  /** Stores a Severe/Immediate warning over all of Deli Serdang, handed to delivery in the same transaction. */
  ingest(identifier: string): Promise<number>;
  close(): Promise<void>;
}

export async function startFaultRig(label: string): Promise<FaultRig> {
  const pg = await startLocalPostgres();
  const redis = await startLocalRedis();
  const admin = openPgDb({ connectionString: pg.url, max: 1 });
  await admin.query(`CREATE DATABASE siaga`);
  await admin.close();
  const url = pg.url.replace(/\/postgres$/, '/siaga');
  let db = openPgDb({ connectionString: url });
  await migrate(db);
  await loadDeliSerdang(db, FAULT_HOUSEHOLDS, `faults-${label}`);

  const port = await freePort();
  // Each subscription's browser reports a warning shown to Siaga's web server, as the service worker does.
  const devices = pushDevices(() => `http://127.0.0.1:${port}`);
  // Large fan-outs get a faster push service so the bench ends in minutes; either way the fan-out
  // lasts several seconds, long enough to strike in its middle.
  const push = await startLocalPushService({ latencyMs: FAULT_HOUSEHOLDS > 5000 ? 100 : 400, onMessage: devices.onMessage });
  const ids = (await db.query<{ id: string }>(`SELECT id FROM households WHERE valid_to IS NULL ORDER BY id`)).rows.map((r) => r.id);
  const withPush = ids.filter((_, i) => i % 10 < 7);
  for (let i = 0; i < withPush.length; i += 5000) {
    const subs = withPush.slice(i, i + 5000).map((id) => ({ id, ...push.newSubscription(id) }));
    await db.query(
      `INSERT INTO push_subscriptions (household_id, endpoint, p256dh, auth) SELECT id, endpoint, p256dh, auth FROM jsonb_to_recordset($1::jsonb) AS s(id text, endpoint text, p256dh text, auth text)`,
      [JSON.stringify(subs)],
    );
  }

  const smsPort = await freePort();
  const smsOptions = { token: SMS_TOKEN, port: smsPort, receiptTo: { url: `http://127.0.0.1:${port}/api/sms/receipts`, token: SMS_TOKEN } };
  const gateways: LocalSmsHttpGateway[] = [await startLocalSmsHttpGateway(smsOptions)];
  let smsLive: LocalSmsHttpGateway | undefined = gateways[0];

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...OFFLINE_FEEDS,
    // The local push service listens on loopback over http, which the real policy refuses.
    ...TEST_PUSH_ENV,
    LOG_LEVEL: 'warn',
    DATABASE_URL: url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: `faults-${label}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    SMS_GATEWAY_URL: `http://127.0.0.1:${smsPort}/messages`,
    SMS_GATEWAY_TOKEN: SMS_TOKEN,
    SMS_SEGMENTS_PER_SECOND: FAULT_HOUSEHOLDS > 5000 ? '400' : '40',
    // A push the device did not confirm is not followed by SMS in this suite: the SMS counted are
    // those planned at once, and those for push that failed.
    SMS_FALLBACK_AFTER_S: '86400',
    // An SMS whose worker was killed mid-request, and that no receipt confirmed, goes again soon.
    SMS_UNCONFIRMED_RESEND_S: '15',
    // A push whose worker was killed mid-request, and that no device reported shown, goes again:
    // after the devices' own retries of that report (2, 4, 8, 16 s) have had their chance.
    PUSH_UNCONFIRMED_RESEND_S: '30',
    DELIVERY_CHUNK_SIZE: '200',
    DELIVERY_BATCH_SIZE: FAULT_HOUSEHOLDS > 5000 ? '50' : '25',
  };
  const processes: RigProcess[] = [];
  const spawnOne = (role: RigProcess['role']) => {
    const args = role === 'service' ? ['--import', 'tsx', 'src/main.ts'] : ['--import', 'tsx', 'src/cli/siaga.ts', 'worker'];
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Both streams (the logger writes to stdout), the last 20 kB: shown when a case fails.
    let stderr = '';
    const keep = (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    processes.push({ role, child, stderr: () => stderr });
  };
  const live = () => processes.filter((p) => p.child.exitCode === null && p.child.signalCode === null);

  return {
    url,
    pg,
    redis,
    get db() {
      return db;
    },
    push,
    smsReceived: () => gateways.flatMap((g) => g.messages),
    async smsDown() {
      await smsLive?.close();
      smsLive = undefined;
    },
    async smsUp() {
      smsLive = await startLocalSmsHttpGateway(smsOptions);
      gateways.push(smsLive);
    },
    processes,
    startProcesses() {
      spawnOne('service');
      spawnOne('worker');
    },
    async killProcesses() {
      await Promise.all(
        live().map(async (p) => {
          const exited = new Promise((r) => p.child.once('exit', r));
          p.child.kill('SIGKILL');
          await exited;
        }),
      );
      processes.length = 0;
    },
    async restartPostgres(downMs) {
      await db.close();
      await pg.stop();
      // The outage itself: how long the database is away is the fault being injected.
      await new Promise((r) => setTimeout(r, downMs));
      await pg.start();
      db = openPgDb({ connectionString: url });
    },
    async ingest(identifier) {
      const sent = new Date().toISOString().replace(/\.\d+Z$/, '+00:00');
      const cap = buildCap({
        identifier,
        sent,
        infos: [
          {
            expires: '2099-01-01T00:00:00+07:00',
            urgency: 'Immediate',
            severity: 'Severe',
            areas: [{ desc: 'Deli Serdang', geocodes: [['ADM2', '12.07']] }],
          },
        ],
      });
      const result = await ingestCapDocument(
        db,
        { source: 'fault-suite', bytes: cap },
        { dryRun: false, maxBytes: 5e6, marginM: 0, handoff: { intake: 'cli', mode: 'deliver', graceSeconds: 0 } },
      );
      if (result.errors.length > 0 || result.alertId === undefined)
        throw new Error(`the fault suite's warning was not stored: ${JSON.stringify(result.errors)}`);
      return Number(result.alertId);
    },
    async close() {
      for (const p of live()) p.child.kill('SIGKILL');
      devices.close();
      await push.close();
      await smsLive?.close();
      await db.close().catch(() => undefined);
      await redis.destroy();
      await pg.destroy();
    },
  };
}
