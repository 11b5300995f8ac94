// Synthetic households for tests and benchmarks: placed inside real village polygons, with the mix
// of household sizes, vulnerable people (some with several conditions), languages and phones the
// pipeline has to cope with, and on request a share of messy rows (synthetic-mess.ts). Pure and
// deterministic: the same villages, count, seed and options give the same households in the same order.
import { allocateByWeight } from '../../geo/allocate-by-weight.ts';
import { gaussianPointInPolygon } from '../../geo/gaussian-point-in-polygon.ts';
import { polygonAreaKm2, type PolygonCoordinates } from '../../geo/polygon-area-km2.ts';
import { preparePolygon, type PreparedPolygon } from '../../geo/prepare-polygon.ts';
import { randomPointInPolygon } from '../../geo/random-point-in-polygon.ts';
import { createSeededRandom } from '../../geo/seeded-random.ts';
import { householdFields, pickMess, type HouseholdMess, type VulnerableNotation } from './synthetic-mess.ts';
import { drawVulnerablePersons } from './synthetic-vulnerable.ts';
import type { VulnerableKind } from './vulnerable-people.ts';

export interface SyntheticVillage {
  /** Kemendagri village code as given, e.g. `12.07.01.2001`. */
  code: string;
  /** `kelurahan` (urban) or anything else, treated as `desa` (rural). */
  type: string;
  /** Polygon parts, rings of [lon, lat] degrees (EPSG:4326). */
  polygons: PolygonCoordinates[];
  areaKm2: number;
}

export interface VillageFeatures {
  villages: SyntheticVillage[];
  /** Features that cannot be used, by index in the file, and why. */
  skipped: { index: number; reason: string }[];
}

export interface SyntheticHousehold {
  /** `HH-<seed>-<0000001>`: unique within one seed. */
  id: string;
  villageCode: string;
  /** Degrees, EPSG:4326, already rounded to the 6 decimals written out (about 0.1 m). */
  lat: number;
  lon: number;
  /** People in the household, 1..10. */
  members: number;
  /** One entry per person who needs help: their conditions in VULNERABLE_KINDS order; never more people than `members`. */
  vulnerable: VulnerableKind[][];
  language: 'id' | 'en';
  /** E.164 in +62840…, an unassigned Indonesian block, so no test message can reach a real person. */
  phone: string | undefined;
  /** How this household's CSV line is spoiled, when the file is messy; the fields above stay the truth. */
  mess?: HouseholdMess;
}

export interface GenerateOptions {
  count: number;
  /** Letters, digits, `.`, `_`, `-` (it becomes part of every id and of a CSV field). */
  seed: string;
  /** `plus` (default): `elderly+ill;infant`; `per-condition`: every condition its own entry, as older registries write it. */
  notation?: VulnerableNotation;
  /** Share of households (0 to 1) whose line is written the messy way a real registry might. Default 0. */
  messy?: number;
}

export const HOUSEHOLD_CSV_HEADER = 'id,lat,lon,members,vulnerable,language,phone';
export const MAX_HOUSEHOLDS = 50_000_000;
export const SEED_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** Picks the usable village polygons out of a GeoJSON document; `error` when it is no FeatureCollection. */
export function readVillageFeatures(doc: unknown): VillageFeatures | { error: string } {
  if (!isObject(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    return { error: 'expected a GeoJSON FeatureCollection with a "features" array' };
  }
  const villages: SyntheticVillage[] = [];
  const skipped: VillageFeatures['skipped'] = [];
  const seen = new Set<string>();
  doc.features.forEach((feature: unknown, index: number) => {
    const props = isObject(feature) && isObject(feature.properties) ? feature.properties : {};
    const code = typeof props.code === 'string' ? props.code.trim() : '';
    const polygons = isObject(feature) ? polygonParts(feature.geometry) : 'not a GeoJSON Feature';
    if (typeof polygons === 'string' || !code || seen.has(code)) {
      const reason = typeof polygons === 'string' ? polygons : !code ? 'no "code" property' : `code ${code} appears twice`;
      skipped.push({ index, reason });
      return;
    }
    const areaKm2 = polygonAreaKm2(polygons);
    if (!(areaKm2 > 0)) {
      skipped.push({ index, reason: `village ${code} has zero area` });
      return;
    }
    seen.add(code);
    // Without a `type`, the code says it: the first digit of the village part is 1 for kelurahan.
    const type = typeof props.type === 'string' ? props.type.trim().toLowerCase() : /\.1\d{3}$/.test(code) ? 'kelurahan' : 'desa';
    villages.push({ code, type, polygons, areaKm2 });
  });
  return { villages, skipped };
}

/**
 * How many of `count` households each village gets, in input order, summing to exactly `count`.
 *
 * Weight ∝ √(area km²) × 2 for a kelurahan, × 1 for a desa. Indonesian villages are drawn to hold
 * populations of the same order whatever their size, so a small village is a dense one: weighting by
 * area would pile households into big rural desa, and equal weights would ignore that larger desa do
 * hold somewhat more people; the square root sits between the two. Kelurahan (urban) count double
 * a desa of the same area, as towns are denser than farmland.
 */
export function allocateHouseholds(villages: readonly SyntheticVillage[], count: number): number[] {
  return allocateByWeight(
    villages.map((v) => Math.sqrt(v.areaKm2) * (v.type === 'kelurahan' ? 2 : 1)),
    count,
  );
}

/**
 * Yields `count` synthetic households, village by village in input order. Lazy: it holds one
 * village's geometry at a time and never the households already yielded, so 10 million cost no
 * more memory than ten.
 */
export function* generateHouseholds(villages: readonly SyntheticVillage[], options: GenerateOptions): Generator<SyntheticHousehold> {
  const { count, seed } = options;
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_HOUSEHOLDS) {
    throw new RangeError(`count must be an integer from 1 to ${MAX_HOUSEHOLDS}, got ${count}`);
  }
  if (!SEED_PATTERN.test(seed)) throw new RangeError(`seed must match ${SEED_PATTERN}, got ${JSON.stringify(seed)}`);
  if (villages.length === 0) throw new RangeError('no villages to place households in');
  const messy = options.messy ?? 0;
  if (!(messy >= 0 && messy <= 1)) throw new RangeError(`messy must be a share from 0 to 1, got ${messy}`);

  const random = createSeededRandom(seed);
  // Messes draw from their own stream: a messy file holds the same households as a clean one.
  const messRandom = createSeededRandom(`${seed}:mess`);
  const furtherRandom = createSeededRandom(`${seed}:conditions`);
  const farLat = messy > 0 ? latitudeFarFrom(villages) : 0;
  let lastCleanId: string | undefined;
  const perVillage = allocateHouseholds(villages, count);
  const idWidth = Math.max(7, String(count).length);
  let serial = 0;
  for (const [i, village] of villages.entries()) {
    const n = perVillage[i] ?? 0;
    if (n === 0) continue;
    const plan = planVillage(village, random);
    for (let k = 0; k < n; k++) {
      serial++;
      const household = makeHousehold(`HH-${seed}-${String(serial).padStart(idWidth, '0')}`, village.code, plan, random, furtherRandom);
      // Only a clean row's id is repeated by a duplicate-id mess: its first occurrence is then kept.
      if (messy > 0 && messRandom() < messy) household.mess = pickMess(household, messRandom(), { lastCleanId, farLat });
      else lastCleanId = household.id;
      yield household;
    }
  }
}

/** One CSV line (no newline) in HOUSEHOLD_CSV_HEADER's column order, messy if the household has a mess. */
export function householdCsvLine(h: SyntheticHousehold, notation: VulnerableNotation = 'plus'): string {
  return householdFields(h, notation, h.mess).join(',');
}

/**
 * The whole CSV file in chunks of `rowsPerChunk` lines (the first begins with the header), each with
 * the number of households written so far. Chunks are kept small on purpose: a chunk is a tree of
 * short strings until it is written, and trees of thousands of lines outlive V8's young generation,
 * which tripled the run time at 8,192 lines; callers batch chunks into larger writes.
 */
export function* householdCsvChunks(
  villages: readonly SyntheticVillage[],
  options: GenerateOptions,
  rowsPerChunk = 512,
): Generator<{ text: string; rowsDone: number }> {
  let text = `${HOUSEHOLD_CSV_HEADER}\n`;
  let inChunk = 0;
  let rowsDone = 0;
  for (const household of generateHouseholds(villages, options)) {
    text += `${householdCsvLine(household, options.notation)}\n`;
    rowsDone++;
    if (++inChunk === rowsPerChunk) {
      yield { text, rowsDone };
      text = '';
      inChunk = 0;
    }
  }
  if (text) yield { text, rowsDone };
}

// Share of households living around settlement centres; the rest are spread evenly (farms, ribbons
// of houses along roads), which keeps every part of a village in play for hazard polygons.
const CLUSTERED_SHARE = 0.8;
/** Spread of a settlement: this fraction of the village's size (√area). */
const SPREAD_OF_SIZE = 0.1;
/** km per degree of latitude near the equator; a degree of longitude is this × cos(lat). */
const KM_PER_DEGREE = 110.6;
const DECIMALS = 6;

// Household size in per-mille for 1..10 members: mean 3.91, Indonesia's average household size of
// about 3.9, with a tail of extended families rather than a cut-off at 6.
const MEMBERS_PER_MILLE = [75, 145, 205, 240, 165, 95, 43, 18, 9, 5];
const INDONESIAN_SHARE = 0.95;
const PHONE_SHARE = 0.9;

interface VillagePlan {
  polygon: PreparedPolygon;
  centres: [number, number][];
  /** Running sum of the centres' weights, ending in 1. */
  centreCumulative: number[];
  /** [σlon, σlat] in degrees. */
  sigma: [number, number];
}

function planVillage(village: SyntheticVillage, random: () => number): VillagePlan {
  const polygon = preparePolygon(village.polygons);
  // 1–5 settlements of unequal size (weights 0.25..1.25, so the largest is at most 5× the smallest).
  const k = 1 + Math.floor(random() * 5);
  const centres: [number, number][] = [];
  const weights: number[] = [];
  for (let i = 0; i < k; i++) {
    centres.push(randomPointInPolygon(polygon, random));
    weights.push(0.25 + random());
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  let running = 0;
  const centreCumulative = weights.map((w) => (running += w / sum));
  const sigmaKm = SPREAD_OF_SIZE * Math.sqrt(village.areaKm2);
  const midLat = ((polygon.bbox[1] + polygon.bbox[3]) / 2) * (Math.PI / 180);
  const sigmaLat = sigmaKm / KM_PER_DEGREE;
  return { polygon, centres, centreCumulative, sigma: [sigmaLat / Math.cos(midLat), sigmaLat] };
}

function makeHousehold(
  id: string,
  villageCode: string,
  plan: VillagePlan,
  random: () => number,
  further: () => number,
): SyntheticHousehold {
  const [lon, lat] =
    random() < CLUSTERED_SHARE
      ? gaussianPointInPolygon(plan.polygon, random, pickCentre(plan, random()), plan.sigma, { decimals: DECIMALS })
      : randomPointInPolygon(plan.polygon, random, { decimals: DECIMALS });
  const members = drawMembers(random());
  const vulnerable = drawVulnerablePersons(members, random, further);
  const language = random() < INDONESIAN_SHARE ? 'id' : 'en';
  const phone = random() < PHONE_SHARE ? `+62840${String(Math.floor(random() * 1e8)).padStart(8, '0')}` : undefined;
  return { id, villageCode, lat, lon, members, vulnerable, language, phone };
}

function pickCentre(plan: VillagePlan, r: number): [number, number] {
  const i = plan.centreCumulative.findIndex((c) => r < c);
  return plan.centres[i] ?? plan.centres[plan.centres.length - 1] ?? [NaN, NaN];
}

function drawMembers(r: number): number {
  let target = r * 1000;
  for (const [i, perMille] of MEMBERS_PER_MILLE.entries()) {
    if (target < perMille) return i + 1;
    target -= perMille;
  }
  return MEMBERS_PER_MILLE.length;
}

/**
 * A latitude more than 0.5° (55 km) north of every village, or south when that would leave
 * Indonesia: a point there is inside the country's box but far from every village given.
 */
function latitudeFarFrom(villages: readonly SyntheticVillage[]): number {
  let min = Infinity;
  let max = -Infinity;
  for (const v of villages) {
    for (const rings of v.polygons) {
      for (const pos of rings[0] ?? []) {
        const lat = pos[1] ?? NaN;
        if (lat < min) min = lat;
        if (lat > max) max = lat;
      }
    }
  }
  return max + 0.5 <= 6 ? max + 0.5 : min - 0.5;
}

/** Polygon parts of a Polygon or MultiPolygon geometry, or why there are none. */
function polygonParts(geometry: unknown): PolygonCoordinates[] | string {
  if (!isObject(geometry)) return 'no geometry';
  const { type, coordinates } = geometry;
  if (type !== 'Polygon' && type !== 'MultiPolygon') return `geometry is ${String(type)}, expected Polygon or MultiPolygon`;
  const parts: unknown = type === 'Polygon' ? [coordinates] : coordinates;
  if (!Array.isArray(parts) || parts.length === 0) return 'geometry has no coordinates';
  for (const rings of parts) {
    if (!Array.isArray(rings) || rings.length === 0) return 'geometry has an empty polygon';
    for (const ring of rings) {
      if (!Array.isArray(ring) || ring.length < 4) return 'a ring has fewer than 4 positions';
      for (const pos of ring) {
        if (!Array.isArray(pos) || !Number.isFinite(pos[0]) || !Number.isFinite(pos[1]))
          return 'a position is not a [lon, lat] pair of numbers';
        if (Math.abs(pos[0]) > 180 || Math.abs(pos[1]) > 90) return `position [${pos[0]}, ${pos[1]}] is outside the lon/lat range`;
      }
    }
  }
  return parts as PolygonCoordinates[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
