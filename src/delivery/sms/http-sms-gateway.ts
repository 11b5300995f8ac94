// The SMS gateway for providers with a plain HTTP API (and Siaga's own relay):
//   POST {url}  Authorization: Bearer {token}  {"to":"+628…","text":"…","reference":"d42"}
//   → 2xx {"messageIds":["…"]}
// Receipts come back by webhook (POST /api/sms/receipts, src/http/sms-receipt-routes.ts), which
// parses them with parseHttpSmsReceipt and hands them to receive(); listeners hear them exactly as
// they hear SMPP receipts. The residents' own SMS (replies to a warning) come by a second webhook,
// POST /api/sms/inbound with the same token and the body
//   {"from":"+628…","to":"3636","text":"AMAN","messageId":"…","receivedAt":"2026-…Z"}
// (to, messageId and receivedAt optional), parsed by parseHttpInboundSms and handed to receiveInbound().
//
// Failures: a 4xx says the request itself is wrong (bad number, bad token) and is not retried,
// except 408 and 429, which ask to come back later; 5xx, timeouts and network errors are retryable.
// Redirects are not followed (they would carry the token elsewhere): a 3xx is a configuration error.
// A 2xx without message ids is not retried either: the SMS may well have gone out, and a second
// warning sent on a guess is worse than a row marked failed.
import type http from 'node:http';
import axios from 'axios';
import { z } from 'zod';
import { e164Digits, NOT_E164_REASON } from './e164.ts';
import { createInboundListeners, createReceiptListeners } from './receipt-listeners.ts';
import { analyseSms } from './sms-encoding.ts';
import type { InboundSms, SmsGateway, SmsReceipt, SmsSendResult } from './sms-gateway.ts';
import { createThroughputLimit, type ThroughputLimit } from './throughput-limit.ts';
import type { Logger } from '../../logger.ts';

export interface HttpSmsGatewayOptions {
  url: string;
  token: string;
  /** The contracted throughput; a message counts as many segments as it will be sent in. */
  segmentsPerSecond: number;
  /** Deadline of one request, body included. */
  timeoutMs: number;
  logger?: Pick<Logger, 'error'>;
  /** Replaces the throughput limit built from segmentsPerSecond. */
  throughputLimit?: ThroughputLimit;
}

export interface HttpSmsGateway extends SmsGateway {
  /** A receipt the webhook received, passed to the listeners. */
  receive(receipt: SmsReceipt): void;
  /** An SMS a resident sent, taken by the inbound webhook, passed to the inbound listeners. */
  receiveInbound(sms: InboundSms): void;
}

const SendAnswer = z.object({ messageIds: z.array(z.string().min(1)).min(1) });

const ReceiptBody = z.object({
  messageId: z.string().trim().min(1).max(200),
  reference: z.string().trim().min(1).max(64).optional(),
  status: z.enum(['delivered', 'failed', 'expired', 'rejected']),
  reason: z.string().max(500).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
});

/** A receipt webhook body, or what is wrong with it (field by field). Without `at`, the time it arrived. */
export function parseHttpSmsReceipt(body: unknown, receivedAt: Date = new Date()): SmsReceipt | { error: string } {
  const parsed = ReceiptBody.safeParse(body);
  if (!parsed.success) {
    return { error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') };
  }
  const { messageId, reference, status, reason, at } = parsed.data;
  const receipt: SmsReceipt = { messageId, state: status, at: at === undefined ? receivedAt : new Date(at) };
  if (reference !== undefined) receipt.reference = reference;
  if (reason !== undefined && reason !== '') receipt.reason = reason;
  return receipt;
}

const InboundBody = z.object({
  from: z.string().trim().min(1).max(64),
  to: z.string().trim().max(64).optional(),
  text: z.string().max(2000),
  messageId: z.string().trim().min(1).max(200).optional(),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});

/** An inbound-SMS webhook body, or what is wrong with it (field by field). Without `receivedAt`, the time it arrived. */
export function parseHttpInboundSms(body: unknown, arrivedAt: Date = new Date()): InboundSms | { error: string } {
  const parsed = InboundBody.safeParse(body);
  if (!parsed.success) {
    return { error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') };
  }
  const { from, to, text, messageId, receivedAt } = parsed.data;
  const sms: InboundSms = { gateway: 'http', from, text, receivedAt: receivedAt === undefined ? arrivedAt : new Date(receivedAt) };
  if (to !== undefined && to !== '') sms.to = to;
  if (messageId !== undefined) sms.messageId = messageId;
  return sms;
}

/** "HTTP 401 Unauthorized: token not accepted" — the gateway's own words when its JSON has them. */
function describeStatus(status: number, statusText: string, data: unknown): string {
  const said =
    typeof data === 'object' && data !== null
      ? ((data as { error?: unknown; message?: unknown }).error ?? (data as { message?: unknown }).message)
      : undefined;
  const words = typeof said === 'string' && said !== '' ? `: ${said.slice(0, 120)}` : '';
  return `HTTP ${status}${statusText ? ` ${statusText}` : ''}${words}`;
}

export function createHttpSmsGateway(options: HttpSmsGatewayOptions): HttpSmsGateway {
  const name = `http ${new URL(options.url).host}`;
  const limit = options.throughputLimit ?? createThroughputLimit(options.segmentsPerSecond);
  const receipts = createReceiptListeners(options.logger);
  const inbound = createInboundListeners(options.logger);

  return {
    name,
    confirmsByReference: true,
    async send(message): Promise<SmsSendResult> {
      if (e164Digits(message.to) === undefined) return { kind: 'failed', reason: NOT_E164_REASON, retryable: false };
      const segments = analyseSms(message.text).segments;
      await limit.take(segments);
      if (message.beforeRequest && !(await message.beforeRequest())) return { kind: 'withheld' };
      let response;
      try {
        response = await axios.post<unknown>(
          options.url,
          { to: message.to, text: message.text, reference: message.reference },
          {
            headers: { Authorization: `Bearer ${options.token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
            timeout: options.timeoutMs,
            // axios's timeout stops once headers arrive; this covers a body that trickles (longer,
            // so that it fires only after the headers came: the gateway had the request).
            signal: AbortSignal.timeout(2 * options.timeoutMs),
            // A redirect would carry the token to another host.
            maxRedirects: 0,
            validateStatus: () => true,
          },
        );
      } catch (err) {
        const why = axios.isAxiosError(err) ? (err.code ?? err.message) : err instanceof Error ? err.message : String(err);
        if (mayHaveArrived(err))
          return { kind: 'unknown', reason: `the SMS gateway did not answer a request it received: ${why}`, segments };
        return { kind: 'failed', reason: `the SMS gateway could not be reached: ${why}`, retryable: true };
      }
      const { status, statusText, data } = response;
      if (status >= 200 && status < 300) {
        const answer = SendAnswer.safeParse(data);
        if (!answer.success)
          return { kind: 'failed', reason: `${describeStatus(status, statusText, undefined)} without messageIds`, retryable: false };
        return { kind: 'sent', messageIds: answer.data.messageIds, segments };
      }
      const retryable = status >= 500 || status === 408 || status === 429;
      return { kind: 'failed', reason: describeStatus(status, statusText, data), retryable };
    },
    onReceipt(listener) {
      receipts.add(listener);
    },
    receive(receipt) {
      receipts.dispatch(receipt);
    },
    onInbound(listener) {
      inbound.add(listener);
    },
    receiveInbound(sms) {
      inbound.dispatch(sms);
    },
    async close() {
      // Nothing held open: each send is its own request (axios keeps no agent of ours).
    },
  };
}

/**
 * Whether a failed request may still have been taken by the gateway: the whole request was
 * written to the connection (a timeout or reset while waiting for the answer), or the answer's
 * headers had come (the body-timeout signal). Only a request that never left is safe to send again.
 */
function mayHaveArrived(err: unknown): boolean {
  if (!axios.isAxiosError(err)) return true;
  const request = err.request as http.ClientRequest | undefined;
  return request?.writableFinished === true;
}
