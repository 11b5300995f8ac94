// How to reach a household now: its current row's phone (households are versioned; only the row
// with valid_to NULL counts).
import type { Queryable } from './db.ts';
import { many } from './sql.ts';

export async function currentPhones(db: Queryable, householdIds: readonly string[]): Promise<Map<string, string>> {
  if (householdIds.length === 0) return new Map();
  const rows = await many<{ id: string; phone: string }>(
    db,
    `SELECT id, phone FROM households WHERE id = ANY($1::text[]) AND valid_to IS NULL AND phone IS NOT NULL`,
    [householdIds],
  );
  return new Map(rows.map((r) => [r.id, r.phone]));
}
