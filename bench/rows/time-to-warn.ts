// Row time-to-warn: from BMKG publishing a nowcast warning to residents' phones, through the real
// service. A BMKG stand-in (tests/support/bmkg-stand-in.ts) serves an empty nowcast index; at T0 it
// lists a new warning (the Gorontalo fixture, re-dated to now; then a BMKG-sized version of it).
// `npm start` and one `siaga worker` run as they would in production — real PostGIS and Redis, the
// national register of the bench, the nowcast polled on its schedule — and send to a local HTTPS
// push endpoint and a local SMSC (bench/local-endpoints.ts). Reported from T0: the first push
// accepted, half, the last push, the last SMS submitted; and the floor beside them: the wait for
// the next scheduled poll (exact: the schedule is known), which no code can shorten.
import { spawn, type ChildProcess } from 'node:child_process';
import { createECDH, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { NOWCAST_ID_RSS, startBmkgStandIn } from '../../tests/support/bmkg-stand-in.ts';
import { freePort } from '../../tests/support/fault-servers.ts';
import { LOCAL_REDIS, openBenchRedis } from '../bench-redis.ts';
import { startPushEndpoint, startSmsc } from '../local-endpoints.ts';
import { round3 } from '../measure.ts';
import { prepareNationalDb, type NationalDb } from '../national/national-db.ts';
import type { BenchMode, RowLine } from '../row-types.ts';
import { buildSyntheticNowcast } from '../synthetic-nowcast.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HOUSEHOLDS: Record<BenchMode, number> = { quick: 1_000_000, full: 10_000_000 };
const FIXTURE = readFileSync(path.join(ROOT, 'fixtures/bmkg/cap-nowcast-CGT20260924002-id.xml'), 'utf8');
/** Gorontalo, where the fixture's warning is: seven in ten of its households get a push subscription. */
const PROVINCE = '75.';
/** The nowcast goal: published → first push accepted. */
const GOAL_FIRST_PUSH_S = 65;
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Timeline {
  pushRows: number;
  smsRows: number;
  firstPush: number | null;
  halfPush: number | null;
  lastPush: number | null;
  lastSms: number | null;
  /** From T0 to the poll that could first see it. */
  pollWait: number;
}

export async function runRow(mode: BenchMode): Promise<RowLine[]> {
  const config = loadConfig();
  const redis = await openBenchRedis('ttw');
  const dir = await mkdtemp(path.join(tmpdir(), 'siaga-ttw-'));
  const processes: ChildProcess[] = [];
  let national: NationalDb | undefined;
  const push = await startPushEndpoint(dir);
  const smsc = await startSmsc();
  const bmkg = await startBmkgStandIn();
  try {
    national = await prepareNationalDb(config.databaseUrl, HOUSEHOLDS[mode], log);
    const client = new pg.Client({ connectionString: national.databaseUrl });
    await client.connect();
    try {
      const subscribed = await subscribe(client, push.origin);
      log(`time-to-warn: ${subscribed.toLocaleString('en')} households of Gorontalo subscribed to the local push endpoint`);
      // Nothing listed until T0 (the fixture index would hand over a warning of 2026-09-24).
      const empty = rss([]);
      bmkg.serve(NOWCAST_ID_RSS, empty, 'application/rss+xml');
      const port = await freePort();
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: national.databaseUrl,
        REDIS_URL: config.redisUrl ?? LOCAL_REDIS,
        QUEUE_PREFIX: redis.prefix,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        BMKG_NOWCAST_URLS: bmkg.url(NOWCAST_ID_RSS),
        BMKG_QUAKE_URLS: 'http://127.0.0.1:9/autogempa.json',
        BMKG_QUAKE_SCHEDULE: '0 0 1 1 *',
        BMKG_FORECAST_URL: 'http://127.0.0.1:9/?adm4={code}',
        BMKG_FORECAST_SCHEDULE: '0 0 1 1 *',
        PUSH_ALLOW_LOOPBACK_FOR_TESTS: 'true',
        PUSH_ALLOWED_HOSTS: '*',
        NODE_EXTRA_CA_CERTS: push.certFile,
        SMS_GATEWAY_URL: smsc.url.replace('smpp://', 'smpp://bench:bench@'),
        SMS_SEGMENTS_PER_SECOND: '200',
        SMS_FALLBACK_AFTER_S: '86400',
      };
      for (const args of [['src/main.ts'], ['src/cli/siaga.ts', 'worker']]) {
        const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
        processes.push(child);
      }
      await waitFor(
        async () => (await count(client, `SELECT count(*) FROM delivery_runtimes`)) >= 2,
        120_000,
        'the service and the worker',
      );

      const lines: RowLine[] = [];
      const warnings = [
        { name: 'nowcast fixture (Gorontalo)', xml: FIXTURE },
        { name: 'BMKG-sized nowcast (150 polygons)', xml: buildSyntheticNowcast(FIXTURE).xml },
      ];
      for (const [i, w] of warnings.entries()) {
        const identifier = `TTW-${process.pid}-${i}`;
        log(`time-to-warn: ${w.name}`);
        const t = await publishAndFollow(client, bmkg, push, identifier, redate(w.xml, identifier));
        lines.push(line(w.name, national.households, t));
      }
      return lines;
    } finally {
      await client.end();
    }
  } finally {
    for (const p of processes) p.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 2000));
    for (const p of processes) if (p.exitCode === null) p.kill('SIGKILL');
    await bmkg.close();
    push.stop();
    smsc.stop();
    await national?.drop().catch((err: unknown) => log(`could not drop the national bench database: ${String(err)}`));
    await redis.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function publishAndFollow(
  client: pg.Client,
  bmkg: Awaited<ReturnType<typeof startBmkgStandIn>>,
  push: Awaited<ReturnType<typeof startPushEndpoint>>,
  identifier: string,
  xml: string,
): Promise<Timeline> {
  const before = (await push.counts()).accepted;
  const docPath = `/alerts/nowcast/id/${identifier}_alert.xml`;
  bmkg.serve(docPath, xml, 'application/xml');
  // T0: BMKG lists it. The nowcast is polled at the start of every minute.
  bmkg.serve(NOWCAST_ID_RSS, rss([bmkg.url(docPath)]), 'application/rss+xml');
  const t0 = Date.now();
  const pollWait = (60_000 - (t0 % 60_000)) / 1000;
  const since = () => round3((Date.now() - t0) / 1000);
  const alertId = await waitFor(
    async () => (await client.query<{ id: string }>(`SELECT id::text FROM alerts WHERE identifier = $1`, [identifier])).rows[0]?.id,
    180_000,
    `the warning ${identifier} stored`,
  );
  const t: Timeline = {
    pushRows: 0,
    smsRows: 0,
    firstPush: null,
    halfPush: null,
    lastPush: null,
    lastSms: null,
    pollWait: round3(pollWait),
  };
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    const rows = await client.query<{ channel: string; n: string; pending: string }>(
      `SELECT channel, count(*) AS n, count(*) FILTER (WHERE state IN ('queued', 'sending')) AS pending FROM deliveries WHERE alert_id = $1 GROUP BY channel`,
      [alertId],
    );
    const of = (c: string) => rows.rows.find((r) => r.channel === c);
    t.pushRows = Number(of('push')?.n ?? 0);
    t.smsRows = Number(of('sms')?.n ?? 0);
    const handedOff = await count(
      client,
      `SELECT count(*) FROM delivery_handoffs WHERE alert_id = ${Number(alertId)} AND state = 'awaiting'`,
    );
    const accepted = (await push.counts()).accepted - before;
    if (accepted > 0) t.firstPush ??= since();
    if (handedOff === 0 && t.pushRows > 0 && accepted >= t.pushRows / 2) t.halfPush ??= since();
    if (handedOff === 0 && t.pushRows > 0 && accepted >= t.pushRows) t.lastPush ??= since();
    if (handedOff === 0 && t.smsRows > 0 && Number(of('sms')?.pending ?? 1) === 0) t.lastSms ??= since();
    if (handedOff === 0 && (t.pushRows === 0 || t.lastPush !== null) && (t.smsRows === 0 || t.lastSms !== null)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  bmkg.serve(NOWCAST_ID_RSS, rss([]), 'application/rss+xml');
  return t;
}

function line(name: string, registered: number, t: Timeline): RowLine {
  const first = t.firstPush ?? Number.POSITIVE_INFINITY;
  return {
    row: 'time-to-warn',
    measures: `${name}: ${t.pushRows.toLocaleString('en')} push, ${t.smsRows.toLocaleString('en')} SMS, of ${registered.toLocaleString('en')} households`,
    unit: 's to the first push',
    siaga: { perSecond: 1 / first, samples: 1, seconds: first },
    baseline: { label: 'the wait for the next scheduled nowcast poll', perSecond: 1 / t.pollWait, samples: 1, seconds: t.pollWait },
    slowdown: first / t.pollWait,
    goal: { text: `first push ≤ ${GOAL_FIRST_PUSH_S} s`, minSpeedRatio: 0, met: first <= GOAL_FIRST_PUSH_S },
    details: {
      secondsFromPublication: { firstPush: t.firstPush, halfPush: t.halfPush, lastPush: t.lastPush, lastSms: t.lastSms },
      pollWaitSeconds: t.pollWait,
      afterThePoll: t.firstPush === null ? null : round3(t.firstPush - t.pollWait),
      pushRows: t.pushRows,
      smsRows: t.smsRows,
      smsSegmentsPerSecond: 200,
    },
  };
}

/** Seven in ten current households of the province, subscribed with one valid P-256 key pair (encryption is still per message). */
async function subscribe(client: pg.Client, origin: string): Promise<number> {
  const ecdh = createECDH('prime256v1');
  const p256dh = ecdh.generateKeys().toString('base64url');
  const auth = randomBytes(16).toString('base64url');
  const { rowCount } = await client.query(
    `INSERT INTO push_subscriptions (household_id, endpoint, p256dh, auth)
     SELECT id, $1 || '/push/' || md5(id), $2, $3 FROM households
     WHERE valid_to IS NULL AND village_code LIKE $4 AND abs(hashtext(id)) % 10 < 7`,
    [origin, p256dh, auth, `${PROVINCE}%`],
  );
  return rowCount ?? 0;
}

/** The warning as BMKG would send it now: its own identifier, sent now, in force for three hours. */
function redate(xml: string, identifier: string): string {
  const at = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, '+00:00');
  const now = Date.now();
  return xml
    .replace(/<identifier>[^<]*<\/identifier>/, `<identifier>${identifier}</identifier>`)
    .replace(/<sent>[^<]*<\/sent>/, `<sent>${at(now)}</sent>`)
    .replace(/<effective>[^<]*<\/effective>/g, `<effective>${at(now)}</effective>`)
    .replace(/<onset>[^<]*<\/onset>/g, `<onset>${at(now)}</onset>`)
    .replace(/<expires>[^<]*<\/expires>/g, `<expires>${at(now + 3 * 3600_000)}</expires>`);
}

function rss(links: string[]): string {
  const items = links
    .map((l, i) => `<item><title>Peringatan ${i + 1}</title><link>${l}</link><guid isPermaLink="false">${l}</guid></item>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Peringatan Dini Cuaca BMKG</title><link>https://www.bmkg.go.id/</link><description>bench</description>${items}</channel></rss>`;
}

async function count(client: pg.Client, sql: string): Promise<number> {
  return Number((await client.query<{ count: string }>(sql)).rows[0]?.count ?? 0);
}

async function waitFor<T>(probe: () => Promise<T | undefined | false>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`time-to-warn: gave up waiting for ${what} after ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
