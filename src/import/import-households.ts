// Imports a households CSV: rows are read while streaming into a staging table (COPY), then
// PostGIS assigns villages and the rows are merged, all in one transaction. A row is refused only
// when Siaga cannot warn the household (no usable location, outside Indonesia, far from every
// village, a duplicate id); every other row is imported, with a warning for each reading Siaga had
// to choose (household-row.ts). A fatal problem (wrong header, broken CSV, no villages loaded)
// leaves the database exactly as it was.
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
import { readHouseholdId } from '../registry/household-id.ts';
import { quoteField } from '../registry/quote-field.ts';
import { checkHouseholdHeader, createHouseholdRowReader, type HouseholdRow } from '../registry/household-row.ts';

export interface RowReject {
  line: number;
  id: string | undefined;
  reason: string;
}

/** A row imported with a reading Siaga chose; `reason` lists every such reading, `; `-separated (no reading's text holds `; `). */
export type RowWarning = RowReject;

export interface HouseholdImportResult {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows placed in the nearest village because they fell in a gap between polygons. */
  snapped: number;
  rejects: RowReject[];
  /** Rows imported, but read in a way the file did not say outright (one entry per row). */
  warnings: RowWarning[];
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
  /** Any rejected row makes the whole import fail and write nothing (warnings do not). */
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
  if ((await countVillages(db)) === 0)
    throw new HouseholdFileError('no villages are loaded: run `siaga import areas` with village boundaries first');

  const rejects: RowReject[] = [];
  const warnings: RowWarning[] = [];
  const readRow = createHouseholdRowReader(header);
  const idColumn = header.get('id') ?? 0;
  let rows = 0;
  async function* stagingCsv(): AsyncGenerator<string> {
    let chunk = '';
    for (;;) {
      const rec = await nextRecord(records);
      if (!rec) break;
      rows += 1;
      const verdict = readRow(rec.record);
      if (!verdict.ok) {
        const id = readHouseholdId(rec.record[idColumn] ?? '');
        rejects.push({ line: rec.line, id: 'id' in id ? id.id : undefined, reason: verdict.reason });
        continue;
      }
      if (verdict.warnings.length > 0) warnings.push({ line: rec.line, id: verdict.row.id, reason: verdict.warnings.join('; ') });
      chunk += stagingLine(rec.line, verdict.row);
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
      rejects.push({ line: d.line, id: d.id, reason: `duplicate id ${quoteField(d.id)} (first on line ${d.first_line}, which is kept)` });
    }
    options.progress?.('assigning villages', rows);
    const { unplaced, snapped } = await assignHouseholdVillages(tx, options.snapMetres);
    for (const u of unplaced) {
      rejects.push({
        line: u.line,
        id: u.id,
        reason: `lat=${u.lat}, lon=${u.lon} is in no loaded village and more than ${options.snapMetres} m from every one`,
      });
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
  // A row refused later (duplicate, far from every village) is reported once, as refused.
  const refused = new Set(rejects.map((r) => r.line));
  const accepted = rows - rejects.length;
  return {
    rows,
    inserted: result.written - result.replaced,
    updated: result.replaced,
    unchanged: accepted - result.written,
    snapped: result.snapped,
    rejects,
    warnings: warnings.filter((w) => !refused.has(w.line)),
  };
}

/**
 * One staging line. The id is the registry's own text (any characters but control ones), so it is
 * always quoted, with quotes doubled; every other value was produced by the reader (numbers, a
 * language code, an E.164 number, an ISO time), where an empty field is NULL.
 */
function stagingLine(line: number, r: HouseholdRow): string {
  const v = r.vulnerable;
  const k = v.kinds;
  const id = `"${r.id.replace(/"/g, '""')}"`;
  return `${line},${id},${r.lon},${r.lat},${r.members},${v.people},${k.elderly},${k.disabled},${k.infant},${k.pregnant},${k.ill},${r.language},${r.phone ?? ''},${r.consentAt ?? ''}\n`;
}

async function nextRecord(
  it: AsyncIterator<{ record: string[]; info: { lines: number } }>,
): Promise<{ record: string[]; line: number } | undefined> {
  try {
    const n = await it.next();
    // info.lines is the line the record ends on; records never span lines in a valid file.
    return n.done ? undefined : { record: n.value.record, line: n.value.info.lines };
  } catch (err) {
    throw new HouseholdFileError(`is not valid CSV: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
