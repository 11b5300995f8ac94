// A PostgreSQL connection the server ends (57P01, as in a restart) must not end the process: the
// error is logged, the broken client is discarded and the next query reconnects. Only this test's
// own connections are terminated, never the shared server.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { openPgDb } from '../../src/db/pg-db.ts';

const url = process.env.DATABASE_URL;

function capturingLogger() {
  const lines: { msg: string; where?: string; err?: { code?: string } }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as (typeof lines)[number]);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe.skipIf(!url)('pg-db: a lost connection', () => {
  it('logs the error of a checked-out client, keeps the process alive and reconnects', async () => {
    const { logger, lines } = capturingLogger();
    const db = openPgDb({ connectionString: url as string, max: 2, logger });
    const admin = openPgDb({ connectionString: url as string, max: 1, logger });
    try {
      await expect(
        db.transaction(async (tx) => {
          const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
          await admin.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
          // The client is checked out and idle: its 'error' event arrives with no query running.
          await vi.waitFor(() => expect(lines.some((l) => l.where === 'client' && l.err?.code === '57P01')).toBe(true), { timeout: 5000 });
          await tx.query('SELECT 1');
        }),
      ).rejects.toThrow();
      expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
    } finally {
      await db.close();
      await admin.close();
    }
  });

  it('logs the error of an idle pooled client and reconnects', async () => {
    const { logger, lines } = capturingLogger();
    const db = openPgDb({ connectionString: url as string, max: 1, logger });
    const admin = openPgDb({ connectionString: url as string, max: 1, logger });
    try {
      const { rows } = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
      await vi.waitFor(() => expect(lines.some((l) => l.where === 'idle')).toBe(true), { timeout: 5000 });
      const after = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      expect(after.rows[0]?.pid).not.toBe(rows[0]?.pid);
    } finally {
      await db.close();
      await admin.close();
    }
  });
});
