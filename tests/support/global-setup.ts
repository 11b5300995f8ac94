// Runs once before all test files. On PostgreSQL it installs PostGIS into `public` once, so that
// the per-test schemas' migrations never race on CREATE EXTENSION. It also says plainly which
// engine the run uses and what is not being tested.
import pg from 'pg';

export default async function setup(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  const lines = [
    databaseUrl
      ? `database: PostgreSQL + PostGIS (DATABASE_URL set)`
      : `database: embedded PGlite + PostGIS (DATABASE_URL not set; the PostgreSQL server path is not tested in this run)`,
    redisUrl ? `redis: ${new URL(redisUrl).host}` : `redis: REDIS_URL not set; suites that need Redis are skipped and say so`,
  ];
  console.log(`\n[siaga tests] ${lines.join('\n[siaga tests] ')}\n`);
  if (!databaseUrl) return;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA public');
  } finally {
    await client.end();
  }
}
