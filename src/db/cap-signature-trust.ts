// Statements on cap_signature_trust (migrations/0022_cap_signature_trust.sql): the keys an operator
// trusts to sign CAP for a sender pattern, and whether those senders must sign.
import type { Queryable } from './db.ts';
import { many } from './sql.ts';

export interface SignatureTrust {
  pattern: string;
  public_key_pem: string;
  key_sha256: string;
  subject: string | null;
  must_sign: boolean;
  created_at: Date;
}

const UPSERT = `
INSERT INTO cap_signature_trust (pattern, public_key_pem, key_sha256, certificate_pem, subject, must_sign, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (pattern, key_sha256) DO UPDATE SET must_sign = EXCLUDED.must_sign, certificate_pem = EXCLUDED.certificate_pem,
  subject = EXCLUDED.subject
RETURNING (xmax = 0) AS inserted`;

const LIST = `
SELECT pattern, public_key_pem, key_sha256, subject, must_sign, created_at FROM cap_signature_trust ORDER BY pattern, created_at, id`;

const REMOVE = `
DELETE FROM cap_signature_trust WHERE pattern = $1 AND ($2::text IS NULL OR key_sha256 = $2) RETURNING key_sha256`;

/** Trusts a key for a pattern (or changes must-sign of one already trusted); true when it is new. */
export async function trustSigningKey(
  db: Queryable,
  t: { pattern: string; publicKeyPem: string; keySha256: string; certificatePem: string | null; subject: string | null; mustSign: boolean },
  now: Date,
): Promise<boolean> {
  const [row] = await many<{ inserted: boolean }>(db, UPSERT, [
    t.pattern,
    t.publicKeyPem,
    t.keySha256,
    t.certificatePem,
    t.subject,
    t.mustSign,
    now,
  ]);
  return row?.inserted === true;
}

export async function listSignatureTrust(db: Queryable): Promise<SignatureTrust[]> {
  return many<SignatureTrust>(db, LIST);
}

/** Stops trusting one key (or, without `keySha256`, every key) for a pattern; the keys removed. */
export async function untrustSigningKeys(db: Queryable, pattern: string, keySha256: string | null): Promise<string[]> {
  return (await many<{ key_sha256: string }>(db, REMOVE, [pattern, keySha256])).map((r) => r.key_sha256);
}
