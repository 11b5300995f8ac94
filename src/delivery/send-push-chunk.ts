// One chunk of push rows: claim a small batch, render each household's payload in its language,
// send to each of its active subscriptions, record the outcomes in one statement, repeat. A row is
// `sent` when at least one of the household's devices took it; subscriptions the push service calls
// gone are deactivated.
import { claimDeliveries, recordOutcomes, type ClaimedDelivery, type DeliveryOutcome } from '../db/delivery-claims.ts';
import { activeSubscriptions, deactivateSubscriptions, type StoredSubscription } from '../db/push-subscriptions.ts';
import { ackToken } from './ack-token.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import { createMessageTexts } from './message-texts.ts';
import { pushTopic, pushUrgency } from './push/push-headers.ts';
import { renderPushPayload } from './push/push-payload.ts';

const DEFAULT_TTL_S = 24 * 3600;
const MAX_TTL_S = 28 * 24 * 3600;

export async function sendPushChunk(deps: DeliveryDeps, ids: readonly string[]): Promise<void> {
  const texts = createMessageTexts(deps);
  for (let i = 0; i < ids.length; i += deps.batchSize) {
    const claimed = await claimDeliveries(deps.db, 'push', ids.slice(i, i + deps.batchSize), deps.now(), deps.leaseSeconds);
    if (claimed.length === 0) continue;
    const subscriptions = await activeSubscriptions(deps.db, [...new Set(claimed.map((c) => c.household_id))]);
    const gone: string[] = [];
    const outcomes = await Promise.all(claimed.map((row) => sendOne(deps, texts, row, subscriptions.filter((s) => s.household_id === row.household_id), gone)));
    await recordOutcomes(deps.db, outcomes, deps.now());
    await deactivateSubscriptions(deps.db, gone, 'the push service reported the subscription gone (404/410)', deps.now());
  }
}

async function sendOne(deps: DeliveryDeps, texts: ReturnType<typeof createMessageTexts>, row: ClaimedDelivery, subscriptions: StoredSubscription[], gone: string[]): Promise<DeliveryOutcome> {
  if (!deps.push) return { id: row.id, state: 'failed', reason: 'web push is not set up on this Siaga (no VAPID keys)' };
  if (subscriptions.length === 0) return { id: row.id, state: 'failed', reason: 'the household has no active push subscription' };
  const message = await texts.message(row.alert_id);
  if (!message) return { id: row.id, state: 'failed', reason: `message ${row.alert_id} not found` };
  const text = texts.text(message, row);
  const payload = renderPushPayload(text, { deliveryId: row.id, ackToken: ackToken(deps.secrets.ack, row.id) });
  const now = deps.now().getTime();
  const ttlSeconds = row.kind === 'all_clear' || !message.expires ? DEFAULT_TTL_S : Math.min(MAX_TTL_S, Math.max(60, Math.floor((message.expires.getTime() - now) / 1000)));
  const problems: string[] = [];
  const locations: string[] = [];
  for (const sub of subscriptions) {
    const result = await deps.push.send({
      subscription: { endpoint: sub.endpoint, p256dh: sub.p256dh, auth: sub.auth },
      payload,
      ttlSeconds,
      urgency: row.kind === 'all_clear' ? 'normal' : pushUrgency(text.urgency, text.severity),
      topic: pushTopic(`${row.group_id}`),
    });
    if (result.kind === 'sent') locations.push(result.location ?? sub.endpoint);
    else if (result.kind === 'gone') {
      gone.push(sub.id);
      problems.push(`subscription ${sub.id} gone (${result.status})`);
    } else problems.push(`subscription ${sub.id}: ${result.reason}`);
  }
  if (locations.length > 0) return { id: row.id, state: 'sent', providerIds: locations };
  return { id: row.id, state: 'failed', reason: problems.join('; ') };
}
