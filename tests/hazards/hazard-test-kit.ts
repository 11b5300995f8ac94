// What the hazard tests share: a product rule, hand-drawn hazards over Deli Serdang (the raster
// readers and the vectorizer have their own tests), review deps with a test clock, and a hand-on
// that plans deliveries into a recording queue exactly as the delivery runtime's deliver() does.
import type { MultiPolygon } from 'geojson';
import type { VectorizedHazard } from '../../geo/raster/raster-types.ts';
import type { Db } from '../../src/db/db.ts';
import { deliverMessage } from '../../src/delivery/deliver-message.ts';
import type { DeliveryQueue } from '../../src/delivery/delivery-queue.ts';
import { draftCandidate } from '../../src/hazards/draft-candidate.ts';
import type { HazardReviewDeps } from '../../src/hazards/hazard-review-deps.ts';
import { RasterProductSchema, type RasterProduct } from '../../src/policy/raster-product.ts';
import { createLogger } from '../../src/logger.ts';
import { testDeliveryDeps, type TestClock } from '../support/delivery-harness.ts';

export function testProduct(name: string, over: Record<string, unknown> = {}): RasterProduct {
  return RasterProductSchema.parse({
    name,
    title: 'GPM IMERG Early (test)',
    kind: 'geotiff',
    url: 'http://127.0.0.1:9/imerg-{yyyy}{MM}{dd}-{mod}.tif',
    threshold: 20,
    unit: 'mm/h',
    minAreaKm2: 0,
    timeStepMinutes: 30,
    rule: {
      event: { id: 'Hujan Lebat', en: 'Heavy Rain' },
      severity: 'Severe',
      urgency: 'Expected',
      certainty: 'Likely',
      validityHours: 6,
    },
    ...over,
  });
}

/** Boxes `[w, s, e, n]` as polygons; a box may carry one hole (also `[w, s, e, n]`). */
export function boxHazard(boxes: { box: [number, number, number, number]; hole?: [number, number, number, number] }[]): VectorizedHazard {
  const ring = ([w, s, e, n]: [number, number, number, number], ccw: boolean) =>
    ccw
      ? [
          [w, s],
          [e, s],
          [e, n],
          [w, n],
          [w, s],
        ]
      : [
          [w, s],
          [w, n],
          [e, n],
          [e, s],
          [w, s],
        ];
  const geometry: MultiPolygon = {
    type: 'MultiPolygon',
    coordinates: boxes.map((b) => (b.hole ? [ring(b.box, true), ring(b.hole, false)] : [ring(b.box, true)])),
  };
  return {
    geometry,
    polygons: boxes.map(() => ({ areaKm2: 50, pixelCount: 50 })),
    totalAreaKm2: 50 * boxes.length,
    pixelSizeM: { x: 1000, y: 1000 },
    removedSpecks: 0,
  };
}

export function reviewDeps(db: Db, clock: TestClock, approvalsRequired: number, handOn?: HazardReviewDeps['handOn']): HazardReviewDeps {
  return {
    db,
    now: clock.now,
    logger: createLogger('silent'),
    sender: 'peringatan@siaga.test',
    approvalsRequired,
    ingest: { maxBytes: 5e6, marginM: 0 },
    handOn,
  };
}

/** runtime.deliver() without Tagana, into the given queue. */
export function handOnInto(db: Db, clock: TestClock, queue: DeliveryQueue): (ids: number[]) => Promise<void> {
  const deps = testDeliveryDeps(db, clock);
  return async (ids) => {
    for (const id of ids) await deliverMessage(deps, queue, id);
  };
}

/** Drafts a candidate and returns its id; fails the test when none is drafted. */
export async function draft(
  db: Db,
  clock: TestClock,
  product: RasterProduct,
  hazard: VectorizedHazard,
  draftedBy = 'siaga:test',
  minutesAgo = 10,
): Promise<number> {
  const productTime = new Date(Math.floor(clock.now().getTime() / 60_000) * 60_000 - minutesAgo * 60_000);
  const outcome = await draftCandidate(db, {
    product,
    productTime,
    sourceUrl: 'http://127.0.0.1:9/test.tif',
    hazard,
    draftedBy,
    now: clock.now(),
    marginM: 0,
  });
  if (outcome.outcome !== 'new') throw new Error(`expected a new candidate, got ${JSON.stringify(outcome)}`);
  return outcome.id;
}

/** Current households whose location is inside the outer rings of the boxes (what the alert targets). */
export async function householdsInBoxes(db: Db, boxes: [number, number, number, number][], reachableOnly: boolean): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT h.id FROM households h, jsonb_array_elements($1::jsonb) AS b
     WHERE h.valid_to IS NULL
       AND ST_Intersects(h.location, ST_MakeEnvelope((b->>0)::float8, (b->>1)::float8, (b->>2)::float8, (b->>3)::float8, 4326))
       AND (NOT $2 OR h.phone IS NOT NULL OR EXISTS (SELECT 1 FROM push_subscriptions s WHERE s.household_id = h.id AND s.active))
     GROUP BY h.id ORDER BY h.id`,
    [JSON.stringify(boxes), reachableOnly],
  );
  return rows.map((r) => r.id);
}

export async function ledgerHouseholds(db: Db, alertId?: number): Promise<string[]> {
  const { rows } = await db.query<{ household_id: string }>(
    `SELECT DISTINCT household_id FROM deliveries WHERE $1::bigint IS NULL OR alert_id = $1 ORDER BY household_id`,
    [alertId ?? null],
  );
  return rows.map((r) => r.household_id);
}
