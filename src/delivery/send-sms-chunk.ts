// One chunk of SMS rows: claim a small batch, render each text (a warning in the household's
// language, or a task notice to a Tagana member in Indonesian), hand it to the gateway (which keeps
// to its throughput limit), record the message ids so receipts can find the row. Recipients without
// a phone any more fail with that reason; a gateway that cannot be reached is tried again later
// (recordOutcomes' backoff), not given up on at once.
import type { ClaimedDelivery, ClaimedTaskNotice, ClaimedWarning, DeliveryOutcome } from '../db/delivery-claims.ts';
import { currentPhones } from '../db/household-contacts.ts';
import { memberPhones } from '../db/tagana-notice-sources.ts';
import { taskNoticeSms } from '../tagana/task-notice-text.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import { createMessageTexts } from './message-texts.ts';
import { sendClaimedBatch, type PreparedRow } from './send-claimed-batch.ts';
import { renderSms } from './sms/render-sms.ts';
import { loadTaskNotices } from './task-notices.ts';

type Prepared = { to: string; text: string } | { reason: string };

export async function sendSmsChunk(deps: DeliveryDeps, ids: readonly string[]): Promise<void> {
  const texts = createMessageTexts(deps);
  for (let i = 0; i < ids.length; i += deps.batchSize) {
    await sendClaimedBatch(
      deps,
      'sms',
      ids.slice(i, i + deps.batchSize),
      async (claimed) => {
        const warnings = claimed.filter((r): r is ClaimedWarning => r.kind !== 'task');
        const notices = claimed.filter((r): r is ClaimedTaskNotice => r.kind === 'task');
        const phones = await currentPhones(deps.db, [...new Set(warnings.map((c) => c.household_id))]);
        const members = await memberPhones(
          deps.db,
          notices.map((c) => c.member_id),
        );
        const taskNotices = await loadTaskNotices(deps, notices);

        const prepare = async (row: ClaimedDelivery): Promise<Prepared> => {
          if (row.kind === 'task') {
            const to = members.get(row.member_id);
            const text = taskNotices.text(row);
            if (!to) return { reason: 'the Tagana member has no phone number any more (or is no longer active)' };
            return text ? { to, text: taskNoticeSms(text) } : { reason: `task event ${row.task_event_id} not found` };
          }
          const to = phones.get(row.household_id);
          if (!to) return { reason: 'the household has no phone number any more' };
          const message = await texts.message(row.alert_id);
          if (!message) return { reason: `message ${row.alert_id} not found` };
          return { to, text: renderSms(texts.text(message, row)) };
        };

        const rows = new Map<string, PreparedRow>();
        for (const row of claimed) {
          const sms = deps.sms;
          if (!sms) {
            rows.set(row.id, { id: row.id, state: 'failed', reason: 'no SMS gateway is configured (SMS_GATEWAY_URL)' });
            continue;
          }
          const prepared = await prepare(row);
          if ('reason' in prepared) {
            rows.set(row.id, { id: row.id, state: 'failed', reason: prepared.reason });
            continue;
          }
          rows.set(row.id, async (start): Promise<DeliveryOutcome | undefined> => {
            const result = await sms.send({ ...prepared, reference: `d${row.id}`, beforeRequest: start });
            if (result.kind === 'withheld') return undefined;
            if (result.kind === 'sent') return { id: row.id, state: 'sent', providerIds: result.messageIds, segments: result.segments };
            if (result.kind === 'unknown')
              return { id: row.id, state: 'unknown', reason: `SMS gateway ${sms.name}: ${result.reason}`, segments: result.segments };
            return { id: row.id, state: result.retryable ? 'retry' : 'failed', reason: `SMS gateway ${sms.name}: ${result.reason}` };
          });
        }
        return rows;
        // The gateway paces its requests: each row is marked started only when its turn comes.
      },
      { startEach: true },
    );
  }
}
