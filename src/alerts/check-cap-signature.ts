// The signature verdict of one CAP document under the trust the operator configured (siaga
// senders trust): the keys of every pattern that covers the alert's sender are tried, and the
// sender must sign when any of those patterns says so. A sender no pattern covers is not checked.
import type { CapAlert } from '../cap/cap-types.ts';
import { senderMatches } from '../cap/sender-pattern.ts';
import { verifyCapSignature, type SignatureVerdict } from '../cap/verify-cap-signature.ts';
import { listSignatureTrust } from '../db/cap-signature-trust.ts';
import type { Queryable } from '../db/db.ts';

export async function checkCapSignature(db: Queryable, rawXml: string, alert: CapAlert): Promise<SignatureVerdict> {
  const trust = (await listSignatureTrust(db)).filter((t) => senderMatches(t.pattern, alert.sender));
  const keys = trust.map((t) => ({ publicKeyPem: t.public_key_pem, keySha256: t.key_sha256 }));
  return verifyCapSignature(
    rawXml,
    alert,
    keys,
    trust.some((t) => t.must_sign),
  );
}
