// The event name of each listed message in a reader's language (the alert row holds one language's
// name; a resident who chose English should read "Heavy Rain", not "Hujan Lebat").
import type { Queryable } from './db.ts';
import { many } from './sql.ts';

export async function eventNames(db: Queryable, alertIds: readonly number[], lang: 'id' | 'en'): Promise<Map<number, string>> {
  if (alertIds.length === 0) return new Map();
  const rows = await many<{ alert_id: number; event: string }>(
    db,
    `SELECT DISTINCT ON (alert_id) alert_id::int, event FROM alert_infos
     WHERE alert_id = ANY($1::bigint[]) AND event IS NOT NULL
     ORDER BY alert_id, (lower(language) LIKE $2 || '%') DESC, position`,
    [alertIds, lang],
  );
  return new Map(rows.map((r) => [r.alert_id, r.event]));
}
