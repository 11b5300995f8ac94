// The household rows' baseline: the same CSV file loaded by a bare COPY into a plain table with the
// same columns as text, no index, no checks, no village assignment — what PostgreSQL alone costs.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { HOUSEHOLD_CSV_HEADER } from '../src/registry/synthetic-households.ts';

const DROP_TABLE = 'DROP TABLE IF EXISTS bench_bare_copy';
const CREATE_TABLE = 'CREATE TABLE bench_bare_copy (id text, lat text, lon text, members text, vulnerable text, language text, phone text)';
const COPY_CSV = 'COPY bench_bare_copy (id, lat, lon, members, vulnerable, language, phone) FROM STDIN WITH (FORMAT csv, HEADER true)';

/** Seconds of one bare COPY of `csvPath` into a fresh table (dropped afterwards), and the rows it loaded. */
export async function timeBareCopy(databaseUrl: string, csvPath: string): Promise<{ seconds: number; rows: number }> {
  await checkHeader(csvPath);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(DROP_TABLE);
    await client.query(CREATE_TABLE);
    await checkpoint(client);
    const start = process.hrtime.bigint();
    const stream = client.query(copyFromStdin(COPY_CSV));
    await pipeline(createReadStream(csvPath), stream);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    await client.query(DROP_TABLE);
    return { seconds, rows: stream.rowCount ?? 0 };
  } finally {
    await client.end();
  }
}

/**
 * Flushes dirty pages now, so that the writes of one measured step are not paid by the next one.
 * Needs superuser (or pg_checkpoint); without it the step is skipped and the noise stays.
 */
export async function checkpoint(client: Pick<pg.Client, 'query'>): Promise<boolean> {
  try {
    await client.query('CHECKPOINT');
    return true;
  } catch {
    return false;
  }
}

async function checkHeader(csvPath: string): Promise<void> {
  const file = await open(csvPath, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(256), 0, 256, 0);
    const header = buffer.subarray(0, bytesRead).toString('latin1').split(/\r?\n/)[0];
    if (header !== HOUSEHOLD_CSV_HEADER) throw new Error(`${csvPath} starts with ${JSON.stringify(header)}, not ${HOUSEHOLD_CSV_HEADER}`);
  } finally {
    await file.close();
  }
}
