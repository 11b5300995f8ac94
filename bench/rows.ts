// The rows of the benchmark, in the order they run. A new row is a file in bench/rows/ exporting
// runRow, plus an entry here. household-reimport follows household-import: it re-imports what the
// first import wrote (alone, it does the first import itself, untimed).
import type { BenchMode, HouseholdFixture, RowLine } from './row-types.ts';

interface RowAbout {
  name: string;
  /** What the row measures, for the table when the row is skipped or fails. */
  measures: string;
}

export type RowSpec =
  | (RowAbout & { needs: 'nothing'; load: () => Promise<{ runRow: (mode: BenchMode) => Promise<RowLine[]> }> })
  /** Rows on PostgreSQL get the household fixture the runner prepares once per run. */
  | (RowAbout & {
      needs: 'households';
      load: () => Promise<{ runRow: (mode: BenchMode, households: HouseholdFixture) => Promise<RowLine[]> }>;
    });

export const ROWS: readonly RowSpec[] = [
  { name: 'cap-parse', measures: 'CAP parse + validate (checkCap)', needs: 'nothing', load: () => import('./rows/cap-parse.ts') },
  {
    name: 'household-import',
    measures: 'siaga import households, empty table',
    needs: 'households',
    load: () => import('./rows/household-import.ts'),
  },
  {
    name: 'household-reimport',
    measures: 'siaga import households, same file again',
    needs: 'households',
    load: () => import('./rows/household-reimport.ts'),
  },
  {
    name: 'alert-to-queued',
    measures: 'cap ingest to ledger written and chunks queued, national',
    needs: 'nothing',
    load: () => import('./rows/alert-to-queued.ts'),
  },
  {
    name: 'time-to-warn',
    measures: 'BMKG publishes a nowcast → the running service polls, plans and sends: seconds to the first push',
    needs: 'nothing',
    load: () => import('./rows/time-to-warn.ts'),
  },
  { name: 'fan-out', measures: 'recipients queued per second on BullMQ', needs: 'nothing', load: () => import('./rows/fan-out.ts') },
  { name: 'web-push', measures: 'web push encrypted + sent per CPU-second', needs: 'nothing', load: () => import('./rows/web-push.ts') },
  { name: 'sms', measures: 'SMS segments per second over SMPP', needs: 'nothing', load: () => import('./rows/sms.ts') },
  {
    name: 'raster-vectorize',
    measures: 'raster threshold → polygons (vectorizeThreshold), 4000×4000 Float32',
    needs: 'nothing',
    load: () => import('./rows/raster-vectorize.ts'),
  },
];
