// The bundled sample a fresh embedded install starts with, so that the quick start shows real
// boundaries and households: Deli Serdang's 394 villages, three Tagana teams, and synthetic
// households in the unassigned +62 840 phone block (no real person can be messaged).
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/db.ts';
import { importAreas } from '../db/admin-areas.ts';
import { upsertTeam } from '../db/tagana-teams.ts';
import { readAreaFeatures } from '../registry/area-features.ts';
import { readTeamFile } from '../registry/team-file.ts';
import { householdCsvChunks, readVillageFeatures } from '../registry/synthetic-households.ts';
import { importHouseholds } from './import-households.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
export const SAMPLE_VILLAGES = `${FIXTURES}id-admin/deli_serdang_villages.geojson`;
export const SAMPLE_TEAMS = `${FIXTURES}tagana/teams-deli-serdang.json`;

/** Synthetic households of the sample: a regency's worth, enough to see targeting and Tagana at work. */
export const SAMPLE_HOUSEHOLDS = 20_000;

export interface SampleSummary {
  villages: number;
  teams: number;
  households: number;
}

export async function loadSampleData(db: Db, households: number, snapMetres: number): Promise<SampleSummary> {
  const villagesDoc: unknown = JSON.parse(await readFile(SAMPLE_VILLAGES, 'utf8'));
  const { rows } = readAreaFeatures(villagesDoc, 'village');
  const { teams } = readTeamFile(JSON.parse(await readFile(SAMPLE_TEAMS, 'utf8')));
  await db.transaction(async (tx) => {
    await importAreas(tx, rows);
    for (const team of teams) await upsertTeam(tx, team);
  });
  const villages = readVillageFeatures(villagesDoc);
  if ('error' in villages) throw new Error(`sample villages: ${villages.error}`);
  const csv = Readable.from(
    (function* () {
      for (const chunk of householdCsvChunks(villages.villages, { count: households, seed: 'sample' })) yield chunk.text;
    })(),
  );
  const result = await importHouseholds(db, csv, { source: 'sample', snapMetres });
  return { villages: rows.length, teams: teams.length, households: result.inserted };
}
