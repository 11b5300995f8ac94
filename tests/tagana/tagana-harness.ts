// Tagana tests' setup: a migrated test database with Deli Serdang's villages, generated households
// and the fixture teams (a regency team, a district team for Sibolangit 12.07.03, a province team),
// and a helper that ingests a CAP document built for the test.
import path from 'node:path';
import { expect } from 'vitest';
import { ingestCapDocument } from '../../src/alerts/ingest-cap-document.ts';
import type { IngestResult } from '../../src/alerts/ingest-result.ts';
import type { Db } from '../../src/db/db.ts';
import { buildCap, boxRing, TEST_SENDER, type TestCap } from '../support/cap-builder.ts';
import { loadDeliSerdang } from '../support/delivery-harness.ts';
import { FIXTURES } from '../support/fixtures.ts';
import { runSiaga } from '../support/run-cli.ts';

export const TEAMS_FILE = path.join(FIXTURES, 'tagana/teams-deli-serdang.json');

/** Straddles Sibolangit (12.07.03, its own district team) and neighbouring districts (the regency team). */
export const AREA_WEST = boxRing(98.56, 3.28, 98.66, 3.36);
/** Moved east: some villages of AREA_WEST leave, others join. */
export const AREA_EAST = boxRing(98.61, 3.29, 98.71, 3.37);
export const LATER = '2099-01-01T00:00:00+07:00';

export const ref = (identifier: string, sent: string): [string, string, string] => [TEST_SENDER, identifier, sent];

export async function loadTaganaWorld(db: Db, households: number, seed: string): Promise<void> {
  await loadDeliSerdang(db, households, seed);
  expect((await runSiaga(['import', 'teams', TEAMS_FILE], db)).code).toBe(0);
}

export async function ingest(db: Db, cap: TestCap): Promise<IngestResult & { alertId: number }> {
  const r = await ingestCapDocument(db, { source: 'test', bytes: buildCap(cap) }, { dryRun: false, maxBytes: 5e6, marginM: 0 });
  expect(r.errors).toEqual([]);
  return r as IngestResult & { alertId: number };
}

/** Tables a Tagana test empties between cases (areas, households and teams stay). */
export const RESET_SQL = `TRUNCATE tagana_task_events, tagana_tasks, tagana_team_tokens, deliveries, delivery_groups, sms_receipts,
  alert_target_villages, alert_shapes, alert_references, alert_infos, alert_documents, alerts, alert_groups RESTART IDENTITY CASCADE`;
