// A raster hazard candidate over Deli Serdang reaches nobody until a liaison approves it; approved,
// it becomes a Siaga-issued CAP alert that is targeted and queued like any other; rejected, it is
// kept for audit and nothing is sent. Four-eyes: two different approvers, never the drafter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCandidate } from '../../src/db/hazard-candidate-queries.ts';
import { approveCandidate } from '../../src/hazards/approve-candidate.ts';
import { HazardReviewError } from '../../src/hazards/hazard-review-error.ts';
import { rejectCandidate } from '../../src/hazards/reject-candidate.ts';
import { draftCandidate } from '../../src/hazards/draft-candidate.ts';
import { loadDeliSerdang, recordingQueue, testClock } from '../support/delivery-harness.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';
import { boxHazard, draft, handOnInto, householdsInBoxes, ledgerHouseholds, reviewDeps, testProduct } from './hazard-test-kit.ts';

type Box = [number, number, number, number];
// Disjoint boxes, one per test, so that each test's ledger checks see only its own households.
const BOX_APPROVE: Box = [98.7, 3.5, 98.78, 3.58];
const HOLE: Box = [98.72, 3.52, 98.76, 3.56];
const BOX_REJECT: Box = [98.84, 3.5, 98.92, 3.58];
const BOX_FOUR_EYES: Box = [98.6, 3.4, 98.68, 3.48];
const BOX_RULES: Box = [98.8, 3.3, 98.88, 3.38];

const refusal = (kind: string) => expect.objectContaining({ name: 'HazardReviewError', kind });

describe(`hazard candidates: review before anyone is warned (${engineUnderTest})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await loadDeliSerdang(t.db, 2500, 'hazard-review');
  });
  afterAll(() => t.drop());

  it('reaches no resident before approval; once approved it is targeted and queued like any alert', async () => {
    const clock = testClock(new Date().toISOString());
    const queue = recordingQueue();
    const product = testProduct('approve-flow');
    const inside = await householdsInBoxes(t.db, [BOX_APPROVE], true);
    const inHole = await householdsInBoxes(t.db, [HOLE], true);
    expect(inside.length).toBeGreaterThan(5);
    expect(inHole.length).toBeGreaterThan(0);

    const id = await draft(t.db, clock, product, boxHazard([{ box: BOX_APPROVE, hole: HOLE }]));
    const candidate = await getCandidate(t.db, id);
    expect(candidate).toMatchObject({
      state: 'pending',
      product: 'approve-flow',
      threshold: 20,
      unit: 'mm/h',
      drafted_by: 'siaga:test',
      alert_id: null,
    });
    // Counted for the outer ring (CAP polygons have no holes): the hole's households are in.
    expect(candidate?.households_inside).toBe(await householdsInBoxes(t.db, [BOX_APPROVE], false).then((h) => h.length));
    expect(candidate?.villages.length).toBeGreaterThan(0);
    expect(candidate?.geometry).toMatchObject({ type: 'MultiPolygon' });

    // Before approval: no alert, no ledger row, nothing queued.
    expect((await t.db.query(`SELECT 1 FROM alerts WHERE identifier LIKE 'siaga-raster-approve-flow-%'`)).rows).toEqual([]);
    expect((await ledgerHouseholds(t.db)).filter((h) => inside.includes(h))).toEqual([]);
    expect(queue.chunks).toEqual([]);

    const result = await approveCandidate(reviewDeps(t.db, clock, 1, handOnInto(t.db, clock, queue)), id, 'Rina Siregar');
    expect(result).toMatchObject({ state: 'approved', approvals: ['Rina Siregar'], handedOn: true });
    const alertId = result.alert?.id as number;
    const {
      rows: [alert],
    } = await t.db.query<{
      sender: string;
      identifier: string;
      msg_type: string;
      event: string;
      severity: string;
      expires: Date;
      households_inside: number;
    }>(`SELECT sender, identifier, msg_type, event, severity, expires, households_inside FROM alerts WHERE id = $1`, [alertId]);
    expect(alert).toMatchObject({
      sender: 'peringatan@siaga.test',
      msg_type: 'Alert',
      severity: 'Severe',
      households_inside: candidate?.households_inside,
    });
    expect(alert?.identifier).toMatch(/^siaga-raster-approve-flow-\d{8}T\d{6}Z$/);
    expect(new Date(alert?.expires ?? 0).getTime()).toBe(new Date(candidate?.product_time ?? 0).getTime() + 6 * 3_600_000);

    // The ledger holds exactly the reachable households inside (hole included), none outside.
    expect(await ledgerHouseholds(t.db, alertId)).toEqual(inside);
    expect(inside).toEqual(expect.arrayContaining(inHole));
    const { rows: ledgerIds } = await t.db.query<{ id: string }>(`SELECT id::text FROM deliveries WHERE alert_id = $1 ORDER BY id`, [
      alertId,
    ]);
    expect(queue.ids().sort()).toEqual(ledgerIds.map((r) => r.id).sort());
    expect(await getCandidate(t.db, id)).toMatchObject({
      state: 'approved',
      alert_id: alertId,
      alert_identifier: alert?.identifier,
      approvals: [{ by: 'Rina Siregar' }],
    });
  });

  it('keeps a rejected candidate for audit and sends nothing from it', async () => {
    const clock = testClock(new Date().toISOString());
    const queue = recordingQueue();
    const inside = await householdsInBoxes(t.db, [BOX_REJECT], true);
    expect(inside.length).toBeGreaterThan(0);
    const id = await draft(t.db, clock, testProduct('reject-flow'), boxHazard([{ box: BOX_REJECT }]));
    const deps = reviewDeps(t.db, clock, 1, handOnInto(t.db, clock, queue));

    await expect(rejectCandidate(deps, id, 'Budi', ' ')).rejects.toEqual(refusal('invalid'));
    await rejectCandidate(deps, id, 'Budi', 'cloud-edge artefact, radar shows no rain');
    await expect(approveCandidate(deps, id, 'Rina Siregar')).rejects.toEqual(refusal('already_decided'));
    await expect(rejectCandidate(deps, id, 'Rina Siregar', 'again')).rejects.toEqual(refusal('already_decided'));

    expect(await getCandidate(t.db, id)).toMatchObject({
      state: 'rejected',
      rejected_by: 'Budi',
      rejection_reason: 'cloud-edge artefact, radar shows no rain',
      approvals: [],
      alert_id: null,
    });
    expect((await t.db.query(`SELECT 1 FROM alerts WHERE identifier LIKE 'siaga-raster-reject-flow-%'`)).rows).toEqual([]);
    expect((await ledgerHouseholds(t.db)).filter((h) => inside.includes(h))).toEqual([]);
    expect(queue.chunks).toEqual([]);
  });

  it('four-eyes: never the drafter, never the same person twice, then a second person issues it', async () => {
    const clock = testClock(new Date().toISOString());
    const queue = recordingQueue();
    const inside = await householdsInBoxes(t.db, [BOX_FOUR_EYES], true);
    expect(inside.length).toBeGreaterThan(0);
    const id = await draft(t.db, clock, testProduct('four-eyes'), boxHazard([{ box: BOX_FOUR_EYES }]), 'Dewi Lestari');
    const deps = reviewDeps(t.db, clock, 2, handOnInto(t.db, clock, queue));

    await expect(approveCandidate(deps, id, ' dewi  LESTARI ')).rejects.toEqual(refusal('not_allowed'));
    // Accents and compatibility forms do not make another person (NFKC, accents dropped, case folded).
    await expect(approveCandidate(deps, id, 'Déwi Lestarí')).rejects.toEqual(refusal('not_allowed'));
    await expect(approveCandidate(deps, id, 'ＤＥＷＩ Lestari')).rejects.toEqual(refusal('not_allowed'));
    expect(await approveCandidate(deps, id, 'Rina Siregar')).toMatchObject({ state: 'pending', approvals: ['Rina Siregar'], required: 2 });
    // One approval of two sends nothing.
    expect(queue.chunks).toEqual([]);
    expect((await ledgerHouseholds(t.db)).filter((h) => inside.includes(h))).toEqual([]);
    await expect(approveCandidate(deps, id, 'rina siregar')).rejects.toEqual(refusal('not_allowed'));
    await expect(approveCandidate(deps, id, 'Ríña Siregar')).rejects.toEqual(refusal('not_allowed'));
    await expect(approveCandidate(deps, id, 'siaga:four-eyes')).rejects.toEqual(refusal('invalid'));
    clock.advance(60_000);

    const second = await approveCandidate(deps, id, 'Budi Santoso');
    expect(second).toMatchObject({ state: 'approved', approvals: ['Rina Siregar', 'Budi Santoso'], handedOn: true });
    expect(await ledgerHouseholds(t.db, second.alert?.id)).toEqual(inside);
    await expect(approveCandidate(deps, id, 'Agus')).rejects.toEqual(refusal('already_decided'));
    const stored = await getCandidate(t.db, id);
    expect(stored?.approvals.map((a) => a.by)).toEqual(['Rina Siregar', 'Budi Santoso']);
  });

  it('refuses unknown and expired candidates, and drafts once per product time', async () => {
    const clock = testClock(new Date().toISOString());
    const deps = reviewDeps(t.db, clock, 1);
    await expect(approveCandidate(deps, 987654, 'Rina')).rejects.toEqual(refusal('not_found'));
    await expect(approveCandidate(deps, 1, '')).rejects.toBeInstanceOf(HazardReviewError);

    const product = testProduct('rules');
    const hazard = boxHazard([{ box: BOX_RULES }]);
    const id = await draft(t.db, clock, product, hazard);
    const productTime = new Date((await getCandidate(t.db, id))?.product_time ?? 0);
    const again = await draftCandidate(t.db, {
      product,
      productTime,
      sourceUrl: 'x',
      hazard,
      draftedBy: 'siaga:rules',
      now: clock.now(),
      marginM: 0,
    });
    expect(again).toEqual({ outcome: 'exists', id, state: 'pending' });
    // Over the sea (Malacca Strait): nobody to warn, nothing stored.
    const sea = await draftCandidate(t.db, {
      product,
      productTime: new Date(productTime.getTime() - 1_800_000),
      sourceUrl: 'x',
      hazard: boxHazard([{ box: [98.2, 4.2, 98.3, 4.3] }]),
      draftedBy: 'siaga:rules',
      now: clock.now(),
      marginM: 0,
    });
    expect(sea).toMatchObject({ outcome: 'no_villages' });

    clock.advance(7 * 3_600_000); // past product time + 6 h validity
    await expect(approveCandidate(deps, id, 'Rina')).rejects.toEqual(refusal('already_decided'));
    expect(await getCandidate(t.db, id)).toMatchObject({ state: 'expired', alert_id: null });
  });
});
