// Imports a households CSV: rows are checked while streaming into a staging table (COPY), then
// PostGIS assigns villages and the rows are merged, all in one transaction. Bad rows are
// rejected with their line number and the good rows imported; a fatal problem (wrong header,
// broken CSV, no villages loaded) leaves the database exactly as it was.
import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import type { Db } from '../db/db.ts';
import { countVillages } from '../db/admin-areas.ts';
import { reopenHandoffsForImport } from '../db/delivery-handoffs.ts';
import {
  COPY_STAGING,
  assignHouseholdVillages,
  createHouseholdStaging,
  mergeHouseholds,
  removeDuplicateHouseholds,
} from '../db/households.ts';
import { checkHouseholdHeader, parseHouseholdRow } from './household-row.ts';

export interface RowReject {
  line: number;
  id: string | undefined;
  reason: string;
}

export interface HouseholdImportResult {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows placed in the nearest village because they fell in a gap between polygons. */
  snapped: number;
  rejects: RowReject[];
}

export class HouseholdFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HouseholdFileError';
  }
}

export interface HouseholdImportOptions {
  source: string;
  snapMetres: number;
  /** Any rejected row makes the whole import fail and write nothing. */
  strict?: boolean;
  progress?: (stage: string, rows: number) => void;
}

const CHUNK_BYTES = 256 * 1024;

export async function importHouseholds(db: Db, input: Readable, options: HouseholdImportOptions): Promise<HouseholdImportResult> {
  const records = input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }))[Symbol.asyncIterator]();
  const first = await nextRecord(records);
  if (!first) throw new HouseholdFileError('has no header line (expected id,lat,lon,members,vulnerable,language,phone)');
  const header = checkHouseholdHeader(first.record);
  if (typeof header === 'string') throw new HouseholdFileError(`line 1: ${header}`);
  if ((await countVillages(db)) === 0) throw new HouseholdFileError('no villages are loaded: run `siaga import areas` with village boundaries first');

  const rejects: RowReject[] = [];
  let rows = 0;
  async function* stagingCsv(): AsyncGenerator<string> {
    let chunk = '';
    for (;;) {
      const rec = await nextRecord(records);
      if (!rec) break;
      rows += 1;
      const verdict = parseHouseholdRow(rec.record, header as Map<string, number>);
      if (!verdict.ok) {
        rejects.push({ line: rec.line, id: rec.record[(header as Map<string, number>).get('id') ?? 0]?.trim() || undefined, reason: verdict.reason });
        continue;
      }
      const r = verdict.row;
      const v = r.vulnerable;
      // Every value here was checked: ids and phones contain no comma or quote, so no quoting.
      chunk += `${rec.line},${r.id},${r.lon},${r.lat},${r.members},${v.elderly},${v.disabled},${v.infant},${v.pregnant},${v.ill},${r.language},${r.phone ?? ''},${r.consentAt ?? ''}\n`;
      if (chunk.length >= CHUNK_BYTES) {
        yield chunk;
        chunk = '';
        options.progress?.('reading', rows);
      }
    }
    if (chunk) yield chunk;
  }

  const result = await db.transaction(async (tx) => {
    await createHouseholdStaging(tx);
    await tx.copyFrom(COPY_STAGING, stagingCsv());
    options.progress?.('checking duplicate ids', rows);
    for (const d of await removeDuplicateHouseholds(tx)) {
      rejects.push({ line: d.line, id: d.id, reason: `duplicate id ${d.id} (first on line ${d.first_line}, which is kept)` });
    }
    options.progress?.('assigning villages', rows);
    const { unplaced, snapped } = await assignHouseholdVillages(tx, options.snapMetres);
    for (const u of unplaced) {
      rejects.push({ line: u.line, id: u.id, reason: `lat=${u.lat}, lon=${u.lon} is in no loaded village and more than ${options.snapMetres} m from every one` });
    }
    if (options.strict && rejects.length > 0) {
      throw new HouseholdFileError(`${rejects.length} row(s) rejected and --strict given: nothing imported`);
    }
    options.progress?.('merging', rows);
    const { replaced, written } = await mergeHouseholds(tx, options.source);
    // Standing warnings over the new or changed households go round again, committed with them.
    if (written > 0) await reopenHandoffsForImport(tx, new Date());
    return { replaced, written, snapped };
  });
  rejects.sort((a, b) => a.line - b.line);
  const accepted = rows - rejects.length;
  return {
    rows,
    inserted: result.written - result.replaced,
    updated: result.replaced,
    unchanged: accepted - result.written,
    snapped: result.snapped,
    rejects,
  };
}

async function nextRecord(it: AsyncIterator<{ record: string[]; info: { lines: number } }>): Promise<{ record: string[]; line: number } | undefined> {
  try {
    const n = await it.next();
    // info.lines is the line the record ends on; records never span lines in a valid file.
    return n.done ? undefined : { record: n.value.record, line: n.value.info.lines };
  } catch (err) {
    throw new HouseholdFileError(`is not valid CSV: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
