// The SMS gateway for an operator's SMSC over SMPP 3.4: one transceiver bind that submits
// messages and receives their delivery receipts and the residents' own SMS (mobile-originated
// deliver_sm, told apart from receipts by esm_class). It binds at the first send (or connect()),
// reconnects by itself with growing pauses when the connection drops (receipts only arrive while
// bound), paces segments to the contracted throughput, and retries a part the SMSC refuses with
// ESME_RTHROTTLED or ESME_RMSGQFUL a few times before reporting a retryable failure.
//
// A bind refused for configuration reasons (wrong password or system_id) is not retried for
// `bindRefusalHoldMs`: every send in that time fails at once with the refusal, instead of
// hammering the SMSC with binds that some operators answer by locking the account.
import { randomInt } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type smpp from 'smpp';
import type { Logger } from '../../logger.ts';
import { e164Digits, NOT_E164_REASON } from './e164.ts';
import { createInboundListeners, createReceiptListeners } from './receipt-listeners.ts';
import { inboundFromDeliverSm } from './smpp-mobile-originated.ts';
import type { SmsGateway, SmsSendResult } from './sms-gateway.ts';
import { SmppBindError } from './smpp-bind-error.ts';
import { SmppConnectionError, SmppUnansweredError } from './smpp-connection-error.ts';
import { openSmppLink, type SmppLink } from './smpp-link.ts';
import { isDeliveryReceipt, receiptFromDeliverSm } from './smpp-receipt.ts';
import { describeSmppStatus, isRetryableSubmitStatus, isThrottling } from './smpp-status.ts';
import { smppSourceAddress, submitSmParts, type SubmitSmParams } from './smpp-submit-parts.ts';
import { createThroughputLimit, type ThroughputLimit } from './throughput-limit.ts';

export interface SmppGatewayOptions {
  /** smpp://host:port (port 2775 when left out). */
  url: string;
  systemId: string;
  password: string;
  systemType?: string;
  /** Sender: a phone number, a short code or an alphanumeric name of at most 11 characters. */
  sourceAddr: string;
  /** The contracted throughput; parts of a concatenated SMS count one each. */
  segmentsPerSecond: number;
  /** Keep-alive interval; default 30 s. 0 turns it off. */
  enquireLinkMs?: number;
  /** Wait for the TCP connection and for each response; default 10 s. */
  responseTimeoutMs?: number;
  /** First pause before reconnecting; doubles up to 30 s. Default 1 s. */
  reconnectDelayMs?: number;
  /** Retries of a throttled part (ESME_RTHROTTLED/ESME_RMSGQFUL); default 5. */
  throttleRetries?: number;
  /** First pause after a throttled part; doubles with each retry. Default 1 s. */
  throttleDelayMs?: number;
  /** How long a bind refused for wrong credentials is not tried again; default 30 s. */
  bindRefusalHoldMs?: number;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Replaces the throughput limit built from segmentsPerSecond (tests inject a clock through it). */
  throughputLimit?: ThroughputLimit;
  /** Time stamped on receipts; default the system clock. */
  now?: () => Date;
}

export interface SmppGateway extends SmsGateway {
  /** Connects and binds now instead of at the first send; rejects with SmppBindError or SmppConnectionError. */
  connect(): Promise<void>;
}

const MAX_RECONNECT_DELAY_MS = 30_000;

type PartOutcome = { messageId: string } | { reason: string; retryable: boolean } | { reason: string; unanswered: true };

function parseSmppUrl(url: string): { host: string; port: number } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (err) {
    throw new Error(`SMPP gateway url "${url}" is not a URL (expected smpp://host:port)`, { cause: err });
  }
  if (parsed.protocol !== 'smpp:' || parsed.hostname === '') throw new Error(`SMPP gateway url "${url}" must look like smpp://host:port`);
  return { host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port: parsed.port === '' ? 2775 : Number(parsed.port) };
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function createSmppGateway(options: SmppGatewayOptions): SmppGateway {
  const { host, port } = parseSmppUrl(options.url);
  const where = `${host}:${port}`;
  const name = `smpp ${where}`;
  const source = smppSourceAddress(options.sourceAddr);
  const logger = options.logger;
  const limit = options.throughputLimit ?? createThroughputLimit(options.segmentsPerSecond);
  const now = options.now ?? (() => new Date());
  const firstReconnectDelay = options.reconnectDelayMs ?? 1000;
  const throttleRetries = options.throttleRetries ?? 5;
  const throttleDelayMs = options.throttleDelayMs ?? 1000;
  const bindRefusalHoldMs = options.bindRefusalHoldMs ?? 30_000;
  const receipts = createReceiptListeners(logger);
  const inbound = createInboundListeners(logger);

  let link: SmppLink | undefined;
  let linking: Promise<SmppLink> | undefined;
  let closed = false;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let reconnectDelay = firstReconnectDelay;
  let refusal: { error: SmppBindError; until: number } | undefined;
  // The 8-bit concatenation reference; consecutive texts to one phone must differ.
  let reference = randomInt(256);

  function onDeliverSm(pdu: smpp.PDU): void {
    try {
      const receipt = receiptFromDeliverSm(pdu, now());
      if (receipt) return receipts.dispatch(receipt);
      if (isDeliveryReceipt(pdu)) return logger?.warn({ gateway: name }, 'SMPP delivery receipt names no message id; ignored');
      const sms = inboundFromDeliverSm(pdu, now());
      if (sms) inbound.dispatch(sms);
      else logger?.warn({ gateway: name }, 'SMPP mobile-originated message without a sender; ignored');
    } catch (err) {
      logger?.error({ gateway: name, err }, 'an SMPP deliver_sm could not be read');
    }
  }

  function scheduleReconnect(): void {
    if (closed || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      ensureLink().catch((err: unknown) => {
        reconnectDelay = Math.min(reconnectDelay * 2, MAX_RECONNECT_DELAY_MS);
        logger?.warn({ gateway: name, err: reasonOf(err), nextAttemptMs: reconnectDelay }, 'SMPP reconnect failed');
        scheduleReconnect();
      });
    }, reconnectDelay);
    reconnectTimer.unref();
  }

  function onLinkClosed(error: Error | undefined): void {
    link = undefined;
    if (closed) return;
    logger?.warn({ gateway: name, err: error?.message, reconnectInMs: reconnectDelay }, 'SMPP connection lost; reconnecting');
    scheduleReconnect();
  }

  function ensureLink(): Promise<SmppLink> {
    if (closed) return Promise.reject(new SmppConnectionError(`the SMS gateway ${name} is closed`));
    if (link?.isOpen()) return Promise.resolve(link);
    if (refusal && Date.now() < refusal.until) return Promise.reject(refusal.error);
    linking ??= openSmppLink({
      host,
      port,
      systemId: options.systemId,
      password: options.password,
      systemType: options.systemType ?? '',
      timeoutMs: options.responseTimeoutMs ?? 10_000,
      enquireLinkMs: options.enquireLinkMs ?? 30_000,
      onDeliverSm,
      onClose: onLinkClosed,
    })
      .then(
        async (opened) => {
          if (closed) {
            await opened.unbindAndClose();
            throw new SmppConnectionError(`the SMS gateway ${name} is closed`);
          }
          link = opened;
          reconnectDelay = firstReconnectDelay;
          refusal = undefined;
          logger?.info({ gateway: name, systemId: options.systemId }, 'SMPP bound as transceiver');
          return opened;
        },
        (err: unknown) => {
          if (err instanceof SmppBindError && err.permanent) refusal = { error: err, until: Date.now() + bindRefusalHoldMs };
          throw err;
        },
      )
      .finally(() => {
        linking = undefined;
      });
    return linking;
  }

  /** One part; `beforeRequest` (the message's, for its first part) runs once the limit lets it go. */
  async function submitPart(params: SubmitSmParams, beforeRequest?: () => Promise<boolean>): Promise<PartOutcome | 'withheld'> {
    for (let attempt = 0; ; attempt += 1) {
      await limit.take(1);
      if (attempt === 0 && beforeRequest && !(await beforeRequest())) return 'withheld';
      let response: smpp.PDU;
      try {
        response = await (await ensureLink()).request('submit_sm', { ...params });
      } catch (err) {
        if (err instanceof SmppUnansweredError) return { reason: reasonOf(err), unanswered: true };
        return { reason: reasonOf(err), retryable: !(err instanceof SmppBindError && err.permanent) };
      }
      const status = response.command_status;
      if (status === 0) return { messageId: String(response.message_id ?? '') };
      if (isThrottling(status) && attempt < throttleRetries) {
        const waitMs = throttleDelayMs * 2 ** attempt;
        logger?.warn(
          { gateway: name, status: describeSmppStatus(status), retry: attempt + 1, waitMs },
          'SMSC asks to slow down; the part is sent again',
        );
        await delay(waitMs);
        continue;
      }
      const after = isThrottling(status) ? ` after ${throttleRetries} retries` : '';
      return { reason: `the SMSC refused submit_sm: ${describeSmppStatus(status)}${after}`, retryable: isRetryableSubmitStatus(status) };
    }
  }

  return {
    name,
    // A delivery receipt names the SMSC's message id only: one never learned stays unconfirmed.
    confirmsByReference: false,
    connect: async () => {
      await ensureLink();
    },
    async send(message): Promise<SmsSendResult> {
      const digits = e164Digits(message.to);
      if (digits === undefined) return { kind: 'failed', reason: NOT_E164_REASON, retryable: false };
      if (message.text === '') return { kind: 'failed', reason: 'the SMS text is empty', retryable: false };
      reference = (reference + 1) & 0xff;
      const parts = submitSmParts(message.text, source, digits, reference);
      const messageIds: string[] = [];
      for (const [i, params] of parts.entries()) {
        const outcome = await submitPart(params, i === 0 ? message.beforeRequest : undefined);
        if (outcome === 'withheld') return { kind: 'withheld' };
        if ('reason' in outcome) {
          if (messageIds.length > 0) {
            logger?.warn(
              { gateway: name, reference: message.reference, submitted: messageIds },
              'a concatenated SMS was only partly submitted',
            );
          }
          const reason = parts.length > 1 ? `part ${i + 1} of ${parts.length}: ${outcome.reason}` : outcome.reason;
          if ('unanswered' in outcome) return { kind: 'unknown', reason, segments: parts.length };
          return { kind: 'failed', reason, retryable: outcome.retryable };
        }
        messageIds.push(outcome.messageId);
      }
      return { kind: 'sent', messageIds, segments: parts.length };
    },
    onReceipt(listener) {
      receipts.add(listener);
    },
    onInbound(listener) {
      inbound.add(listener);
    },
    async close() {
      closed = true;
      clearTimeout(reconnectTimer);
      reconnectTimer = undefined;
      const current = link ?? (await linking?.catch(() => undefined));
      link = undefined;
      await current?.unbindAndClose();
    },
  };
}
