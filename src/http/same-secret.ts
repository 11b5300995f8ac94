// Compares a secret someone gave with the configured one in constant time. Both sides are hashed
// first so that their lengths never leak through timing either.
import { createHash, timingSafeEqual } from 'node:crypto';

export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
