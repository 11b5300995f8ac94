// The VAPID JWT (RFC 8292): ES256 over {aud: push-service origin, exp, sub}, signed with Siaga's
// private key. Signing is most of the cost of a push message, so one token per push-service origin
// is cached and reused until shortly before it expires instead of signing every message.
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import type { VapidKeys } from './push-types.ts';

/** Push services accept at most 24 h; 12 h leaves room for clock skew. */
export const DEFAULT_JWT_LIFETIME_S = 12 * 3600;
export const DEFAULT_RENEW_BEFORE_S = 30 * 60;

export interface VapidJwtCache {
  /** `Authorization` header value for a push service origin. */
  authorization(origin: string): string;
  signed(): number;
}

export function vapidPrivateKey(keys: VapidKeys): KeyObject {
  const pub = Buffer.from(keys.publicKey, 'base64url');
  if (pub.length !== 65 || pub[0] !== 4) throw new Error('VAPID public key: expected 65 bytes of an uncompressed P-256 point (base64url)');
  const d = Buffer.from(keys.privateKey, 'base64url');
  if (d.length !== 32) throw new Error('VAPID private key: expected 32 bytes (base64url)');
  return createPrivateKey({
    format: 'jwk',
    key: {
      kty: 'EC',
      crv: 'P-256',
      d: keys.privateKey.replace(/=+$/, ''),
      x: pub.subarray(1, 33).toString('base64url'),
      y: pub.subarray(33).toString('base64url'),
    },
  });
}

export function signVapidJwt(key: KeyObject, claims: { aud: string; exp: number; sub: string }): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const data = `${part({ typ: 'JWT', alg: 'ES256' })}.${part(claims)}`;
  const signature = sign('sha256', Buffer.from(data), { key, dsaEncoding: 'ieee-p1363' });
  return `${data}.${signature.toString('base64url')}`;
}

export function createVapidJwtCache(
  keys: VapidKeys,
  options: { now?: () => number; lifetimeSeconds?: number; renewBeforeSeconds?: number } = {},
): VapidJwtCache {
  if (!/^(mailto:|https:)/.test(keys.subject)) throw new Error(`VAPID subject "${keys.subject}" must be a mailto: or https: URI`);
  const key = vapidPrivateKey(keys);
  const now = options.now ?? Date.now;
  const lifetime = options.lifetimeSeconds ?? DEFAULT_JWT_LIFETIME_S;
  const renewBefore = options.renewBeforeSeconds ?? DEFAULT_RENEW_BEFORE_S;
  const cache = new Map<string, { header: string; exp: number }>();
  let signed = 0;
  return {
    authorization(origin) {
      const t = Math.floor(now() / 1000);
      const hit = cache.get(origin);
      if (hit && hit.exp - renewBefore > t) return hit.header;
      const exp = t + lifetime;
      const header = `vapid t=${signVapidJwt(key, { aud: origin, exp, sub: keys.subject })}, k=${keys.publicKey}`;
      cache.set(origin, { header, exp });
      signed += 1;
      return header;
    },
    signed: () => signed,
  };
}
