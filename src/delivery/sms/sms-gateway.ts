// What the SMS channel needs from a gateway, whatever protocol it speaks: send one text to one
// phone, hear delivery receipts and the residents' own SMS (replies), close. Two implementations exist (SMPP to an operator's SMSC, a
// plain HTTP API), and the tests' local SMSC and HTTP gateway speak the same real protocols.
//
// send() never throws for a message that could not be sent: it answers `failed` with whether a
// later attempt may succeed, so the delivery ledger decides about retries in one place. The one
// exception is `beforeRequest`: what it throws, send() throws, and nothing was sent.

export interface SmsMessage {
  /** E.164 with the plus, e.g. +628401234567. */
  to: string;
  text: string;
  /** Siaga's reference of the delivery row (sent to HTTP gateways; logged for SMPP). */
  reference: string;
  /**
   * Called once the throughput limit lets the message go, right before its first request leaves
   * (the ledger marks the row started only now, not while it waits its turn, so a worker killed
   * in the queue leaves rows that are provably unsent). `false`: the message may no longer be
   * sent, and send() answers `withheld`.
   */
  beforeRequest?: () => Promise<boolean>;
}

export type SmsSendResult =
  /** One provider message id per id the gateway gave: one per part for SMPP, one per message for HTTP. */
  | { kind: 'sent'; messageIds: string[]; segments: number }
  | { kind: 'failed'; reason: string; retryable: boolean }
  /**
   * The request reached the gateway (or may have) and no answer came: it may have been sent.
   * Never retried, so that nobody is told twice; recorded as sent with its outcome unknown.
   */
  | { kind: 'unknown'; reason: string; segments: number }
  /** Not sent: `beforeRequest` said no. */
  | { kind: 'withheld' };

export type SmsReceiptState = 'delivered' | 'failed' | 'expired' | 'rejected' | 'unknown';

export interface SmsReceipt {
  messageId: string;
  /** The reference Siaga sent with the message (`d<ledger id>`), when the gateway gives it back. */
  reference?: string;
  state: SmsReceiptState;
  /** What the network said, for states other than delivered (e.g. "UNDELIV err:011"). */
  reason?: string;
  at: Date;
}

export type SmsReceiptListener = (receipt: SmsReceipt) => void;

/** A mobile-originated SMS: what a resident sent to Siaga's number. */
export interface InboundSms {
  gateway: 'smpp' | 'http';
  /** The sender as the network gave it (digits, +digits, a national number, or a name). */
  from: string;
  /** SMPP type of number of the sender (1 international, 2 national), when the protocol says. */
  fromTon?: number;
  /** The number it was sent to (Siaga's short code or long number), when given. */
  to?: string;
  text: string;
  /** The gateway's id of the message, when it gives one (a webhook posted twice is taken once). */
  messageId?: string;
  receivedAt: Date;
}

export type InboundSmsListener = (sms: InboundSms) => void;

export interface SmsGateway {
  /** For logs and failure reasons, e.g. "smpp 10.0.0.5:2775". */
  name: string;
  /**
   * Its receipts carry the reference Siaga sent, so a message whose send went unanswered is known
   * to have arrived when its receipt comes; one that stays unconfirmed may be sent again.
   */
  confirmsByReference: boolean;
  send(message: SmsMessage): Promise<SmsSendResult>;
  onReceipt(listener: SmsReceiptListener): void;
  onInbound(listener: InboundSmsListener): void;
  close(): Promise<void>;
}
