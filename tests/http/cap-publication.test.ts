// Siaga publishes CAP over real HTTP: a raster hazard approved by a liaison appears in feed.atom,
// both feeds pass Siaga's own feed checker and every linked message passes checkCap, a poller
// that has the current version gets 304, and an expired warning never appears in standing.atom
// (neither one that arrived expired nor one whose expiry passes while it was listed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCapDocument } from '../../src/alerts/ingest-cap-document.ts';
import { checkCap } from '../../src/cap/check-cap.ts';
import { checkCapFeed } from '../../src/cap/check-cap-feed.ts';
import { capPublicationRoutes } from '../../src/http/cap-publication-routes.ts';
import { approveCandidate } from '../../src/hazards/approve-candidate.ts';
import { boxRing, buildCap } from '../support/cap-builder.ts';
import { loadDeliSerdang, testClock } from '../support/delivery-harness.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';
import { boxHazard, draft, reviewDeps, testProduct } from '../hazards/hazard-test-kit.ts';

const BASE = 'https://siaga.example.id';
const SIAGA = 'peringatan@siaga.test';
const BMKG = 'cuaca.ekstrem@bmkg.go.id';
const capTime = (d: Date) => d.toISOString().replace(/\.\d+Z$/, '-00:00');

describe(`CAP published by Siaga: feed.atom, standing.atom and the messages they link (${engineUnderTest})`, () => {
  let t: TestDb;
  let api: TestApi;
  let now = new Date();

  beforeAll(async () => {
    t = await createTestDb();
    await loadDeliSerdang(t.db, 300, 'cap-publication');
    api = await startTestApi(t.db, capPublicationRoutes({ db: t.db, now: () => now, publicBaseUrl: `${BASE}/`, siagaSender: SIAGA }));
  });
  afterAll(async () => {
    await api.close();
    await t.drop();
  });

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${api.base}${path}`, { headers });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  /** The feed, checked; each linked message fetched (from this server) and checked too. */
  const readFeed = async (path: string) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const feed = checkCapFeed(res.text);
    expect(feed.errors).toEqual([]);
    expect(feed).toMatchObject({ valid: true, kind: 'atom' });
    const messages = [];
    for (const entry of feed.entries) {
      expect(entry.id).toBe(entry.capUrl);
      expect(entry.title).toBeTruthy();
      expect(entry.capUrl?.startsWith(`${BASE}/cap/alerts/`)).toBe(true);
      const doc = await get(new URL(entry.capUrl ?? '').pathname);
      expect(doc.status).toBe(200);
      expect(doc.headers.get('content-type')).toBe('application/cap+xml; charset=utf-8');
      const check = checkCap(doc.text);
      expect(check.errors).toEqual([]);
      expect(check.valid).toBe(true);
      messages.push({ entry, alert: check.alert, xml: doc.text });
    }
    return { res, feed, messages };
  };
  const receive = async (identifier: string, expires: Date, sent = new Date(now.getTime() - 60_000), language = 'id') => {
    const result = await ingestCapDocument(
      t.db,
      {
        source: `test:${identifier}`,
        bytes: buildCap({
          identifier,
          sender: BMKG,
          sent: capTime(sent),
          infos: [
            {
              language,
              headline: `Peringatan ${identifier} (${language})`,
              expires: capTime(expires),
              areas: [{ polygons: [boxRing(98.7, 3.5, 98.8, 3.58)] }],
            },
          ],
        }),
      },
      { dryRun: false, maxBytes: 1e6, marginM: 0, now: () => now },
    );
    expect(result.outcome).toBe(language === 'id' ? 'new' : 'translation');
    return result;
  };

  it('lists a raster-derived warning in feed.atom once a liaison approves it, linking Siaga’s own CAP', async () => {
    const clock = testClock(now.toISOString());
    const before = await readFeed('/cap/feed.atom');
    expect(before.feed.entries).toEqual([]);

    const id = await draft(t.db, clock, testProduct('cap-feed'), boxHazard([{ box: [98.7, 3.5, 98.78, 3.58] }]));
    expect((await readFeed('/cap/feed.atom')).feed.entries).toEqual([]);
    const approval = await approveCandidate(reviewDeps(t.db, clock, 1), id, 'Rina Siregar');
    expect(approval.state).toBe('approved');

    const after = await readFeed('/cap/feed.atom');
    expect(after.messages.map((m) => m.alert?.identifier)).toEqual([approval.alert?.identifier]);
    const [own] = after.messages;
    expect(own?.alert).toMatchObject({ sender: SIAGA, msgType: 'Alert', status: 'Actual' });
    // The stored document is served byte for byte: what Siaga wrote is what it stored.
    const stored = await t.db.query<{ raw_xml: string }>(`SELECT raw_xml FROM alert_documents WHERE alert_id = $1`, [approval.alert?.id]);
    expect(own?.xml).toBe(stored.rows[0]?.raw_xml);
    expect(after.res.text).toContain(`<cap:identifier>${approval.alert?.identifier}</cap:identifier>`);
    expect(after.res.text).toContain(`<link rel="self" type="application/atom+xml" href="${BASE}/cap/feed.atom"/>`);
    // Another authority's warning is not Siaga's own message.
    await receive('bmkg-not-own', new Date(now.getTime() + 3_600_000));
    expect((await readFeed('/cap/feed.atom')).messages.map((m) => m.alert?.sender)).toEqual([SIAGA]);
    // And standing.atom carries the approved warning too, as one Siaga acts on.
    expect((await readFeed('/cap/standing.atom')).messages.map((m) => m.alert?.identifier)).toContain(approval.alert?.identifier);
  });

  it('answers 304 to a poller holding the current version, by ETag and by Last-Modified', async () => {
    for (const path of ['/cap/feed.atom', '/cap/standing.atom']) {
      const first = await get(path);
      const etag = first.headers.get('etag');
      const modified = first.headers.get('last-modified');
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
      expect(modified).toBeTruthy();
      expect(first.headers.get('cache-control')).toBe('public, max-age=60');

      const same = await get(path, { 'if-none-match': etag ?? '' });
      expect(same.status).toBe(304);
      expect(same.text).toBe('');
      expect(same.headers.get('etag')).toBe(etag);
      expect((await get(path, { 'if-none-match': `"other", ${etag ?? ''}` })).status).toBe(304);
      expect((await get(path, { 'if-none-match': '"stale"' })).status).toBe(200);
      expect((await get(path, { 'if-modified-since': modified ?? '' })).status).toBe(304);
      // If-None-Match decides when both are given.
      expect((await get(path, { 'if-none-match': '"stale"', 'if-modified-since': modified ?? '' })).status).toBe(200);
    }
    const feed = checkCapFeed((await get('/cap/feed.atom')).text);
    const path = new URL(feed.entries[0]?.capUrl ?? '').pathname;
    const doc = await get(path);
    expect(doc.headers.get('cache-control')).toBe('public, max-age=300');
    expect((await get(path, { 'if-none-match': doc.headers.get('etag') ?? '' })).status).toBe(304);
    expect((await get('/cap/alerts/987654321.xml')).status).toBe(404);
  });

  it('keeps expired warnings out of standing.atom, with each standing one’s source sender and identifier', async () => {
    // Old and expired: over by every reading.
    await receive('bmkg-long-over', new Date(now.getTime() - 3_600_000), new Date(now.getTime() - 7_200_000));
    // Sent a minute ago yet expired on arrival: Siaga still delivers it for its stated life (a
    // clock is likelier wrong than the storm over), but the document says expired, so not standing.
    const arrivedExpired = await receive('bmkg-arrived-expired', new Date(now.getTime() - 1_000));
    const actedOn = await t.db.query<{ expires: Date }>(`SELECT expires FROM alerts WHERE id = $1`, [arrivedExpired.alertId]);
    expect(new Date(actedOn.rows[0]?.expires ?? 0).getTime()).toBeGreaterThan(now.getTime());
    const ending = await receive('bmkg-ending-soon', new Date(now.getTime() + 120_000));
    const standing = await readFeed('/cap/standing.atom');
    const identifiers = standing.messages.map((m) => m.alert?.identifier);
    expect(identifiers).toContain('bmkg-ending-soon');
    expect(identifiers).toContain('bmkg-not-own');
    expect(identifiers).not.toContain('bmkg-arrived-expired');
    expect(identifiers).not.toContain('bmkg-long-over');
    expect(standing.res.text).toContain(`<cap:sender>${BMKG}</cap:sender>`);
    expect(standing.res.text).toContain('<cap:identifier>bmkg-ending-soon</cap:identifier>');
    // The received message is served as its source sent it.
    const served = standing.messages.find((m) => m.alert?.identifier === 'bmkg-ending-soon');
    const stored = await t.db.query<{ raw_xml: string }>(`SELECT raw_xml FROM alert_documents WHERE alert_id = $1`, [ending.alertId]);
    expect(served?.xml).toBe(stored.rows[0]?.raw_xml);
    const etag = standing.res.headers.get('etag') ?? '';

    // Its expiry passes: it leaves the feed, and a poller holding the old version gets the new one.
    now = new Date(now.getTime() + 180_000);
    const later = await readFeed('/cap/standing.atom');
    expect(later.messages.map((m) => m.alert?.identifier)).not.toContain('bmkg-ending-soon');
    expect(later.messages.map((m) => m.alert?.identifier)).toContain('bmkg-not-own');
    expect((await get('/cap/standing.atom', { 'if-none-match': etag })).status).toBe(200);
    expect(new Date(later.res.headers.get('last-modified') ?? '').getTime()).toBeGreaterThan(
      new Date(standing.res.headers.get('last-modified') ?? '').getTime(),
    );
  });

  it('links each document of a warning its source sent in two languages, each served as sent', async () => {
    const sent = new Date(now.getTime() - 30_000);
    const expires = new Date(now.getTime() + 3_600_000);
    const id = await receive('bmkg-two-languages', expires, sent, 'id');
    const en = await receive('bmkg-two-languages', expires, sent, 'en');
    expect(en.alertId).toBe(id.alertId);
    const feed = await get('/cap/standing.atom');
    const docs = await t.db.query<{ id: number; raw_xml: string }>(
      `SELECT id::int, raw_xml FROM alert_documents WHERE alert_id = $1 ORDER BY id`,
      [id.alertId],
    );
    expect(docs.rows).toHaveLength(2);
    const [first, second] = docs.rows;
    expect(feed.text).toContain(
      `<link rel="alternate" type="application/cap+xml" hreflang="id" href="${BASE}/cap/alerts/${id.alertId}.xml"/>`,
    );
    const related = `${BASE}/cap/alerts/${id.alertId}/documents/${second?.id}.xml`;
    expect(feed.text).toContain(`<link rel="related" type="application/cap+xml" hreflang="en" href="${related}"/>`);
    expect((await get(`/cap/alerts/${id.alertId}.xml`)).text).toBe(first?.raw_xml);
    const translation = await get(new URL(related).pathname);
    expect(translation.text).toBe(second?.raw_xml);
    expect(checkCap(translation.text).valid).toBe(true);
    // A document of another message is not served under this one.
    expect((await get(`/cap/alerts/${(id.alertId ?? 0) + 1_000}/documents/${second?.id}.xml`)).status).toBe(404);
  });
});
