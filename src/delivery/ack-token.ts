// The token a push notification carries so that the service worker can confirm receipt and pass on
// the resident's answer for exactly that delivery, without holding the household's management
// token: an HMAC of the delivery id under a secret Siaga generated once.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function ackToken(secret: string, deliveryId: string): string {
  return createHmac('sha256', secret).update(`delivery:${deliveryId}`).digest('base64url').slice(0, 22);
}

export function checkAckToken(secret: string, deliveryId: string, token: string): boolean {
  const expected = Buffer.from(ackToken(secret, deliveryId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
