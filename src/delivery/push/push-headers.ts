// The Urgency and Topic headers of a warning (RFC 8030 §5.3, §5.4).
//   Urgency: push services and devices save battery on low urgency (a phone in doze may hold a
//   `low` message for hours), so only what must wake a phone now is `high`:
//     Immediate + Extreme/Severe → high; Immediate or Expected otherwise → normal;
//     Future → low; Past and Unknown → low (still shown, never waking a phone at night).
//   Topic: one per alert group, so an Update replaces the unread warning on the device instead of
//   stacking beside it. At most 32 characters of the URL-safe base64 alphabet.
import { createHash } from 'node:crypto';
import type { CapSeverity, CapUrgency } from '../warning-text.ts';
import type { PushUrgency } from './push-types.ts';

export function pushUrgency(urgency: CapUrgency, severity: CapSeverity): PushUrgency {
  if (urgency === 'Immediate' && (severity === 'Extreme' || severity === 'Severe')) return 'high';
  if (urgency === 'Immediate' || urgency === 'Expected') return 'normal';
  return 'low';
}

export function pushTopic(alertGroupKey: string): string {
  return createHash('sha256').update(`siaga-group:${alertGroupKey}`).digest().subarray(0, 24).toString('base64url');
}

export function checkTopic(topic: string): void {
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(topic))
    throw new Error(`push Topic "${topic}" must be 1 to 32 characters of the URL-safe base64 alphabet`);
}
