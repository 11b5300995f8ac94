// One chunk of SMS rows: claim a small batch, render each text in the household's language, hand
// it to the gateway (which keeps to its throughput limit), record the message ids so receipts can
// find the row. Households without a phone any more fail with that reason; a gateway that cannot
// be reached is tried again later (recordOutcomes' backoff), not given up on at once.
import { claimDeliveries, recordOutcomes, type DeliveryOutcome } from '../db/delivery-claims.ts';
import { currentPhones } from '../db/household-contacts.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import { createMessageTexts } from './message-texts.ts';
import { renderSms } from './sms/render-sms.ts';

export async function sendSmsChunk(deps: DeliveryDeps, ids: readonly string[]): Promise<void> {
  const texts = createMessageTexts(deps);
  for (let i = 0; i < ids.length; i += deps.batchSize) {
    const claimed = await claimDeliveries(deps.db, 'sms', ids.slice(i, i + deps.batchSize), deps.now(), deps.leaseSeconds);
    if (claimed.length === 0) continue;
    const phones = await currentPhones(deps.db, [...new Set(claimed.map((c) => c.household_id))]);
    const outcomes = await Promise.all(
      claimed.map(async (row): Promise<DeliveryOutcome> => {
        if (!deps.sms) return { id: row.id, state: 'failed', reason: 'no SMS gateway is configured (SMS_GATEWAY_URL)' };
        const phone = phones.get(row.household_id);
        if (!phone) return { id: row.id, state: 'failed', reason: 'the household has no phone number any more' };
        const message = await texts.message(row.alert_id);
        if (!message) return { id: row.id, state: 'failed', reason: `message ${row.alert_id} not found` };
        const result = await deps.sms.send({ to: phone, text: renderSms(texts.text(message, row)), reference: `d${row.id}` });
        if (result.kind === 'sent') return { id: row.id, state: 'sent', providerIds: result.messageIds, segments: result.segments };
        return { id: row.id, state: result.retryable ? 'retry' : 'failed', reason: `SMS gateway ${deps.sms.name}: ${result.reason}` };
      }),
    );
    await recordOutcomes(deps.db, outcomes, deps.now());
  }
}
