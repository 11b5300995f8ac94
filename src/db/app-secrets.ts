// Secrets Siaga generates once and keeps (VAPID keys when none are configured, the HMAC keys of
// acknowledgement tokens and SMS verification codes). The first writer wins; every replica then
// reads the same value, so two workers never sign with different keys.
import type { Queryable } from './db.ts';
import { one } from './sql.ts';

export async function getOrCreateSecret(db: Queryable, name: string, make: () => string): Promise<string> {
  await db.query(`INSERT INTO app_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [name, make()]);
  return (await one<{ value: string }>(db, `SELECT value FROM app_secrets WHERE name = $1`, [name])).value;
}
