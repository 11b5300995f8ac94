// Residents answer a warning SMS by SMS, over both gateways as they run for real: the local SMSC
// sends a mobile-originated deliver_sm over SMPP, the local HTTP gateway posts to Siaga's inbound
// webhook. BANTU acknowledges the household's delivery with need_help and the next sweep opens a
// door-knock task for its team; "aman." answers safe; an unknown number gets exactly one help
// reply however often it writes, and every message is kept with what came of it.
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteResidentData } from '../../src/db/resident-households.ts';
import { HELP_REPLY_TEXT } from '../../src/delivery/receive-sms-reply.ts';
import { createHttpSmsGateway } from '../../src/delivery/sms/http-sms-gateway.ts';
import { createSmppGateway } from '../../src/delivery/sms/smpp-gateway.ts';
import type { SmsGateway } from '../../src/delivery/sms/sms-gateway.ts';
import type { Db } from '../../src/db/db.ts';
import { startDeliveryRuntime, type DeliveryRuntime } from '../../src/delivery/start-delivery-runtime.ts';
import { createServer } from '../../src/http/server.ts';
import { smsInboundRoutes } from '../../src/http/sms-inbound-routes.ts';
import { createLogger } from '../../src/logger.ts';
import { DEFAULT_ESCALATION_POLICY } from '../../src/policy/escalation-policy.ts';
import { testClock, testDeliveryDeps } from '../support/delivery-harness.ts';
import { startLocalSmsHttpGateway } from '../support/local-sms-http-gateway.ts';
import { startLocalSmsc } from '../support/local-smsc.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';
import { AREA_WEST, ingest, LATER, loadTaganaWorld, RESET_SQL } from '../tagana/tagana-harness.ts';

const TOKEN = 'gateway-token-0123456789abcdef';
const STRANGER = '+6289900000001';

interface Rig {
  sms: SmsGateway;
  /** The resident sends `text` from `from` (E.164); resolves once Siaga took it. */
  reply(from: string, text: string): Promise<void>;
  /** Texts the gateway was given for `to` (E.164). */
  sentTo(to: string): string[];
  close(): Promise<void>;
}

async function smppRig(): Promise<Rig> {
  const smsc = await startLocalSmsc({ systemId: 'siaga', password: 'secret' });
  const sms = createSmppGateway({ url: smsc.url, systemId: 'siaga', password: 'secret', sourceAddr: 'BMKG', segmentsPerSecond: 1000 });
  await sms.connect();
  return {
    sms,
    reply: (from, text) => smsc.sendMobileOriginated({ from, fromTon: 1, text }),
    sentTo: (to) => smsc.messages.filter((m) => m.destination === to.slice(1)).map((m) => m.text),
    close: () => smsc.close(),
  };
}

async function httpRig(db: Db): Promise<Rig> {
  // The webhook's address is known once Siaga listens; the stand-in reads it when it posts.
  const inboundTo = { url: '', token: TOKEN };
  const gateway = await startLocalSmsHttpGateway({ token: TOKEN, receipts: { outcome: 'none' }, inboundTo });
  const sms = createHttpSmsGateway({ url: gateway.url, token: TOKEN, segmentsPerSecond: 1000, timeoutMs: 5000 });
  const server: http.Server = createServer({
    db,
    logger: createLogger('silent'),
    feeds: [],
    liaisonToken: undefined,
    routes: smsInboundRoutes(sms, TOKEN),
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  inboundTo.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/sms/inbound`;
  return {
    sms,
    async reply(from, text) {
      expect(await gateway.sendInbound({ from, text })).toBe(202);
    },
    sentTo: (to) => gateway.messages.filter((m) => m.to === to).map((m) => m.text),
    async close() {
      await new Promise((r) => server.close(r));
      await gateway.close();
    },
  };
}

describe.each<[string, (db: Db) => Promise<Rig>]>([
  ['SMPP', smppRig],
  ['HTTP', httpRig],
])(`SMS replies over %s (${engineUnderTest})`, (_name, makeRig) => {
  let t: TestDb;
  let rig: Rig;
  let runtime: DeliveryRuntime;
  const clock = testClock(new Date().toISOString());

  beforeAll(async () => {
    t = await createTestDb();
    await loadTaganaWorld(t.db, 800, 'sms-replies');
    await t.db.execScript(RESET_SQL);
    rig = await makeRig(t.db);
    runtime = await startDeliveryRuntime({
      deps: testDeliveryDeps(t.db, clock, { sms: rig.sms }),
      worker: true,
      sweepSeconds: 0,
      tagana: { escalation: DEFAULT_ESCALATION_POLICY, doorKnockAfterSeconds: 1800 },
    });
  }, 120_000);
  afterAll(async () => {
    await runtime?.stop();
    await rig?.close();
    await t?.drop();
  });

  const inbound = async (phone: string) =>
    (
      await t.db.query<{ text: string; outcome: string; response: string | null; household_id: string | null; help_reply: string }>(
        `SELECT text, outcome, response, household_id, help_reply FROM inbound_sms WHERE phone = $1 ORDER BY id`,
        [phone],
      )
    ).rows;
  const settled = (phone: string, n: number) =>
    expect.poll(async () => (await inbound(phone)).filter((r) => r.outcome !== 'pending').length, { timeout: 10_000 }).toBe(n);

  it('BANTU asks for help (a door knock for the team within one sweep), aman. says safe, a stranger gets one help reply', async () => {
    const alert = await ingest(t.db, {
      identifier: 'SMS-REPLY-1',
      infos: [{ expires: LATER, severity: 'Severe', urgency: 'Immediate', certainty: 'Observed', areas: [{ polygons: [AREA_WEST] }] }],
    });
    const plan = await runtime.deliver(alert.alertId);
    await runtime.idle();
    expect(plan.sms).toBeGreaterThan(2);
    const [helped, safe] = (
      await t.db.query<{ id: string; household_id: string; phone: string }>(
        `SELECT d.id::text, d.household_id, h.phone FROM deliveries d JOIN households h ON h.id = d.household_id AND h.valid_to IS NULL
         WHERE d.alert_id = $1 AND d.channel = 'sms' AND d.state IN ('sent', 'delivered') ORDER BY d.id LIMIT 2`,
        [alert.alertId],
      )
    ).rows;
    if (!helped || !safe) throw new Error('the warning reached fewer than two households by SMS');
    expect(rig.sentTo(helped.phone)).toHaveLength(1);

    await rig.reply(helped.phone, 'Bantu!');
    await rig.reply(safe.phone, 'aman.');
    await settled(helped.phone, 1);
    await settled(safe.phone, 1);
    expect(await inbound(helped.phone)).toEqual([
      { text: 'Bantu!', outcome: 'acknowledged', response: 'need_help', household_id: helped.household_id, help_reply: 'none' },
    ]);
    const row = async (id: string) =>
      (await t.db.query<{ state: string; response: string }>(`SELECT state, response FROM deliveries WHERE id = $1`, [id])).rows[0];
    expect(await row(helped.id)).toEqual({ state: 'acknowledged', response: 'need_help' });
    expect(await row(safe.id)).toEqual({ state: 'acknowledged', response: 'safe' });

    await runtime.sweep();
    const knocks = (
      await t.db.query<{ household_id: string; reason: string; team_code: string | null }>(
        `SELECT household_id, reason, team_code FROM tagana_tasks WHERE kind = 'door_knock' AND reason = 'need_help'`,
      )
    ).rows;
    expect(knocks).toEqual([{ household_id: helped.household_id, reason: 'need_help', team_code: expect.stringMatching(/^tagana-/) }]);
    // Recognised replies are never answered by SMS.
    expect(rig.sentTo(helped.phone)).toHaveLength(1);

    await rig.reply(STRANGER, 'AMAN');
    await settled(STRANGER, 1);
    await rig.reply(STRANGER, 'halo?');
    await rig.reply(STRANGER, 'AMAN');
    await settled(STRANGER, 3);
    await expect.poll(() => rig.sentTo(STRANGER), { timeout: 10_000 }).toEqual([HELP_REPLY_TEXT]);
    expect((await inbound(STRANGER)).map((r) => [r.outcome, r.help_reply])).toEqual([
      ['unknown_number', 'sent'],
      ['unknown_number', 'rate_limited'],
      ['unknown_number', 'rate_limited'],
    ]);

    // A resident who deletes their data takes their SMS with them; the stranger's stay.
    expect(await t.db.transaction((tx) => deleteResidentData(tx, helped.household_id))).toBe(true);
    expect(await inbound(helped.phone)).toEqual([]);
    expect(await inbound(STRANGER)).toHaveLength(3);
  });
});
