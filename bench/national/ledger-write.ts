// The ledger write against its floor: the rows a warning's planning wrote, written again into the
// real deliveries table (every index and constraint, ON CONFLICT and RETURNING as the planner writes
// them, as Updates of the same message so that nothing conflicts), against the same rows inserted
// into a table with the same columns and no index or constraint at all. Both read from one
// temporary copy, so the difference is what the ledger's indexes and checks cost. The rows written
// are removed again (untimed) and each side is run three times, interleaved; medians are reported.
import type pg from 'pg';
import { median, round3, timeOnce } from '../measure.ts';

const COLUMNS = `group_id, alert_id, household_id, channel, kind, language, severity, content_key, not_before, expires_at, queued_at, dispatched_at`;
const RUNS = 3;

export interface LedgerWrite {
  rows: number;
  siagaSeconds: number;
  floorSeconds: number;
  siagaRuns: number[];
  floorRuns: number[];
}

export async function measureLedgerWrite(client: pg.Client, alertId: number): Promise<LedgerWrite> {
  await client.query(`DROP TABLE IF EXISTS ledger_write_source, ledger_write_floor`);
  await client.query(
    `CREATE TEMP TABLE ledger_write_source AS
     SELECT group_id, alert_id, household_id, channel, 'update'::text AS kind, language, severity, content_key, not_before, expires_at, queued_at, dispatched_at
     FROM deliveries WHERE alert_id = $1 AND kind = 'warning'`,
    [alertId],
  );
  await client.query(`ANALYZE ledger_write_source`);
  const rows = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ledger_write_source`)).rows[0]?.n ?? 0);
  // Same columns and types, nothing else: no index, no constraint, no default.
  await client.query(`CREATE TABLE ledger_write_floor AS SELECT ${COLUMNS} FROM deliveries WITH NO DATA`);
  const siagaRuns: number[] = [];
  const floorRuns: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const siaga = await timeOnce(() =>
        client.query(
          `INSERT INTO deliveries (${COLUMNS}) SELECT ${COLUMNS} FROM ledger_write_source
           ON CONFLICT (alert_id, household_id, channel, kind) DO NOTHING
           RETURNING id, household_id, channel, dispatched_at IS NOT NULL AS due`,
        ),
      );
      if (siaga.value.rowCount !== rows) throw new Error(`ledger write: wrote ${siaga.value.rowCount} of ${rows} rows`);
      siagaRuns.push(siaga.seconds);
      await client.query(`DELETE FROM deliveries WHERE alert_id = $1 AND kind = 'update'`, [alertId]);
      await client.query(`VACUUM deliveries`);
      const floor = await timeOnce(() => client.query(`INSERT INTO ledger_write_floor SELECT ${COLUMNS} FROM ledger_write_source`));
      floorRuns.push(floor.seconds);
      await client.query(`TRUNCATE ledger_write_floor`);
    }
  } finally {
    await client.query(`DROP TABLE IF EXISTS ledger_write_source, ledger_write_floor`);
  }
  return {
    rows,
    siagaSeconds: median(siagaRuns),
    floorSeconds: median(floorRuns),
    siagaRuns: siagaRuns.map(round3),
    floorRuns: floorRuns.map(round3),
  };
}
