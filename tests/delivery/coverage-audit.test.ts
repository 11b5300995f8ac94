// The coverage audit against an independent count. A warning over part of Deli Serdang reaches
// households with push only, SMS only, both and neither, vulnerable and not; planning writes the
// ledger and the village tasks, then one push fails, one is delivered, one is sent, one SMS is
// answered, door knocks are planned and one is done. The expected figures are worked out here from
// the raw tables (plain SQL for the area, the classes by hand in TypeScript), never by the code
// under test. Then a ledger row is deleted behind Siaga's back: the audit, the CLI (exit 1), the
// API and the liaison page must all raise the alarm; a held hand-off explains it again.
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgeDelivery } from '../../src/db/acknowledgements.ts';
import {
  COVERAGE_CLASSES,
  coverageFigures,
  findCoverageAlert,
  type CoverageClass,
  type CoverageFigures,
} from '../../src/db/coverage-audit.ts';
import { groupsForDoorKnocks, planGroupDoorKnocks } from '../../src/db/tagana-door-knocks.ts';
import { coverageRoutes } from '../../src/http/coverage-routes.ts';
import { createServer } from '../../src/http/server.ts';
import { webRoutes } from '../../src/http/web-routes.ts';
import { staffSessions } from '../../src/http/web-session.ts';
import { createLogger } from '../../src/logger.ts';
import { runDeliveryRuntimeOnce, testClock } from '../support/delivery-harness.ts';
import { runSiaga } from '../support/run-cli.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';
import { AREA_WEST, ingest, LATER, loadTaganaWorld } from '../tagana/tagana-harness.ts';

const LIAISON_TOKEN = 'liaison-test-token-0123456789';
// AREA_WEST as plain SQL: the independent count of who is inside.
const INSIDE_SQL = `
SELECT h.id, h.vulnerable, h.phone, EXISTS (SELECT 1 FROM push_subscriptions s WHERE s.household_id = h.id AND s.active) AS push
FROM households h WHERE h.valid_to IS NULL AND ST_Intersects(h.location, ST_MakeEnvelope(98.56, 3.28, 98.66, 3.36, 4326)) ORDER BY h.id`;

interface Inside {
  id: string;
  vulnerable: number;
  phone: string | null;
  push: boolean;
}

describe(`coverage audit (${engineUnderTest})`, () => {
  let t: TestDb;
  let alertId = '';
  let groupId = '';
  let base = '';
  let cookie = '';
  let server: ReturnType<typeof createServer> | undefined;
  const clock = testClock(new Date().toISOString());
  const byType: Record<'push' | 'sms' | 'both' | 'neither', string[]> = {
    push: [],
    sms: [],
    both: [],
    neither: [],
  };

  beforeAll(async () => {
    t = await createTestDb();
    await loadTaganaWorld(t.db, 3000, 'coverage');
    // Channels by row: 0 push only, 1 SMS only, 2 both, 3 neither; and a third of them vulnerable.
    await t.db.execScript(`
      UPDATE households SET phone = CASE WHEN row_id % 4 IN (1, 2) THEN '+62812' || lpad(row_id::text, 7, '0') END WHERE valid_to IS NULL;
      UPDATE households SET elderly = greatest(elderly, 1), vulnerable = greatest(vulnerable, 1) WHERE valid_to IS NULL AND row_id % 3 = 0;
      UPDATE households SET elderly = 0, disabled = 0, infant = 0, pregnant = 0, ill = 0, vulnerable = 0 WHERE valid_to IS NULL AND row_id % 3 = 1;
      INSERT INTO push_subscriptions (household_id, endpoint, p256dh, auth)
        SELECT id, 'https://push.test/' || id, 'k', 'a' FROM households WHERE valid_to IS NULL AND row_id % 4 IN (0, 2);`);
    const alert = await ingest(t.db, {
      identifier: 'COVER-1',
      infos: [{ expires: LATER, areas: [{ polygons: [AREA_WEST] }] }],
    });
    alertId = String(alert.alertId);
    clock.set(new Date(Date.now() + 1000)); // the hand-off is ready from the ingest's own clock
    expect(await runDeliveryRuntimeOnce(t.db, clock)).toBe(1);
    groupId = (await t.db.query<{ g: string }>(`SELECT group_id::text AS g FROM alerts WHERE id = $1`, [alertId])).rows[0]?.g ?? '';

    for (const h of (await t.db.query<Inside>(INSIDE_SQL)).rows)
      byType[h.push && h.phone ? 'both' : h.push ? 'push' : h.phone ? 'sms' : 'neither'].push(h.id);
    for (const kind of ['push', 'sms', 'both', 'neither'] as const) expect(byType[kind].length, kind).toBeGreaterThan(3);

    // Outcomes: a push failed, one delivered, one sent and unconfirmed, an SMS answered.
    const row = async (household: string, channel: string) =>
      (
        await t.db.query<{ id: string }>(`SELECT id::text FROM deliveries WHERE household_id = $1 AND channel = $2 AND group_id = $3`, [
          household,
          channel,
          groupId,
        ])
      ).rows[0]?.id ?? '';
    const now = clock.now();
    // This runtime has no push service or SMS gateway, so it failed every row at once: back to
    // queued, as on a runtime whose channels are busy, and then the outcomes this test chooses.
    await t.db.query(`UPDATE deliveries SET state = 'queued', failure_reason = NULL, failed_at = NULL WHERE household_id IS NOT NULL`);
    await t.db.query(
      `UPDATE deliveries SET state = 'failed', failed_at = $2, failure_reason = 'push service answered 410 Gone' WHERE id = $1`,
      [await row(byType.push[0] ?? '', 'push'), now],
    );
    await t.db.query(`UPDATE deliveries SET state = 'delivered', sent_at = $2, delivered_at = $2 WHERE id = $1`, [
      await row(byType.push[1] ?? '', 'push'),
      now,
    ]);
    await t.db.query(`UPDATE deliveries SET state = 'sent', sent_at = $2 WHERE id = $1`, [await row(byType.both[0] ?? '', 'push'), now]);
    const sms = await row(byType.sms[0] ?? '', 'sms');
    await t.db.query(`UPDATE deliveries SET state = 'sent', sent_at = $2 WHERE id = $1`, [sms, now]);
    expect(await acknowledgeDelivery(t.db, sms, 'safe', now)).toMatchObject({
      state: 'acknowledged',
    });

    // Door knocks for the unreached vulnerable, at once; one of them done.
    const [group] = await groupsForDoorKnocks(t.db, now);
    expect(group).toBeDefined();
    const knocks = await planGroupDoorKnocks(t.db, {
      group: group as NonNullable<typeof group>,
      now,
      windowSeconds: 0,
      hazard: 1,
      vulnerableWeight: 1,
      needHelpBonus: 1,
    });
    expect(knocks.length).toBeGreaterThan(1);
    await t.db.query(`UPDATE tagana_tasks SET state = 'done', done_at = $2 WHERE id = $1`, [knocks[0]?.task_id, now]);

    const now2 = () => new Date();
    server = createServer({
      db: t.db,
      logger: createLogger('silent'),
      feeds: [],
      liaisonToken: LIAISON_TOKEN,
      routes: [
        ...coverageRoutes({ db: t.db, now: now2 }),
        ...webRoutes({
          db: t.db,
          logger: createLogger('silent'),
          now: now2,
          feeds: [],
          codeSecret: 'c',
          snapMetres: 100,
          publicBaseUrl: 'http://siaga.test',
        }),
      ],
      clientRateLimitPerMinute: 10_000,
    });
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect((await runSiaga(['users', 'add', 'rina.bmkg', '--role', 'liaison'], t.db)).code).toBe(0);
    const user = (await t.db.query<{ id: number }>(`SELECT id::int AS id FROM web_users WHERE username = 'rina.bmkg'`)).rows[0]?.id ?? 0;
    cookie = (await staffSessions(t.db, now2).start(user, { headers: { host: '127.0.0.1' } } as http.IncomingMessage)).split(';')[0] ?? '';
  }, 300_000);
  afterAll(async () => {
    if (server) await new Promise((r) => server?.close(r));
    await t?.drop();
  });

  /** The figures worked out by hand from the raw tables. */
  async function expected(handoff: string): Promise<CoverageFigures> {
    const inside = (await t.db.query<Inside>(INSIDE_SQL)).rows;
    const rows = (
      await t.db.query<{
        household_id: string;
        channel: string;
        state: string;
        failure_reason: string | null;
      }>(
        `SELECT household_id, channel, state, failure_reason FROM deliveries WHERE group_id = $1 AND household_id IS NOT NULL AND kind IN ('warning', 'update')`,
        [groupId],
      )
    ).rows;
    const knocks = new Map(
      (
        await t.db.query<{ household_id: string; state: string }>(
          `SELECT household_id, state FROM tagana_tasks WHERE group_id = $1 AND kind = 'door_knock'`,
          [groupId],
        )
      ).rows.map((k) => [k.household_id, k.state]),
    );
    const ids = new Set(inside.map((h) => h.id));
    const mine = rows.filter((r) => ids.has(r.household_id));
    const households = Object.fromEntries(COVERAGE_CLASSES.map((c) => [c, 0])) as Record<CoverageClass, number>;
    const f: CoverageFigures = {
      targeted: inside.length,
      vulnerable: inside.filter((h) => h.vulnerable > 0).length,
      households,
      delivered: 0,
      acknowledged: 0,
      unreachable: 0,
      unreachable_vulnerable: 0,
      unreached_vulnerable: 0,
      knocks: { open: 0, done: 0, stood_down: 0, none: 0 },
      unaccounted: 0,
      unaccounted_sample: [],
      ledger: [],
      failures: [],
    };
    for (const h of inside) {
      const states = mine.filter((r) => r.household_id === h.id).map((r) => r.state);
      const cls: CoverageClass = states.includes('acknowledged')
        ? 'acknowledged'
        : states.includes('delivered')
          ? 'delivered'
          : states.includes('sent')
            ? 'sent'
            : states.some((s) => s === 'queued' || s === 'sending')
              ? 'pending'
              : states.includes('failed')
                ? 'failed'
                : states.length > 0
                  ? 'expired'
                  : !h.phone && !h.push
                    ? 'unreachable'
                    : ['awaiting', 'held', 'not_for_residents', 'reaches_nobody'].includes(handoff)
                      ? 'not_planned'
                      : 'unaccounted';
      households[cls] += 1;
      if (cls === 'acknowledged' || cls === 'delivered') f.delivered += 1;
      if (cls === 'acknowledged') f.acknowledged += 1;
      if (!h.phone && !h.push) f.unreachable += 1;
      if (!h.phone && !h.push && h.vulnerable > 0) f.unreachable_vulnerable += 1;
      if (cls === 'unaccounted') f.unaccounted_sample.push(h.id);
      if (h.vulnerable > 0 && cls !== 'acknowledged' && cls !== 'delivered') {
        f.unreached_vulnerable += 1;
        const k = knocks.get(h.id);
        if (k === undefined) f.knocks.none += 1;
        else if (k === 'done') f.knocks.done += 1;
        else if (k === 'stood_down') f.knocks.stood_down += 1;
        else f.knocks.open += 1;
      }
    }
    f.unaccounted = households.unaccounted;
    f.unaccounted_sample = f.unaccounted_sample.sort().slice(0, 20);
    const count = new Map<string, number>();
    for (const r of mine) count.set(`${r.channel}\u0000${r.state}`, (count.get(`${r.channel}\u0000${r.state}`) ?? 0) + 1);
    f.ledger = [...count]
      .map(([k, n]) => ({
        channel: k.split('\u0000')[0] ?? '',
        state: k.split('\u0000')[1] ?? '',
        n,
      }))
      .sort((a, b) => (a.channel + a.state < b.channel + b.state ? -1 : 1));
    const failed = mine.filter((r) => r.state === 'failed');
    f.failures = [...new Set(failed.map((r) => `${r.channel}\u0000${r.failure_reason}`))].map((k) => ({
      channel: k.split('\u0000')[0] ?? '',
      reason: k.split('\u0000')[1] ?? '',
      n: failed.filter((r) => `${r.channel}\u0000${r.failure_reason}` === k).length,
    }));
    return f;
  }

  const audit = async () =>
    coverageFigures(
      t.db,
      (await findCoverageAlert(t.db, alertId, new Date())) as NonNullable<Awaited<ReturnType<typeof findCoverageAlert>>>,
    );

  it('equals the independent count, class by class; nobody unaccounted', async () => {
    const got = await audit();
    expect(got).toEqual(await expected('planned'));
    // The scenario really has every kind of household in it, so the comparison can fail.
    expect(got.targeted).toBe(byType.push.length + byType.sms.length + byType.both.length + byType.neither.length);
    expect(got.households).toMatchObject({
      acknowledged: 1,
      delivered: 1,
      sent: 1,
      failed: 1,
      unreachable: byType.neither.length,
      not_planned: 0,
      unaccounted: 0,
    });
    expect(got.households.pending).toBe(got.targeted - 4 - byType.neither.length);
    expect(Object.values(got.households).reduce((a, b) => a + b, 0)).toBe(got.targeted);
    expect(got.unreachable_vulnerable).toBeGreaterThan(0);
    expect(got.knocks.done).toBe(1);
    expect(got.knocks.open).toBeGreaterThan(0);
    expect(got.failures).toEqual([{ channel: 'push', reason: 'push service answered 410 Gone', n: 1 }]);
    expect(got.ledger.find((l) => l.channel === 'sms' && l.state === 'acknowledged')?.n).toBe(1);
  });

  it('siaga coverage prints every standing warning and exits 0; --json has the documented shape', async () => {
    const text = await runSiaga(['coverage'], t.db);
    expect([text.code, text.stderr]).toEqual([0, '']);
    expect(text.stdout).toContain(`alert ${alertId}: Alert COVER-1`);
    expect(text.stdout).toMatch(/unaccounted 0/);
    const json = await runSiaga(['coverage', 'COVER-1', '--json'], t.db);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as {
      unaccounted: number;
      warnings: Record<string, unknown>[];
    };
    expect(parsed.unaccounted).toBe(0);
    expect(parsed.warnings).toHaveLength(1);
    expect(Object.keys(parsed.warnings[0] ?? {}).sort()).toEqual([
      'acknowledged',
      'delivered',
      'event',
      'expires',
      'failures',
      'group_id',
      'handoff_reason',
      'handoff_state',
      'households',
      'id',
      'identifier',
      'knocks',
      'ledger',
      'msg_type',
      'sender',
      'sent',
      'severity',
      'standing',
      'targeted',
      'unaccounted',
      'unaccounted_sample',
      'unreachable',
      'unreachable_vulnerable',
      'unreached_vulnerable',
      'urgency',
      'vulnerable',
    ]);
    expect(parsed.warnings[0]).toMatchObject({
      id: alertId,
      standing: true,
      handoff_state: 'planned',
      ...(await expected('planned')),
    });
    expect((await runSiaga(['coverage', 'NO-SUCH'], t.db)).stderr).toContain('no alert with id or identifier "NO-SUCH"');
  });

  it('the API needs the liaison token and answers the same figures', async () => {
    expect((await fetch(`${base}/api/coverage`)).status).toBe(401);
    expect(
      (
        await fetch(`${base}/api/coverage`, {
          headers: { authorization: 'Bearer wrong' },
        })
      ).status,
    ).toBe(401);
    const auth = { authorization: `Bearer ${LIAISON_TOKEN}` };
    const res = await fetch(`${base}/api/coverage?alert=${alertId}`, {
      headers: auth,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      unaccounted: 0,
      warnings: [{ id: alertId, ...(await expected('planned')) }],
    });
    expect((await fetch(`${base}/api/coverage?alert=999999`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${base}/api/coverage?alert=`, { headers: auth })).status).toBe(400);
  });

  it('a household with neither a ledger row nor a reason is an alarm everywhere; a held hand-off is a reason', async () => {
    const victim = byType.sms[1] ?? '';
    await t.db.query(`DELETE FROM deliveries WHERE household_id = $1 AND group_id = $2`, [victim, groupId]);
    const got = await audit();
    expect(got).toEqual(await expected('planned'));
    expect([got.unaccounted, got.unaccounted_sample, got.households.unaccounted]).toEqual([1, [victim], 1]);

    const cli = await runSiaga(['coverage'], t.db);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`ALARM: 1 unaccounted, e.g. ${victim}`);
    expect(cli.stderr).toContain('ALARM: 1 targeted household(s) have neither a ledger row nor a recorded reason');
    const json = await runSiaga(['coverage', '--json'], t.db);
    expect([json.code, json.stderr, (JSON.parse(json.stdout) as { unaccounted: number }).unaccounted]).toEqual([1, '', 1]);
    const api = await fetch(`${base}/api/coverage`, {
      headers: { authorization: `Bearer ${LIAISON_TOKEN}` },
    });
    expect(await api.json()).toMatchObject({ unaccounted: 1 });

    // The liaison's pages: behind the session, Indonesian, the alarm on top.
    const signedOut = await fetch(`${base}/liaison/coverage`, {
      redirect: 'manual',
    });
    expect([signedOut.status, signedOut.headers.get('location')]).toEqual([303, '/signin?next=%2Fliaison%2Fcoverage']);
    const page = await fetch(`${base}/liaison/coverage`, {
      headers: { cookie },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Audit cakupan peringatan');
    expect(html).toContain('ALARM: 1 rumah sasaran tidak terhitung');
    expect(html).toMatch(new RegExp(`data-figure="targeted">\\s*${got.targeted} \\(`));
    expect(html).toContain(victim);
    const one = await fetch(`${base}/liaison/coverage/${alertId}`, {
      headers: { cookie },
    });
    expect(one.status).toBe(200);
    expect(await one.text()).toContain(`data-coverage-alarm="${alertId}"`);
    expect((await fetch(`${base}/liaison/coverage/999999`, { headers: { cookie } })).status).toBe(404);

    // Held: the whole message has a recorded reason, so the household is accounted for.
    await t.db.query(`UPDATE delivery_handoffs SET state = 'held', reason = 'held for the test' WHERE alert_id = $1`, [alertId]);
    const held = await audit();
    expect(held).toEqual(await expected('held'));
    expect([held.unaccounted, held.households.not_planned]).toEqual([0, 1]);
    expect((await runSiaga(['coverage'], t.db)).code).toBe(0);
    const calm = await (await fetch(`${base}/liaison/coverage`, { headers: { cookie } })).text();
    expect(calm).not.toContain('coverage-alarm');
  });
});
