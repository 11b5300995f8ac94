// One chunk of push rows: claim a small batch, render each payload (a warning in the household's
// language, or a task notice to a Tagana member), send to each of the recipient's active
// subscriptions, record the outcomes in one statement, repeat (src/delivery/send-claimed-batch.ts
// holds the claim, start and record steps and what each does when the database goes away). A row is `sent` when at least one
// of the recipient's devices took it; subscriptions the push service calls gone are deactivated.
import type { ClaimedDelivery, ClaimedTaskNotice, ClaimedWarning, DeliveryOutcome } from '../db/delivery-claims.ts';
import {
  activeMemberSubscriptions,
  activeSubscriptions,
  deactivateSubscriptions,
  type StoredSubscription,
} from '../db/push-subscriptions.ts';
import { taskNoticePush } from '../tagana/task-notice-text.ts';
import { ackToken } from './ack-token.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import { createMessageTexts } from './message-texts.ts';
import { pushTopic, pushUrgency } from './push/push-headers.ts';
import type { PushUrgency } from './push/push-types.ts';
import { renderPushPayload } from './push/push-payload.ts';
import { sendClaimedBatch, type PreparedRow } from './send-claimed-batch.ts';
import { loadTaskNotices, type TaskNotices } from './task-notices.ts';

const DEFAULT_TTL_S = 24 * 3600;
const MAX_TTL_S = 28 * 24 * 3600;

interface PreparedPush {
  payload: string;
  ttlSeconds: number;
  urgency: PushUrgency;
  topic: string;
}

export async function sendPushChunk(deps: DeliveryDeps, ids: readonly string[]): Promise<void> {
  const texts = createMessageTexts(deps);
  for (let i = 0; i < ids.length; i += deps.batchSize) {
    const gone: string[] = [];
    await sendClaimedBatch(deps, 'push', ids.slice(i, i + deps.batchSize), async (claimed) => {
      const warnings = claimed.filter((r): r is ClaimedWarning => r.kind !== 'task');
      const notices = claimed.filter((r): r is ClaimedTaskNotice => r.kind === 'task');
      const subscriptions = [
        ...(await activeSubscriptions(deps.db, [...new Set(warnings.map((c) => c.household_id))])),
        ...(await activeMemberSubscriptions(deps.db, [...new Set(notices.map((c) => c.member_id))])),
      ];
      const taskNotices = await loadTaskNotices(deps, notices);
      const rows = new Map<string, PreparedRow>();
      for (const row of claimed) {
        if (!deps.push) {
          rows.set(row.id, { id: row.id, state: 'failed', reason: 'web push is not set up on this Siaga (no VAPID keys)' });
          continue;
        }
        const mine = subscriptions.filter((s) =>
          row.kind === 'task' ? s.member_id === row.member_id : s.household_id === row.household_id,
        );
        if (mine.length === 0) {
          rows.set(row.id, {
            id: row.id,
            state: 'failed',
            reason: `the ${row.kind === 'task' ? 'Tagana member' : 'household'} has no active push subscription`,
          });
          continue;
        }
        const prepared = row.kind === 'task' ? prepareNotice(deps, taskNotices, row) : await prepareWarning(deps, texts, row);
        rows.set(
          row.id,
          'reason' in prepared
            ? { id: row.id, state: 'failed', reason: prepared.reason }
            : () => sendToDevices(deps, row, mine, prepared, gone),
        );
      }
      return rows;
    });
    await deactivateSubscriptions(deps.db, gone, 'the push service reported the subscription gone (404/410)', deps.now());
  }
}

async function prepareWarning(
  deps: DeliveryDeps,
  texts: ReturnType<typeof createMessageTexts>,
  row: ClaimedWarning,
): Promise<PreparedPush | { reason: string }> {
  const message = await texts.message(row.alert_id);
  if (!message) return { reason: `message ${row.alert_id} not found` };
  const text = texts.text(message, row);
  const now = deps.now().getTime();
  return {
    payload: renderPushPayload(text, { deliveryId: row.id, ackToken: ackToken(deps.secrets.ack, row.id) }),
    ttlSeconds:
      row.kind === 'all_clear' || !message.expires
        ? DEFAULT_TTL_S
        : Math.min(MAX_TTL_S, Math.max(60, Math.floor((message.expires.getTime() - now) / 1000))),
    urgency: row.kind === 'all_clear' ? 'normal' : pushUrgency(text.urgency, text.severity),
    topic: pushTopic(`${row.group_id}`),
  };
}

function prepareNotice(deps: DeliveryDeps, notices: TaskNotices, row: ClaimedTaskNotice): PreparedPush | { reason: string } {
  const text = notices.text(row);
  const taskId = notices.taskId(row);
  if (!text || !taskId) return { reason: `task event ${row.task_event_id} not found` };
  return {
    payload: taskNoticePush(text, { deliveryId: row.id, ackToken: ackToken(deps.secrets.ack, row.id), taskId }),
    ttlSeconds: DEFAULT_TTL_S,
    urgency: notices.urgent(row) ? 'high' : 'normal',
    // Its own topic: a newer notice must not replace an unread one, while a copy sent again (its
    // outcome was unknown) replaces the first if the push service still holds it.
    topic: pushTopic(`notice-${row.id}`),
  };
}

async function sendToDevices(
  deps: DeliveryDeps,
  row: ClaimedDelivery,
  subscriptions: StoredSubscription[],
  prepared: PreparedPush,
  gone: string[],
): Promise<DeliveryOutcome> {
  const push = deps.push;
  if (!push) return { id: row.id, state: 'failed', reason: 'web push is not set up on this Siaga (no VAPID keys)' };
  const problems: string[] = [];
  const locations: string[] = [];
  let mayHaveArrived = false;
  for (const sub of subscriptions) {
    const result = await push.send({
      subscription: { endpoint: sub.endpoint, p256dh: sub.p256dh, auth: sub.auth },
      payload: prepared.payload,
      ttlSeconds: prepared.ttlSeconds,
      urgency: prepared.urgency,
      ...(prepared.topic && { topic: prepared.topic }),
    });
    if (result.kind === 'sent') locations.push(result.location ?? sub.endpoint);
    else if (result.kind === 'gone') {
      gone.push(sub.id);
      problems.push(`subscription ${sub.id} gone (${result.status})`);
    } else {
      if (result.kind === 'unknown') mayHaveArrived = true;
      problems.push(`subscription ${sub.id}: ${result.reason}`);
    }
  }
  if (locations.length > 0) return { id: row.id, state: 'sent', providerIds: locations };
  // No device surely has it, one may: sent with its outcome unknown, until the device confirms it.
  if (mayHaveArrived) return { id: row.id, state: 'unknown', reason: problems.join('; ') };
  return { id: row.id, state: 'failed', reason: problems.join('; ') };
}
