// CAP intake from other authorities over real HTTP: a sender's token speaks only for its own CAP
// senders (another's is refused and nothing is stored), the right one stores the warning and a
// delivery runtime plans one SMS row per targeted household with a phone (counted independently
// in PostGIS), a repeat is idempotent, and every refusal is a clear 4xx, logged for the liaison.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCapIntakes } from '../../src/db/cap-senders.ts';
import { capIntakeRoutes } from '../../src/http/cap-intake-routes.ts';
import { createLogger } from '../../src/logger.ts';
import { sha256Hex } from '../../src/secret-token.ts';
import { liaisonLogPage } from '../../src/web/page-liaison-log.ts';
import { boxRing, buildCap, type TestCap } from '../support/cap-builder.ts';
import { atomFeed, rssFeed } from '../support/cap-feeds.ts';
import { loadDeliSerdang, runDeliveryRuntimeOnce } from '../support/delivery-harness.ts';
import { runSiaga } from '../support/run-cli.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

const MAX_BYTES = 64 * 1024;
const DELI = '*@bpbd.deliserdangkab.go.id';
const JATIM = 'sambro@bpbd.jatimprov.go.id';
const RING = boxRing(98.7, 3.5, 98.8, 3.58);

const warning = (identifier: string, sender: string, over: Partial<TestCap> = {}): string =>
  buildCap({
    identifier,
    sender,
    sent: new Date().toISOString().replace(/\.\d+Z$/, '-00:00'),
    infos: [
      { language: 'id', severity: 'Severe', urgency: 'Immediate', expires: '2099-01-01T00:00:00+07:00', areas: [{ polygons: [RING] }] },
    ],
    ...over,
  });

describe(`CAP intake from other authorities (${engineUnderTest})`, () => {
  let t: TestDb;
  let api: TestApi;
  const tokens: Record<string, string> = {};

  const addSender = async (name: string, pattern: string) => {
    const run = await runSiaga(['senders', 'add', name, '--sender', pattern], t.db);
    expect(run.code, run.stderr).toBe(0);
    const token = /token \(shown once.*\): ([A-Za-z0-9_-]{43})$/m.exec(run.stdout)?.[1];
    expect(token).toBeDefined();
    return token as string;
  };
  const post = async (body: string | Uint8Array, o: { token?: string; type?: string; scheme?: string } = {}) => {
    const res = await fetch(`${api.base}/api/cap`, {
      method: 'POST',
      headers: { 'content-type': o.type ?? 'application/cap+xml', ...(o.token && { authorization: `${o.scheme ?? 'Bearer'} ${o.token}` }) },
      body,
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  };
  const count = async (table: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n;
  const smsRows = async (alertId: number) =>
    (
      await t.db.query<{ household_id: string }>(
        `SELECT household_id FROM deliveries WHERE alert_id = $1 AND channel = 'sms' AND kind = 'warning' ORDER BY household_id`,
        [alertId],
      )
    ).rows.map((r) => r.household_id);
  const withPhoneInside = async () =>
    (
      await t.db.query<{ id: string }>(
        `SELECT id FROM households WHERE valid_to IS NULL AND phone IS NOT NULL AND ST_Intersects(location, ST_GeomFromGeoJSON($1)) ORDER BY id`,
        [JSON.stringify({ type: 'Polygon', coordinates: [RING] })],
      )
    ).rows.map((r) => r.id);
  const lastLog = async () =>
    (
      await t.db.query(
        `SELECT sender_name, status, outcome, cap_sender, identifier, alert_id::int AS alert_id FROM cap_intake_log ORDER BY id DESC LIMIT 1`,
      )
    ).rows[0];

  beforeAll(async () => {
    t = await createTestDb();
    await loadDeliSerdang(t.db, 800, 'cap-intake');
    tokens.deli = await addSender('bpbd-deli', DELI);
    tokens.jatim = await addSender('bpbd-jatim', JATIM);
    const routes = capIntakeRoutes({
      db: t.db,
      logger: createLogger('silent'),
      now: () => new Date(),
      maxBytes: MAX_BYTES,
      marginM: 0,
      perMinute: 1000,
    });
    api = await startTestApi(t.db, routes);
  }, 180_000);
  afterAll(async () => {
    await api.close();
    await t.drop();
  });

  it('senders add prints the token once and stores only its hash; list shows the pattern; bad patterns and names are refused', async () => {
    const { rows } = await t.db.query<{ name: string; pattern: string; token_sha256: string }>(
      `SELECT name, pattern, token_sha256 FROM cap_senders ORDER BY name`,
    );
    expect(rows.map((r) => [r.name, r.pattern])).toEqual([
      ['bpbd-deli', DELI],
      ['bpbd-jatim', JATIM],
    ]);
    expect(rows[0]?.token_sha256).toBe(sha256Hex(tokens.deli as string));
    // No column anywhere in the row holds the token itself.
    const raw = JSON.stringify((await t.db.query(`SELECT * FROM cap_senders`)).rows);
    expect(raw).not.toContain(tokens.deli);
    expect(raw).not.toContain(tokens.jatim);

    const list = await runSiaga(['senders', 'list'], t.db);
    expect(list.stdout).toMatch(/^bpbd-deli {2}\*@bpbd\.deliserdangkab\.go\.id {2}active/m);
    expect(list.stdout).not.toContain(tokens.deli);
    expect((await runSiaga(['senders', 'add', 'bpbd-deli', '--sender', DELI], t.db)).stderr).toMatch(/already exists/);
    const everyone = await runSiaga(['senders', 'add', 'anyone', '--sender', '*'], t.db);
    expect(everyone.code).toBe(2);
    expect(everyone.stderr).toMatch(/--sender: .*after \* comes a domain/);
    expect((await runSiaga(['senders', 'add', 'Bad Name', '--sender', JATIM], t.db)).code).toBe(2);
    expect(await count('cap_senders')).toBe(2);
  });

  it("another sender's token is refused with 403 and stores nothing", async () => {
    const before = { alerts: await count('alerts'), handoffs: await count('delivery_handoffs') };
    const r = await post(warning('DELI-1', 'pusdalops@bpbd.deliserdangkab.go.id'), { token: tokens.jatim });
    expect(r.status).toBe(403);
    expect(r.body.error).toMatch(
      /^the token of "bpbd-jatim" may post for senders matching "sambro@bpbd\.jatimprov\.go\.id", not for "pusdalops@bpbd\.deliserdangkab\.go\.id"; nothing was stored$/,
    );
    expect({ alerts: await count('alerts'), handoffs: await count('delivery_handoffs') }).toEqual(before);
    expect(await lastLog()).toMatchObject({
      sender_name: 'bpbd-jatim',
      status: 403,
      outcome: 'wrong_sender',
      identifier: 'DELI-1',
      alert_id: null,
    });
  });

  it('the right token stores the warning, hands it to delivery, and a delivery runtime plans one SMS row per household with a phone inside', async () => {
    // The scheme is case-insensitive; the sender compared case-insensitively.
    const doc = warning('DELI-1', 'Pusdalops@BPBD.deliserdangkab.go.id');
    const r = await post(doc, { token: tokens.deli, scheme: 'bearer' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      outcome: 'new',
      stored: true,
      intake: 'api:bpbd-deli',
      delivery: { state: 'awaiting' },
      file: 'api:bpbd-deli',
    });
    const alertId = r.body.alertId as number;
    const expected = await withPhoneInside();
    expect(expected.length).toBeGreaterThan(5);
    expect((r.body.households as { inside: number }).inside).toBeGreaterThanOrEqual(expected.length);
    expect(await lastLog()).toMatchObject({ sender_name: 'bpbd-deli', status: 201, outcome: 'new', alert_id: alertId });

    expect(await runDeliveryRuntimeOnce(t.db)).toBe(1);
    expect(await smsRows(alertId)).toEqual(expected);
    const shown = await runSiaga(['alerts', 'show', String(alertId)], t.db);
    expect(shown.stdout).toMatch(/came in as api:bpbd-deli/);

    // The same document again: nothing new, and the sender learns where the warning stands.
    const again = await post(doc, { token: tokens.deli });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'duplicate', stored: false, alertId, delivery: { state: 'planned' } });
    expect(await count('alerts')).toBe(1);
    expect(await runDeliveryRuntimeOnce(t.db)).toBe(0);
    expect(await smsRows(alertId)).toEqual(expected);

    const log = await runSiaga(['senders', 'log', 'bpbd-deli'], t.db);
    expect(log.stdout).toMatch(/bpbd-deli {2}200 duplicate {2}Pusdalops@BPBD\.deliserdangkab\.go\.id DELI-1 {2}alert \d+/);
  });

  it('refuses a wrong content type (415), an oversize body (413), invalid CAP (422, with what and where) and bytes that are not XML (422), storing nothing', async () => {
    const before = (await count('alerts')) ?? 0;
    const doc = warning('DELI-2', 'pusdalops@bpbd.deliserdangkab.go.id');
    const json = await post(doc, { token: tokens.deli, type: 'application/json' });
    expect(json.status).toBe(415);
    expect(json.body.error).toMatch(
      /^send the CAP document as application\/cap\+xml, application\/xml, text\/xml, application\/atom\+xml, application\/rss\+xml \(got "application\/json"\)$/,
    );
    expect((await post(doc, { token: tokens.deli, type: 'text/xml; charset=utf-8' })).status).toBe(201);

    const big = await post(doc.replace('<description>', `<description>${'a'.repeat(MAX_BYTES)}`), { token: tokens.deli });
    expect(big.status).toBe(413);
    expect(big.body.error).toBe(`the CAP document is larger than ${MAX_BYTES} bytes`);

    const invalid = await post(
      warning('DELI-3', 'pusdalops@bpbd.deliserdangkab.go.id').replace('<urgency>Immediate</urgency>', '<urgency>Soon</urgency>'),
      { token: tokens.deli },
    );
    expect(invalid.status).toBe(422);
    expect(invalid.body.error).toMatch(
      /^the CAP document is not valid: alert\/info\[0\]\/urgency: urgency "Soon" is not allowed; expected one of Immediate, Expected, Future, Past, Unknown; nothing was stored$/,
    );
    expect(invalid.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'alert/info[0]/urgency' })]));

    for (const junk of [
      new Uint8Array([0, 159, 146, 150, 255, 0, 1]),
      '',
      '<alert',
      '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><alert/>',
    ]) {
      const r = await post(junk, { token: tokens.deli });
      expect(r.status, JSON.stringify(r.body)).toBe(422);
      expect(r.body.error).toMatch(/^the CAP document is not valid/);
    }
    // What validation may let through but storage chokes on (a NUL in the text, a circle larger
    // than the earth): refused alone with the reason, never a 500.
    const nul = await post(
      warning('DELI-5', 'pusdalops@bpbd.deliserdangkab.go.id').replace('Hujan lebat disertai petir.', 'Hujan\u0000lebat'),
      { token: tokens.deli },
    );
    const huge = await post(
      warning('DELI-6', 'pusdalops@bpbd.deliserdangkab.go.id').replace(/<polygon>.*<\/polygon>/, '<circle>3.45,98.7 20000</circle>'),
      { token: tokens.deli },
    );
    const nulSender = await post(warning('DELI-7', 'pusdalops\u0000@bpbd.deliserdangkab.go.id'), { token: tokens.deli });
    for (const r of [nul, huge, nulSender]) {
      expect(r.status, JSON.stringify(r.body)).toBeGreaterThanOrEqual(400);
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
      expect(r.body.error).toMatch(/nothing was stored$/);
    }
    expect(await count('alerts')).toBe(before + 1);
    expect(
      (
        await t.db.query(
          `SELECT status, count(*)::int AS n FROM cap_intake_log WHERE sender_name = 'bpbd-deli' AND status >= 400 GROUP BY status ORDER BY status`,
        )
      ).rows,
    ).toEqual([
      { status: 413, n: 1 },
      { status: 415, n: 1 },
      { status: 422, n: 8 },
    ]);
  });

  it('refuses a missing, unknown or revoked token with 401', async () => {
    expect((await post(warning('X', JATIM))).status).toBe(401);
    const unknown = await post(warning('X', JATIM), { token: 'A'.repeat(43) });
    expect(unknown).toMatchObject({ status: 401, body: { error: 'this token belongs to no CAP sender' } });
    expect(unknown.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const revoke = await runSiaga(['senders', 'revoke', 'bpbd-jatim'], t.db);
    expect(revoke.stdout).toMatch(/revoked sender "bpbd-jatim"/);
    const revoked = await post(warning('JATIM-1', JATIM), { token: tokens.jatim });
    expect(revoked.status).toBe(401);
    expect(revoked.body.error).toMatch(/^the token of sender "bpbd-jatim" was revoked at /);
    expect(await t.db.query(`SELECT 1 FROM alerts WHERE identifier = 'JATIM-1'`).then((r) => r.rows)).toEqual([]);
    expect((await runSiaga(['senders', 'list'], t.db)).stdout).toMatch(/^bpbd-jatim .* revoked /m);
    expect((await runSiaga(['senders', 'revoke', 'nobody'], t.db)).code).toBe(1);
  });

  it('limits posts per token, with Retry-After', async () => {
    const limited = await startTestApi(
      t.db,
      capIntakeRoutes({ db: t.db, logger: createLogger('silent'), now: () => new Date(), maxBytes: MAX_BYTES, marginM: 0, perMinute: 2 }),
    );
    try {
      const doc = warning('DELI-4', 'pusdalops@bpbd.deliserdangkab.go.id');
      const send = () =>
        fetch(`${limited.base}/api/cap`, {
          method: 'POST',
          headers: { 'content-type': 'application/xml', authorization: `Bearer ${tokens.deli}` },
          body: doc,
        });
      expect((await send()).status).toBe(201);
      expect((await send()).status).toBe(200);
      const third = await send();
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await third.json()) as { error: string }).error).toMatch(
        /^sender "bpbd-deli" posted more than 2 documents this minute; try again in \d+ s$/,
      );
    } finally {
      await limited.close();
    }
  });

  it("the liaison's log page shows who posted what, refused or stored, with the alert", async () => {
    const page = liaisonLogPage('en', 'liaison', [], { feed: '', outcome: '', since: '' }, [], await listCapIntakes(t.db, null, 50));
    const table = /<table id="cap-intake-log"[\s\S]*<\/table>/.exec(page)?.[0] ?? '';
    const deliId = (await t.db.query<{ id: string }>(`SELECT id::text FROM alerts WHERE identifier = 'DELI-1'`)).rows[0]?.id;
    expect(table).toMatch(
      new RegExp(
        `<td data-label="Sender">api:bpbd-deli</td>\\s*<td data-label="Outcome"><span class="badge" data-outcome="new">[^<]+</span></td>\\s*<td data-label="HTTP">201</td>\\s*<td data-label="CAP sender · identifier">Pusdalops@BPBD.deliserdangkab.go.id · DELI-1</td>\\s*<td data-label="Alert"><a href="/liaison/alerts/${deliId}">`,
      ),
    );
    expect(table).toMatch(
      /<td data-label="Sender">api:bpbd-jatim<\/td>\s*<td data-label="Outcome"><span class="badge status-down" data-outcome="wrong_sender">sender not allowed for the token<\/span><\/td>\s*<td data-label="HTTP">403<\/td>/,
    );
    expect(liaisonLogPage('id', 'liaison', [], { feed: '', outcome: '', since: '' }, [], [])).toContain('Belum ada kiriman.');
  });

  it('takes an Atom feed entry by entry: each embedded alert checked against the token as if posted alone (207 when they differ)', async () => {
    const before = (await count('alerts')) ?? 0;
    const feed = atomFeed([
      { id: 'ok', embed: warning('FEED-DELI-1', 'pusdalops@bpbd.deliserdangkab.go.id') },
      { id: 'other', embed: warning('FEED-JATIM-1', JATIM) },
      { id: 'linked', link: 'https://sambro.example.org/cap/FEED-2.xml' },
      { id: 'empty' },
    ]);
    const r = await post(feed, { token: tokens.deli, type: 'application/atom+xml' });
    expect(r.status).toBe(207);
    expect(r.body.feed).toBe('atom');
    expect(r.body.stored).toBe(1);
    const entries = r.body.entries as Record<string, unknown>[];
    expect(entries.map((e) => [e.entry, e.id, e.httpStatus])).toEqual([
      [1, 'ok', 201],
      [2, 'other', 403],
      [3, 'linked', 422],
      [4, 'empty', 422],
    ]);
    expect(entries[0]).toMatchObject({ outcome: 'new', stored: true, intake: 'api:bpbd-deli' });
    expect(entries[1]?.error).toMatch(
      /may post for senders matching "\*@bpbd\.deliserdangkab\.go\.id", not for "sambro@bpbd\.jatimprov\.go\.id"; nothing was stored$/,
    );
    expect(entries[2]?.error).toMatch(
      /^the entry links to its CAP message \(https:\/\/sambro\.example\.org\/cap\/FEED-2\.xml\) instead of embedding it;/,
    );
    expect(entries[3]?.error).toMatch(/^the entry holds no CAP alert: feed\/entry\[3\]: The entry neither embeds/);
    expect(await count('alerts')).toBe(before + 1);
    const logged = await t.db.query<{ status: number; identifier: string | null }>(
      `SELECT status, identifier FROM cap_intake_log ORDER BY id DESC LIMIT 4`,
    );
    expect(logged.rows.reverse()).toEqual([
      { status: 201, identifier: 'FEED-DELI-1' },
      { status: 403, identifier: 'FEED-JATIM-1' },
      { status: 422, identifier: null },
      { status: 422, identifier: null },
    ]);

    // The same feed again: the stored entry is a duplicate, the others refused as before.
    const again = await post(feed, { token: tokens.deli, type: 'application/atom+xml' });
    expect((again.body.entries as Record<string, unknown>[]).map((e) => e.httpStatus)).toEqual([200, 403, 422, 422]);
    expect(await count('alerts')).toBe(before + 1);
  });

  it('takes an RSS feed whose items embed the alert, answering with the one status they share', async () => {
    const feed = rssFeed([
      { id: 'a', embed: warning('RSS-DELI-1', 'pusdalops@bpbd.deliserdangkab.go.id') },
      { id: 'b', embed: warning('RSS-DELI-2', 'pusdalops@bpbd.deliserdangkab.go.id') },
    ]);
    const r = await post(feed, { token: tokens.deli, type: 'application/rss+xml' });
    expect(r.status).toBe(201);
    expect(r.body.stored).toBe(2);
    expect((r.body.entries as Record<string, unknown>[]).map((e) => e.identity)).toEqual([
      expect.objectContaining({ identifier: 'RSS-DELI-1' }),
      expect.objectContaining({ identifier: 'RSS-DELI-2' }),
    ]);
  });
});
