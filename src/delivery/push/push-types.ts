// The shapes the web-push sender speaks: a browser's subscription, Siaga's VAPID keys, one message,
// and what the push service answered.

/** As a browser's PushSubscription gives it: endpoint and base64url keys. */
export interface PushSubscriptionKeys {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** Raw base64url P-256 keys as `web-push generate-vapid-keys` prints them, and the contact (`mailto:` or `https:`). */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

export type PushUrgency = 'very-low' | 'low' | 'normal' | 'high';

export interface PushMessage {
  subscription: PushSubscriptionKeys;
  payload: string;
  ttlSeconds: number;
  urgency: PushUrgency;
  /** Replaces an undelivered earlier message with the same topic on the device (RFC 8030 §5.4). */
  topic?: string;
}

export type PushResult =
  | { kind: 'sent'; status: number; attempts: number; location?: string }
  /** The subscription is no more (404/410): deactivate it. */
  | { kind: 'gone'; status: 404 | 410; attempts: number }
  | { kind: 'failed'; status?: number; reason: string; attempts: number }
  /**
   * The whole request was written and no answer came (a timeout, a reset): the push service may
   * have taken it. Never retried at once; the device's own confirmation settles it.
   */
  | { kind: 'unknown'; reason: string; attempts: number };

/** One address a push service's host name resolved to, as dns.lookup gives it. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** What one POST to a push service came back with, whichever HTTP version carried it. */
export interface PushAnswer {
  status: number;
  location?: string;
  retryAfter?: string;
  /** The start of the body (a push service's reason for a refusal), at most about 2,000 characters. */
  body: string;
}

/**
 * A request that got no answer. `mayHaveArrived`: the whole request had been written, so the push
 * service may have taken it; otherwise it provably did not (never written, or refused unprocessed)
 * and is safe to send again.
 */
export class PushRequestError extends Error {
  constructor(
    message: string,
    readonly mayHaveArrived: boolean,
  ) {
    super(message);
    this.name = 'PushRequestError';
  }
}
