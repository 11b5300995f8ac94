// The bearer secrets Siaga hands out (a household's management token, a team's API token, a staff
// session): 32 random bytes, base64url, shown once; Siaga keeps only their SHA-256, so a leaked
// database does not leak working tokens. One place for both halves, so they cannot drift apart.
import { createHash, randomBytes } from 'node:crypto';

/** A new secret token (43 base64url characters). */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored of a token: its SHA-256, hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The token of `Authorization: Bearer <token>` when it has a token's shape, else undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+([A-Za-z0-9_-]{20,100})$/i.exec(authorization ?? '')?.[1];
}
