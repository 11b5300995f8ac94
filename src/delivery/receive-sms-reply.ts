// A resident's SMS to Siaga's number, answered as the page's buttons answer a warning:
//   1. kept at once in inbound_sms (nothing a resident sends is dropped, whatever comes of it);
//   2. the sender's number (E.164) names the household through the latest SMS sent to it within
//      REPLY_WINDOW_S: a number several households share answers the warning it last received;
//   3. the keyword (reply-keyword.ts) acknowledges that household's rows of that message, on
//      every channel, as POST /api/households/me/acknowledgements does. `need_help` is then
//      picked up by the next Tagana sweep, which opens a door-knock task for the household's team.
// An unknown number or word gets ONE short help reply in Indonesian, at most one per number per
// HELP_REPLY_EVERY_S (the turn is taken in the database, shared by every process), and never to a
// sender that is not a phone number: two automatic responders must not answer each other forever.
// A recognised reply gets no answer by SMS at all, for the same reason.
import { acknowledgeDelivery, householdDeliveriesOf } from '../db/acknowledgements.ts';
import type { Db } from '../db/db.ts';
import {
  latestSmsToPhone,
  recordHelpReply,
  settleInboundSms,
  storeInboundSms,
  takeHelpReplyTurn,
  type HelpReplyState,
  type InboundOutcome,
} from '../db/inbound-sms.ts';
import type { Logger } from '../logger.ts';
import { replyResponse } from './sms/reply-keyword.ts';
import { senderE164 } from './sms/sender-number.ts';
import type { InboundSms, SmsGateway } from './sms/sms-gateway.ts';

/** A reply answers an SMS sent at most this long before (a warning's life, with a margin). */
export const REPLY_WINDOW_S = 7 * 24 * 3600;
/** At most one help reply per number in this time. */
export const HELP_REPLY_EVERY_S = 3600;
/** One GSM-7 segment: the words to answer with, in Indonesian first, and the English ones. */
export const HELP_REPLY_TEXT =
  'SIAGA: Balasan tidak dikenali/nomor tidak terdaftar. Balas AMAN jika selamat, BANTU jika butuh bantuan, TERIMA jika sudah terima. EN: SAFE/HELP/OK';

export interface SmsReplyDeps {
  db: Db;
  sms: SmsGateway;
  now: () => Date;
  logger: Pick<Logger, 'info' | 'warn'>;
}

export interface SmsReplyResult {
  /** The inbound_sms row; undefined for a message the gateway had already given (kept once). */
  id: string | undefined;
  outcome: InboundOutcome | 'duplicate';
  helpReply: HelpReplyState;
}

export async function receiveSmsReply(deps: SmsReplyDeps, sms: InboundSms): Promise<SmsReplyResult> {
  const phone = senderE164(sms.from, sms.fromTon);
  const response = replyResponse(sms.text);
  const id = await storeInboundSms(deps.db, {
    gateway: sms.gateway,
    gatewayId: sms.messageId,
    sender: sms.from,
    phone,
    recipient: sms.to,
    text: sms.text,
    receivedAt: sms.receivedAt,
    response,
  });
  if (id === undefined) return { id, outcome: 'duplicate', helpReply: 'none' };
  if (phone === undefined) {
    await settleInboundSms(deps.db, id, { outcome: 'not_a_phone' });
    return { id, outcome: 'not_a_phone', helpReply: 'none' };
  }
  const now = deps.now();
  const latest = await latestSmsToPhone(deps.db, phone, new Date(now.getTime() - REPLY_WINDOW_S * 1000));
  let outcome: InboundOutcome;
  if (latest === undefined) outcome = 'unknown_number';
  else if (response === undefined) outcome = 'unknown_keyword';
  else {
    let acknowledged = 0;
    for (const row of await householdDeliveriesOf(deps.db, latest.householdId, latest.alertId)) {
      if (await acknowledgeDelivery(deps.db, row, response, now, latest.householdId)) acknowledged += 1;
    }
    outcome = acknowledged > 0 ? 'acknowledged' : 'not_acknowledged';
  }
  await settleInboundSms(deps.db, id, { outcome, householdId: latest?.householdId, deliveryId: latest?.deliveryId });
  deps.logger.info({ inboundSms: id, outcome, response, household: latest?.householdId }, 'SMS reply received');
  if (outcome !== 'unknown_number' && outcome !== 'unknown_keyword') return { id, outcome, helpReply: 'none' };
  return { id, outcome, helpReply: await sendHelpReply(deps, id, phone) };
}

async function sendHelpReply(deps: SmsReplyDeps, id: string, phone: string): Promise<HelpReplyState> {
  if (!(await takeHelpReplyTurn(deps.db, phone, deps.now(), HELP_REPLY_EVERY_S))) {
    await recordHelpReply(deps.db, id, 'rate_limited');
    return 'rate_limited';
  }
  const sent = await deps.sms.send({ to: phone, text: HELP_REPLY_TEXT, reference: `r${id}` });
  if (sent.kind === 'sent' || sent.kind === 'unknown') {
    await recordHelpReply(deps.db, id, 'sent', sent.kind === 'unknown' ? sent.reason : undefined);
    return 'sent';
  }
  const why = sent.kind === 'failed' ? sent.reason : 'withheld';
  deps.logger.warn({ inboundSms: id, reason: why }, 'the SMS help reply could not be sent');
  await recordHelpReply(deps.db, id, 'failed', why);
  return 'failed';
}
