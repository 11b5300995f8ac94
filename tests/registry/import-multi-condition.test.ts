// Households whose people may have several conditions, imported from generated files (one clean,
// one with realistic registry mess), then warned: every household Siaga can warn is imported, and
// the targeting summary, the planned deliveries, the Tagana village tasks and the door knocks all
// count exactly what an independent PostGIS count over the generator's own truth says. The truth
// is loaded into a table of the test's own (never read back from `households`), and the counts
// below are the test's SQL, not Siaga's.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverMessage } from '../../src/delivery/deliver-message.ts';
import { listTasks, taskDetail } from '../../src/db/tagana-task-queries.ts';
import {
  generateHouseholds,
  householdCsvLine,
  readVillageFeatures,
  type SyntheticHousehold,
  type SyntheticVillage,
} from '../../src/registry/synthetic-households.ts';
import { REFUSED_MESSES, type MessKind } from '../../src/registry/synthetic-mess.ts';
import { planDoorKnocks } from '../../src/tagana/plan-door-knocks.ts';
import { planTasks } from '../../src/tagana/plan-tasks.ts';
import { hazardScore } from '../../src/tagana/task-priority.ts';
import { boxRing } from '../support/cap-builder.ts';
import { DELI_SERDANG, recordingQueue, testClock, testDeliveryDeps } from '../support/delivery-harness.ts';
import { runSiaga } from '../support/run-cli.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';
import { ingest, LATER, RESET_SQL, TEAMS_FILE } from '../tagana/tagana-harness.ts';

// Central Deli Serdang: dozens of villages, a third of the households.
const BOX = [98.6, 3.3, 98.9, 3.6] as const;
const HEADER = 'id,lat,lon,members,vulnerable,language,phone';
const MIN = 60_000;

/** What Siaga should hold for one household: the generator's truth, read the documented way. */
interface Expected {
  line: number;
  /** null: the row has no id; Siaga makes one (matched here by location). */
  id: string | null;
  lat: number;
  lon: number;
  members: number;
  people: number;
  elderly: number;
  disabled: number;
  infant: number;
  pregnant: number;
  ill: number;
  language: 'id' | 'en';
  phone: string | null;
}

const TRUTH_TABLE = `CREATE TABLE truth_hh (
  line int PRIMARY KEY, id text, geom geometry(Point, 4326) NOT NULL, members int NOT NULL, people int NOT NULL,
  elderly int NOT NULL, disabled int NOT NULL, infant int NOT NULL, pregnant int NOT NULL, ill int NOT NULL, language text NOT NULL, phone text)`;

// The independent count: each truth point in the alert box, its village by PostGIS (the lowest code
// where simplified neighbours overlap), summed per village.
const INDEPENDENT_COUNTS = `
WITH inside AS (
  SELECT t.*, (SELECT min(a.code) FROM admin_areas a WHERE a.level = 'village' AND ST_Intersects(a.geom, t.geom)) AS village
  FROM truth_hh t WHERE ST_Intersects(t.geom, ST_MakeEnvelope($1, $2, $3, $4, 4326))
)
SELECT village, count(*)::int AS households, sum(members)::int AS people_total,
       count(*) FILTER (WHERE people > 0)::int AS vulnerable_households, sum(people)::int AS vulnerable,
       sum(elderly)::int AS elderly, sum(disabled)::int AS disabled, sum(infant)::int AS infant,
       sum(pregnant)::int AS pregnant, sum(ill)::int AS ill,
       coalesce(array_agg(id ORDER BY id) FILTER (WHERE people > 0), '{}') AS vulnerable_ids,
       coalesce(array_agg(id ORDER BY id) FILTER (WHERE phone IS NOT NULL), '{}') AS with_phone
FROM inside GROUP BY village ORDER BY village`;

interface VillageCount {
  village: string;
  households: number;
  people_total: number;
  vulnerable_households: number;
  vulnerable: number;
  elderly: number;
  disabled: number;
  infant: number;
  pregnant: number;
  ill: number;
  vulnerable_ids: string[];
  with_phone: string[];
}

describe(`households with several conditions per person, from file to door knock (${engineUnderTest})`, () => {
  let t: TestDb;
  let dir: string;
  let villages: SyntheticVillage[];
  const clock = testClock('2026-11-28T03:00:00Z');

  beforeAll(async () => {
    t = await createTestDb();
    dir = await mkdtemp(path.join(tmpdir(), 'siaga-multi-'));
    expect((await runSiaga(['import', 'areas', DELI_SERDANG], t.db)).code).toBe(0);
    expect((await runSiaga(['import', 'teams', TEAMS_FILE], t.db)).code).toBe(0);
    const read = readVillageFeatures(JSON.parse(await readFile(DELI_SERDANG, 'utf8')));
    if ('error' in read) throw new Error(read.error);
    villages = read.villages;
    await t.db.query(TRUTH_TABLE);
  });
  afterAll(() => t.drop());
  beforeEach(async () => {
    clock.set('2026-11-28T03:00:00Z');
    await t.db.execScript(`${RESET_SQL}; TRUNCATE households, truth_hh`);
  });

  const importFile = async (name: string, households: SyntheticHousehold[]) => {
    const file = path.join(dir, name);
    await writeFile(file, [HEADER, ...households.map((h) => householdCsvLine(h))].join('\n') + '\n');
    const run = await runSiaga(['import', 'households', file, '--json'], t.db);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as {
      rows: number;
      inserted: number;
      rejects: { line: number; id?: string; reason: string }[];
      warnings: { line: number; id: string; reason: string }[];
    };
  };

  const loadTruth = async (expected: Expected[]) => {
    await t.db.query(
      `INSERT INTO truth_hh SELECT line, id, ST_SetSRID(ST_MakePoint(lon, lat), 4326), members, people, elderly, disabled, infant, pregnant, ill, language, phone
       FROM jsonb_to_recordset($1::jsonb) AS x(line int, id text, lat float8, lon float8, members int, people int, elderly int, disabled int, infant int, pregnant int, ill int, language text, phone text)`,
      [JSON.stringify(expected)],
    );
    // Rows without an id: the id Siaga made, found by the exact location (no two share one here).
    await t.db.query(
      `UPDATE truth_hh t SET id = h.id FROM households h WHERE t.id IS NULL AND h.valid_to IS NULL AND h.id LIKE 'noid-%' AND ST_Equals(h.location, t.geom)`,
    );
    expect((await t.db.query(`SELECT line FROM truth_hh WHERE id IS NULL`)).rows).toEqual([]);
  };

  /** Every current household equals its truth, field by field, and there is no other. */
  const expectStoredAsTruth = async () => {
    const sql = (
      table: string,
      people: string,
    ) => `SELECT id, round(ST_Y(${table === 'truth_hh' ? 'geom' : 'location'})::numeric, 6)::float8 AS lat,
      round(ST_X(${table === 'truth_hh' ? 'geom' : 'location'})::numeric, 6)::float8 AS lon, members::int, ${people}::int AS people,
      elderly::int, disabled::int, infant::int, pregnant::int, ill::int, language, phone FROM ${table} ${table === 'households' ? 'WHERE valid_to IS NULL' : ''} ORDER BY id`;
    const stored = (await t.db.query(sql('households', 'vulnerable'))).rows;
    const truth = (await t.db.query(sql('truth_hh', 'people'))).rows;
    expect(stored.length).toBe(truth.length);
    expect(stored).toEqual(truth);
  };

  /** Targeting, ledger, village tasks and door knocks of an alert over BOX, against the independent count. */
  const expectWarnedAsCounted = async (identifier: string) => {
    const counts = (await t.db.query<VillageCount>(INDEPENDENT_COUNTS, [...BOX])).rows;
    expect(counts.length).toBeGreaterThan(20);
    const alert = await ingest(t.db, {
      identifier,
      infos: [
        { expires: LATER, severity: 'Severe', urgency: 'Immediate', certainty: 'Observed', areas: [{ polygons: [boxRing(...BOX)] }] },
      ],
    });

    // The targeting summary, village by village (villages inside the box with no household are
    // affected too; they count zero).
    const summary = (
      await t.db.query<{ village_code: string; households: number; vulnerable_households: number }>(
        `SELECT village_code, households, vulnerable_households FROM alert_target_villages WHERE alert_id = $1 AND households > 0 ORDER BY village_code`,
        [alert.alertId],
      )
    ).rows;
    expect(summary).toEqual(
      counts.map((c) => ({ village_code: c.village, households: c.households, vulnerable_households: c.vulnerable_households })),
    );

    // The ledger: no push subscriptions here, so one SMS row for every household inside with a phone.
    const plan = await deliverMessage(testDeliveryDeps(t.db, clock), recordingQueue(), alert.alertId);
    const sms = (
      await t.db.query<{ household_id: string }>(
        `SELECT household_id FROM deliveries WHERE alert_id = $1 AND channel = 'sms' ORDER BY household_id`,
        [alert.alertId],
      )
    ).rows.map((r) => r.household_id);
    const withPhone = counts.flatMap((c) => c.with_phone).sort();
    expect(sms).toEqual(withPhone);
    expect(plan).toMatchObject({ push: 0, sms: withPhone.length, targeted: counts.reduce((s, c) => s + c.households, 0) });

    // Village tasks: the people, the vulnerable PEOPLE, each kind, the listed households, the priority.
    const hazard = hazardScore('Severe', 'Immediate', 'Observed');
    await planTasks(t.db, alert.alertId, clock.now());
    const tasks = (await listTasks(t.db, {}))
      .filter((x) => x.kind === 'village' && x.households > 0)
      .sort((a, b) => a.village_code.localeCompare(b.village_code));
    expect(tasks.map((x) => x.village_code)).toEqual(counts.map((c) => c.village));
    for (const [i, task] of tasks.entries()) {
      const c = counts[i] as VillageCount;
      expect(task).toMatchObject({
        households: c.households,
        people: c.people_total,
        vulnerable_households: c.vulnerable_households,
        vulnerable: c.vulnerable,
        vulnerable_by_kind: { elderly: c.elderly, disabled: c.disabled, infant: c.infant, pregnant: c.pregnant, ill: c.ill },
        priority: hazard + c.vulnerable,
      });
      const detail = await taskDetail(t.db, task.id, undefined);
      expect(detail?.vulnerable_list.map((h) => h.id).sort()).toEqual([...c.vulnerable_ids].sort());
    }

    // Nothing was delivered: after the window every vulnerable household inside gets a door knock,
    // its priority the hazard + 10 × its vulnerable people.
    clock.advance(16 * MIN);
    const knocks = (await planDoorKnocks(t.db, clock.now(), 15 * 60)).flatMap((g) => g.knocks);
    const people = new Map(
      (await t.db.query<{ id: string; people: number }>(`SELECT id, people FROM truth_hh WHERE people > 0`)).rows.map((r) => [
        r.id,
        r.people,
      ]),
    );
    const vulnerableInside = counts.flatMap((c) => c.vulnerable_ids).sort();
    expect(knocks.map((k) => k.household_id).sort()).toEqual(vulnerableInside);
    const doors = (await listTasks(t.db, {})).filter((x) => x.kind === 'door_knock');
    expect(doors.length).toBe(vulnerableInside.length);
    for (const d of doors) {
      const n = people.get(d.household_id ?? '') ?? NaN;
      expect(d).toMatchObject({ vulnerable: n, priority: hazard + 10 * n });
    }
    const c = counts.reduce(
      (s, x) => ({ people: s.people + x.vulnerable, kinds: s.kinds + x.elderly + x.disabled + x.infant + x.pregnant + x.ill }),
      { people: 0, kinds: 0 },
    );
    return { inside: counts.reduce((s, x) => s + x.households, 0), vulnerable: c.people, kindCounts: c.kinds, knocks: knocks.length };
  };

  it('imports every household of a clean file, one person elderly and ill counting once; targeting, ledger, tasks and knocks match the independent count', async () => {
    const households = [...generateHouseholds(villages, { count: 6000, seed: 'multi-clean' })];
    const single = households.filter((h) => h.members === 1 && (h.vulnerable[0]?.length ?? 0) > 1);
    expect(single.length).toBeGreaterThan(10);
    const r = await importFile('clean.csv', households);
    expect(r).toMatchObject({ rows: 6000, inserted: 6000, rejects: [], warnings: [] });
    await loadTruth(households.map((h, i) => truthOf(h, i + 2)));
    await expectStoredAsTruth();
    const warned = await expectWarnedAsCounted('MULTI-CLEAN');
    expect(warned.inside).toBeGreaterThan(1000);
    expect(warned.knocks).toBeGreaterThan(100);
    // Some of those people have several conditions: the per-kind counts add up to more than the people.
    expect(warned.kindCounts).toBeGreaterThan(warned.vulnerable);
  });

  it('imports every household of a messy file it can warn, reads each mess the documented way, and refuses only the rest, saying why', async () => {
    const households = [...generateHouseholds(villages, { count: 4000, seed: 'multi-messy', messy: 0.3 })];
    const kinds = new Set(households.map((h) => h.mess?.kind).filter(Boolean));
    expect(kinds.size).toBe(19);
    const r = await importFile('messy.csv', households);
    const refused = households.map((h, i) => ({ h, line: i + 2 })).filter(({ h }) => h.mess && REFUSED_MESSES.has(h.mess.kind));
    expect(r.rejects.map((x) => x.line)).toEqual(refused.map((x) => x.line));
    const reasons: Record<string, RegExp> = {
      'duplicate-id': /^duplicate id "HH-multi-messy-\d+" \(first on line \d+, which is kept\)$/,
      'no-location': /^no usable location: lat is empty$/,
      'outside-indonesia': /^no usable location: lat=0, lon=0 is outside Indonesia$/,
      'far-from-villages': /is in no loaded village and more than 100 m from every one$/,
    };
    for (const [i, x] of refused.entries()) expect(r.rejects[i]?.reason, x.h.mess?.kind).toMatch(reasons[x.h.mess?.kind ?? ''] as RegExp);
    expect(r.inserted).toBe(4000 - refused.length);

    const expected = households.map((h, i) => expectedReading(h, i + 2)).filter((e): e is Expected => e !== undefined);
    const warnedLines = households
      .map((h, i) => ({ h, line: i + 2, e: expected.find((x) => x.line === i + 2) }))
      .filter(({ h, e }) => e && warns(h, e))
      .map((x) => x.line);
    expect(r.warnings.map((w) => w.line)).toEqual(warnedLines);
    await loadTruth(expected);
    await expectStoredAsTruth();
    await expectWarnedAsCounted('MULTI-MESSY');
  });
});

function truthOf(h: SyntheticHousehold, line: number): Expected {
  const count = (k: string) => h.vulnerable.filter((p) => (p as string[]).includes(k)).length;
  return {
    line,
    id: h.id,
    lat: h.lat,
    lon: h.lon,
    members: h.members,
    people: h.vulnerable.length,
    elderly: count('elderly'),
    disabled: count('disabled'),
    infant: count('infant'),
    pregnant: count('pregnant'),
    ill: count('ill'),
    language: h.language,
    phone: h.phone ?? null,
  };
}

/** The documented reading of a messy row, or undefined when it must be refused. */
function expectedReading(h: SyntheticHousehold, line: number): Expected | undefined {
  const kind: MessKind | undefined = h.mess?.kind;
  if (kind && REFUSED_MESSES.has(kind)) return undefined;
  const e = truthOf(h, line);
  switch (kind) {
    case 'per-condition':
      e.people = h.vulnerable.flat().length;
      break;
    case 'members-too-few':
      e.members = e.people;
      break;
    case 'members-blank':
      e.members = Math.max(1, e.people);
      break;
    case 'phone-unusable':
      e.phone = null;
      break;
    case 'unknown-condition':
      e.people += 1;
      break;
    case 'odd-id':
      e.id = `KK ${h.villageCode}/${h.id.slice(3)}, Désa Sukamaju`;
      break;
    case 'no-id':
      e.id = null;
      break;
    default:
      break;
  }
  e.members = Math.max(e.members, e.people);
  return e;
}

/** Whether Siaga must warn about the row: it chose a reading the file did not say outright. */
function warns(h: SyntheticHousehold, e: Expected): boolean {
  switch (h.mess?.kind) {
    case undefined:
    case 'indonesian-words':
    case 'phone-local':
    case 'language-word':
    case 'odd-id':
    case 'comma-decimal':
      return false;
    case 'per-condition':
      return e.people > h.members;
    default:
      return true;
  }
}
