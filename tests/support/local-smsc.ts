// A local SMSC on 127.0.0.1 (port 0) speaking real SMPP 3.4 through smpp.createServer, standing in
// for an operator in the SMS gateway tests. It checks bind credentials (ESME_RINVSYSID /
// ESME_RINVPASWD), refuses a part longer than one SMS (ESME_RINVMSGLEN, as operators do), answers
// each submit_sm with a message_id, decodes data_coding 0 (GSM 03.38) and 8 (UCS-2) with the
// library's own coders, reassembles concatenated parts by their UDH, and sends a delivery receipt
// per part in the SMPP 3.4 Appendix B text format (plus the receipted_message_id and
// message_state TLVs unless turned off), after a delay, 'delivered' or 'failed', per destination or
// for all. Receipts for an ESME that is not bound wait for its next bind, as at a real SMSC.
// sendMobileOriginated() delivers a subscriber's own SMS to the bound ESME as a real SMSC does: a
// deliver_sm with esm_class 0 (not a receipt), the sender's number and TON, GSM 03.38 or UCS-2.
// Throttling is injected with throttleNext(n); everything is recorded and counted.
import smpp from 'smpp';

export type ReceiptOutcome = 'delivered' | 'failed' | 'none';

export interface ReceiptPlan {
  outcome: ReceiptOutcome;
  delayMs?: number;
}

export interface LocalSmscOptions {
  systemId: string;
  password: string;
  /** Receipts for every destination without its own plan; default delivered at once. */
  receipts?: ReceiptPlan;
  /** Add receipted_message_id and message_state TLVs to receipts (default true); text only when false. */
  receiptTlvs?: boolean;
}

export interface SubmittedPart {
  /** performance.now() when the submit_sm arrived. */
  at: number;
  messageId: string;
  source: string;
  sourceTon: number;
  /** As submitted: international digits without '+'. */
  destination: string;
  destinationTon: number;
  destinationNpi: number;
  dataCoding: number;
  esmClass: number;
  registeredDelivery: number;
  text: string;
  concat?: { reference: number; total: number; part: number };
}

export interface ReceivedSms {
  source: string;
  destination: string;
  text: string;
  dataCoding: number;
  /** Message ids of the parts, in part order. */
  messageIds: string[];
}

export interface SentReceipt {
  messageId: string;
  destination: string;
  stat: 'DELIVRD' | 'UNDELIV';
  text: string;
}

export interface LocalSmsc {
  url: string;
  binds: { systemId: string; interfaceVersion: number; accepted: boolean }[];
  parts: SubmittedPart[];
  messages: ReceivedSms[];
  receipts: SentReceipt[];
  counts: { submits: number; throttled: number; receiptsSent: number; receiptsAcknowledged: number; enquireLinks: number; unbinds: number };
  /** Receipt plan for one destination (digits as submitted, or E.164 with '+') or, without one, for all. */
  setReceipts(plan: ReceiptPlan, destination?: string): void;
  /** The next `count` submit_sm are answered with `status` (ESME_RTHROTTLED unless given). */
  throttleNext(count: number, status?: 'ESME_RTHROTTLED' | 'ESME_RMSGQFUL'): void;
  /** The next `count` submit_sm are taken (counted as submitted) and never answered. */
  leaveUnansweredNext(count: number): void;
  /**
   * A subscriber's SMS to the ESME (mobile-originated deliver_sm); waits for a bind like receipts.
   * Resolves when the ESME answered deliver_sm_resp (at once when no ESME is bound yet).
   */
  sendMobileOriginated(sms: { from: string; fromTon?: number; to?: string; text: string }): Promise<void>;
  /** Mobile-originated SMS the ESME acknowledged with deliver_sm_resp. */
  mobileOriginatedAcknowledged: number;
  /** Cuts every client connection, as a network failure or an SMSC restart would. */
  dropConnections(): void;
  /** Sessions currently connected. */
  connections(): number;
  close(): Promise<void>;
}

const ESM_CLASS_RECEIPT = 0x04;
const MESSAGE_STATE = { DELIVRD: 2, UNDELIV: 5 } as const;

/** YYMMDDhhmm in UTC, the receipt text's date format. */
function receiptDate(at: Date): string {
  return at.toISOString().replace(/[-T:]/g, '').slice(2, 12);
}

function concatInfo(udh: Buffer[] | undefined): SubmittedPart['concat'] {
  for (const ie of udh ?? []) {
    if (ie[0] === 0x00 && ie[1] === 3) return { reference: ie[2] ?? 0, total: ie[3] ?? 0, part: ie[4] ?? 0 };
    if (ie[0] === 0x08 && ie[1] === 4) return { reference: ((ie[2] ?? 0) << 8) | (ie[3] ?? 0), total: ie[4] ?? 0, part: ie[5] ?? 0 };
  }
  return undefined;
}

/** Whether one part fits the 140 octets of an SMS; the UDH takes whole septets in GSM-7. */
function fitsOneSms(text: string, dataCoding: number, udh: Buffer[] | undefined): boolean {
  const udhOctets = udh && udh.length > 0 ? 1 + udh.reduce((n, ie) => n + ie.length, 0) : 0;
  if (dataCoding === 8) return udhOctets + smpp.encodings.UCS2.encode(text).length <= 140;
  return Math.ceil((udhOctets * 8) / 7) + smpp.encodings.ASCII.encode(text).length <= 160;
}

export async function startLocalSmsc(options: LocalSmscOptions): Promise<LocalSmsc> {
  const plans = new Map<string, ReceiptPlan>();
  let defaultPlan: ReceiptPlan = options.receipts ?? { outcome: 'delivered' };
  let throttle = { count: 0, status: smpp.errors.ESME_RTHROTTLED ?? 0x58 };
  let unanswered = 0;
  let nextId = 0x1a2b00;
  const bound = new Set<smpp.Session>();
  const queuedReceipts: smpp.PduOptions[] = [];
  const fragments = new Map<string, Map<number, SubmittedPart>>();
  const timers = new Set<NodeJS.Timeout>();

  const smsc: Omit<LocalSmsc, 'url' | 'close'> = {
    binds: [],
    parts: [],
    messages: [],
    receipts: [],
    counts: { submits: 0, throttled: 0, receiptsSent: 0, receiptsAcknowledged: 0, enquireLinks: 0, unbinds: 0 },
    setReceipts(plan, destination) {
      if (destination === undefined) defaultPlan = plan;
      else plans.set(destination.replace(/^\+/, ''), plan);
    },
    leaveUnansweredNext(count) {
      unanswered = count;
    },
    throttleNext(count, status = 'ESME_RTHROTTLED') {
      throttle = { count, status: smpp.errors[status] ?? 0x58 };
    },
    mobileOriginatedAcknowledged: 0,
    sendMobileOriginated(sms) {
      const ucs2 = !/^[\x20-\x7e\n\r]*$/.test(sms.text);
      const pdu: smpp.PduOptions = {
        source_addr_ton: sms.fromTon ?? 1,
        source_addr_npi: 1,
        source_addr: sms.from.replace(/^\+/, ''),
        destination_addr: sms.to ?? '3636',
        esm_class: 0,
        data_coding: ucs2 ? 8 : 0,
        short_message: sms.text,
      };
      return new Promise<void>((resolve) => {
        const session = [...bound][0];
        if (!session) {
          queuedReceipts.push(pdu);
          return resolve();
        }
        session.send(new smpp.PDU('deliver_sm', pdu), () => {
          smsc.mobileOriginatedAcknowledged += 1;
          resolve();
        });
      });
    },
    dropConnections() {
      for (const session of [...server.sessions]) session.destroy();
    },
    connections: () => server.sessions.length,
  };

  function deliverReceipt(receipt: smpp.PduOptions): void {
    const session = [...bound][0];
    if (!session) {
      queuedReceipts.push(receipt);
      return;
    }
    smsc.counts.receiptsSent += 1;
    session.send(new smpp.PDU('deliver_sm', receipt), () => {
      smsc.counts.receiptsAcknowledged += 1;
    });
  }

  function planReceipt(part: SubmittedPart): void {
    const plan = plans.get(part.destination) ?? defaultPlan;
    if (plan.outcome === 'none' || (part.registeredDelivery & 0x03) === 0) return;
    const stat = plan.outcome === 'delivered' ? 'DELIVRD' : 'UNDELIV';
    const now = new Date();
    const text =
      `id:${part.messageId} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:${receiptDate(now)} ` +
      `done date:${receiptDate(now)} stat:${stat} err:${stat === 'DELIVRD' ? '000' : '011'} text:${part.text.slice(0, 20).replace(/[^\x20-\x7e]/g, '?')}`;
    const receipt: smpp.PduOptions = {
      source_addr_ton: part.destinationTon,
      source_addr_npi: part.destinationNpi,
      source_addr: part.destination,
      dest_addr_ton: part.sourceTon,
      destination_addr: part.source,
      esm_class: ESM_CLASS_RECEIPT,
      data_coding: 0,
      short_message: text,
      ...(options.receiptTlvs !== false && { receipted_message_id: part.messageId, message_state: MESSAGE_STATE[stat] }),
    };
    smsc.receipts.push({ messageId: part.messageId, destination: part.destination, stat, text });
    const timer = setTimeout(() => {
      timers.delete(timer);
      deliverReceipt(receipt);
    }, plan.delayMs ?? 0);
    timers.add(timer);
  }

  function reassemble(part: SubmittedPart): void {
    const concat = part.concat;
    if (!concat) {
      smsc.messages.push({
        source: part.source,
        destination: part.destination,
        text: part.text,
        dataCoding: part.dataCoding,
        messageIds: [part.messageId],
      });
      return;
    }
    const key = `${part.source}|${part.destination}|${concat.reference}|${concat.total}`;
    const got = fragments.get(key) ?? new Map<number, SubmittedPart>();
    got.set(concat.part, part);
    fragments.set(key, got);
    if (got.size < concat.total) return;
    fragments.delete(key);
    const ordered = [...got.entries()].sort(([a], [b]) => a - b).map(([, p]) => p);
    smsc.messages.push({
      source: part.source,
      destination: part.destination,
      text: ordered.map((p) => p.text).join(''),
      dataCoding: part.dataCoding,
      messageIds: ordered.map((p) => p.messageId),
    });
  }

  function onSubmit(session: smpp.Session, pdu: smpp.PDU): void {
    if (!bound.has(session)) return void session.send(pdu.response({ command_status: smpp.errors.ESME_RINVBNDSTS }));
    smsc.counts.submits += 1;
    if (unanswered > 0) {
      unanswered -= 1;
      return;
    }
    if (throttle.count > 0) {
      throttle.count -= 1;
      smsc.counts.throttled += 1;
      return void session.send(pdu.response({ command_status: throttle.status }));
    }
    const sm = pdu.short_message;
    const decoded = typeof sm === 'object' && sm !== null && !Buffer.isBuffer(sm) ? sm : { message: sm ?? '' };
    const text = typeof decoded.message === 'string' ? decoded.message : decoded.message.toString('latin1');
    const dataCoding = pdu.data_coding ?? 0;
    if (!fitsOneSms(text, dataCoding, decoded.udh)) return void session.send(pdu.response({ command_status: smpp.errors.ESME_RINVMSGLEN }));
    nextId += 1;
    const concat = concatInfo(decoded.udh);
    const part: SubmittedPart = {
      at: performance.now(),
      messageId: nextId.toString(16).toUpperCase(),
      source: pdu.source_addr ?? '',
      sourceTon: pdu.source_addr_ton ?? 0,
      destination: pdu.destination_addr ?? '',
      destinationTon: pdu.dest_addr_ton ?? 0,
      destinationNpi: pdu.dest_addr_npi ?? 0,
      dataCoding,
      esmClass: pdu.esm_class ?? 0,
      registeredDelivery: pdu.registered_delivery ?? 0,
      text,
      ...(concat && { concat }),
    };
    smsc.parts.push(part);
    session.send(pdu.response({ message_id: part.messageId }));
    reassemble(part);
    planReceipt(part);
  }

  const server = smpp.createServer((session) => {
    // A client that vanishes resets the socket; without a listener that error would crash the run.
    session.on('error', () => undefined);
    session.on('close', () => bound.delete(session));
    session.on('bind_transceiver', (pdu: smpp.PDU) => {
      const status =
        pdu.system_id !== options.systemId
          ? smpp.errors.ESME_RINVSYSID
          : pdu.password !== options.password
            ? smpp.errors.ESME_RINVPASWD
            : 0;
      smsc.binds.push({ systemId: pdu.system_id ?? '', interfaceVersion: pdu.interface_version ?? 0, accepted: status === 0 });
      if (status) return void session.send(pdu.response({ command_status: status }));
      session.send(pdu.response({ system_id: 'LOCALSMSC' }));
      bound.add(session);
      for (const receipt of queuedReceipts.splice(0)) deliverReceipt(receipt);
    });
    session.on('submit_sm', (pdu: smpp.PDU) => onSubmit(session, pdu));
    session.on('enquire_link', (pdu: smpp.PDU) => {
      smsc.counts.enquireLinks += 1;
      session.send(pdu.response());
    });
    session.on('unbind', (pdu: smpp.PDU) => {
      smsc.counts.unbinds += 1;
      bound.delete(session);
      session.send(pdu.response(), () => session.close());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the local SMSC has no TCP address');

  return {
    ...smsc,
    url: `smpp://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        for (const session of [...server.sessions]) session.destroy();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
