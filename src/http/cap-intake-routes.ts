// CAP intake from other alerting authorities (a BPBD's SAMBRO, a neighbouring country's system):
//   POST /api/cap   one CAP 1.2 document, or an Atom/RSS feed embedding CAP alerts,
//                   `Authorization: Bearer <token from siaga senders add>`
// A feed is answered per entry: each embedded alert is checked, matched against the token's
// pattern and stored on its own, exactly as a CAP posted alone. Entries that only link to their
// alert are refused (the intake stores what it is sent and fetches nothing a sender names).
// The document goes through the same checks and the same ingest as every CAP Siaga takes in, and
// is handed to delivery in the transaction that stores it (intake `api:<sender name>`). A token
// speaks only for the CAP senders its pattern covers: anything else is refused before a byte is
// stored. Every authenticated post, refused or stored, is logged for the liaison.
import type http from 'node:http';
import { ingestCapInTransaction } from '../alerts/ingest-cap-document.ts';
import type { IngestResult } from '../alerts/ingest-result.ts';
import { checkCapSignature } from '../alerts/check-cap-signature.ts';
import { checkCap } from '../cap/check-cap.ts';
import { senderMatches } from '../cap/sender-pattern.ts';
import { splitCapFeed, type CapFeedPart } from '../cap/split-cap-feed.ts';
import { capSenderForToken, logCapIntake, type CapSender, type IntakeLogEntry } from '../db/cap-senders.ts';
import type { Db } from '../db/db.ts';
import { findHandoff } from '../db/delivery-handoffs.ts';
import type { Logger } from '../logger.ts';
import { bearerToken, sha256Hex } from '../secret-token.ts';
import { createClientRateLimit } from './client-rate-limit.ts';
import { readCappedBody } from './read-capped-body.ts';
import { HttpError, type Reply, type Route } from './route.ts';

export interface CapIntakeDeps {
  db: Db;
  logger: Logger;
  now: () => Date;
  /** The CAP limits every ingest applies (CAP_MAX_BYTES, TARGET_MARGIN_M). */
  maxBytes: number;
  marginM: number;
  /** Posts per minute per sender token. */
  perMinute: number;
  /** Wakes the delivery runtime; absent: the next sweep takes the stored warning. */
  handOn?: (alertIds: number[]) => Promise<void>;
}

const CAP_TYPES = ['application/cap+xml', 'application/xml', 'text/xml', 'application/atom+xml', 'application/rss+xml'];

export function capIntakeRoutes(deps: CapIntakeDeps): Route[] {
  const rateLimit = createClientRateLimit(deps.perMinute, () => deps.now().getTime());
  return [{ method: 'POST', path: /^\/api\/cap$/, handler: (req) => intake(deps, rateLimit, req) }];
}

async function intake(deps: CapIntakeDeps, rateLimit: ReturnType<typeof createClientRateLimit>, req: http.IncomingMessage): Promise<Reply> {
  const sender = await authenticate(deps, req);
  const wait = rateLimit.check(sender.name);
  if (wait !== undefined)
    throw new HttpError(429, `sender "${sender.name}" posted more than ${deps.perMinute} documents this minute; try again in ${wait} s`, {
      'retry-after': String(wait),
    });
  const receivedAt = deps.now();
  const log = (e: Partial<IntakeLogEntry> & { status: number; outcome: string }) =>
    logCapIntake(deps.db, {
      senderName: sender.name,
      receivedAt,
      alertId: null,
      bytes: null,
      ...e,
      capSender: loggable(e.capSender),
      identifier: loggable(e.identifier),
      error: loggable(e.error),
    });
  const refuse = async (
    status: number,
    outcome: string,
    body: Record<string, unknown> & { error: string },
    e: Partial<IntakeLogEntry> = {},
  ): Promise<Reply> => {
    await log({ status, outcome, error: body.error, ...e });
    return { status, body };
  };

  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!CAP_TYPES.includes(type)) {
    return refuse(415, 'refused', { error: `send the CAP document as ${CAP_TYPES.join(', ')} (got "${type || 'no content-type'}")` });
  }
  const declared = Number(req.headers['content-length']);
  let bytes: Buffer;
  try {
    // A declared length over the limit is refused before reading anything.
    if (declared > deps.maxBytes) throw new HttpError(413, `the CAP document is larger than ${deps.maxBytes} bytes`);
    bytes = await readCappedBody(req, deps.maxBytes, 'the CAP document');
  } catch (err) {
    if (err instanceof HttpError && err.status === 413) return refuse(413, 'refused', { error: err.message });
    throw err;
  }

  const feed = splitCapFeed(bytes, { maxBytes: deps.maxBytes });
  if (feed === undefined) return intakeDocument(deps, sender, receivedAt, bytes, refuse);
  if (feed.parts.length === 0) {
    const first = feed.issues.errors[0];
    const error = `the ${feed.kind === 'atom' ? 'Atom' : 'RSS'} feed has no entries${first ? ` (${first.path}: ${first.message.replace(/\.$/, '')})` : ''}; nothing was stored`;
    return refuse(422, 'invalid', { error, errors: feed.issues.errors, warnings: feed.issues.warnings }, { bytes: bytes.length });
  }
  // One entry after the other, each in its own transaction, as if each had been posted alone.
  const entries: Record<string, unknown>[] = [];
  for (const part of feed.parts) {
    const reply = await intakeEntry(deps, sender, receivedAt, part, refuse);
    // httpStatus, not status: an ingest result's `status` is the CAP message's own (Actual, Exercise…).
    entries.push({
      entry: part.index + 1,
      id: part.entry.id ?? null,
      httpStatus: reply.status,
      ...(reply.body as Record<string, unknown>),
    });
  }
  const statuses = new Set(entries.map((e) => e.httpStatus as number));
  // One status for the feed when every entry got the same; otherwise 207, and each entry says its own.
  const status = statuses.size === 1 ? (entries[0]?.httpStatus as number) : 207;
  return {
    status,
    body: {
      feed: feed.kind,
      stored: entries.filter((e) => e.stored === true).length,
      entries,
      ...(feed.issues.errors.length + feed.issues.warnings.length > 0 && { feedIssues: feed.issues }),
    },
  };
}

type Refuse = (
  status: number,
  outcome: string,
  body: Record<string, unknown> & { error: string },
  e?: Partial<IntakeLogEntry>,
) => Promise<Reply>;

/** One entry of a posted feed: its embedded alert goes through the intake of a single document. */
async function intakeEntry(deps: CapIntakeDeps, sender: CapSender, receivedAt: Date, part: CapFeedPart, refuse: Refuse): Promise<Reply> {
  const issues = part.issues.errors.length + part.issues.warnings.length > 0 ? { entryIssues: part.issues } : {};
  if (part.embeddedXml !== undefined) {
    const reply = await intakeDocument(deps, sender, receivedAt, Buffer.from(part.embeddedXml, 'utf8'), refuse);
    return { ...reply, body: { ...(reply.body as Record<string, unknown>), ...issues } };
  }
  if (part.entry.capUrl !== undefined && part.issues.errors.length === 0) {
    const error = `the entry links to its CAP message (${part.entry.capUrl}) instead of embedding it; this intake stores only what is posted and fetches nothing: embed the <alert> in the entry, or post it alone; nothing was stored`;
    return refuse(422, 'refused', { error, ...issues });
  }
  const first = part.issues.errors[0];
  const error = `the entry holds no CAP alert${first ? `: ${first.path}: ${first.message.replace(/\.$/, '')}` : ''}; nothing was stored`;
  return refuse(422, 'invalid', { error, ...issues });
}

/** One CAP document, posted alone or embedded in a posted feed: checked, matched to the token, stored. */
async function intakeDocument(deps: CapIntakeDeps, sender: CapSender, receivedAt: Date, bytes: Buffer, refuse: Refuse): Promise<Reply> {
  const check = checkCap(bytes, { maxBytes: deps.maxBytes });
  const facts = { bytes: bytes.length, capSender: check.alert?.sender ?? null, identifier: check.alert?.identifier ?? null };
  if (!check.valid || !check.alert) {
    const first = check.errors[0];
    const error = `the CAP document is not valid${first ? `: ${first.path}: ${first.message.replace(/\.$/, '')}` : ''}${check.errors.length > 1 ? ` (and ${check.errors.length - 1} more)` : ''}; nothing was stored`;
    return refuse(422, 'invalid', { error, errors: check.errors, warnings: check.warnings }, facts);
  }
  if (!senderMatches(sender.pattern, check.alert.sender)) {
    const error = `the token of "${sender.name}" may post for senders matching "${sender.pattern}", not for "${check.alert.sender}"; nothing was stored`;
    return refuse(403, 'wrong_sender', { error }, facts);
  }

  // Refused here rather than in the ingest so that the sender hears 422 with the reason, not 409.
  const signature = await checkCapSignature(deps.db, check.rawXml ?? '', check.alert);
  if (signature.state === 'rejected') {
    const error = `the XML signature is not accepted: ${signature.message}; nothing was stored`;
    return refuse(422, 'bad_signature', { error }, facts);
  }

  const handoff = { intake: `api:${sender.name}`, mode: 'deliver' as const, graceSeconds: 0 };
  let result: IngestResult;
  try {
    result = await deps.db.transaction(async (tx) => {
      const r = await ingestCapInTransaction(
        tx,
        { source: `api:${sender.name}`, bytes },
        { maxBytes: deps.maxBytes, marginM: deps.marginM, handoff, now: deps.now },
      );
      await logCapIntake(tx, {
        senderName: sender.name,
        receivedAt,
        status: statusOf(r),
        outcome: r.outcome,
        bytes: facts.bytes,
        capSender: loggable(facts.capSender),
        identifier: loggable(facts.identifier),
        alertId: r.alertId,
        error: loggable(r.errors[0] ? `${r.errors[0].path}: ${r.errors[0].message}` : null),
      });
      return r;
    });
  } catch (err) {
    return failed(deps, err, (status, error) => refuse(status, 'failed', { error }, facts));
  }
  if (result.outcome !== 'rejected' && result.outcome !== 'duplicate' && result.alertId !== null && result.delivery?.state === 'awaiting') {
    // Only a wake-up: the hand-off is already committed, and the next sweep would take it anyway.
    deps.handOn?.([result.alertId]).catch((err: unknown) => deps.logger.warn({ err, alertId: result.alertId }, 'could not wake delivery'));
  }
  // A duplicate changes nothing; the sender still learns where the stored warning stands.
  const delivery = result.delivery ?? (result.alertId !== null ? await deliveryOf(deps.db, result.alertId) : null);
  const stored = result.outcome !== 'rejected' && result.outcome !== 'duplicate';
  const body = {
    ...result,
    delivery,
    stored,
    intake: handoff.intake,
    ...(result.outcome === 'rejected' && { error: `refused: ${result.errors[0]?.message ?? 'not stored'}` }),
  };
  return { status: statusOf(result), body };
}

async function authenticate(deps: CapIntakeDeps, req: http.IncomingMessage): Promise<CapSender> {
  const token = bearerToken(req.headers.authorization);
  if (!token)
    throw new HttpError(401, 'send the intake token from `siaga senders add` as "Authorization: Bearer <token>"', {
      'www-authenticate': 'Bearer',
    });
  const sender = await capSenderForToken(deps.db, sha256Hex(token));
  if (!sender) throw new HttpError(401, 'this token belongs to no CAP sender', { 'www-authenticate': 'Bearer error="invalid_token"' });
  if (sender.revoked_at)
    throw new HttpError(401, `the token of sender "${sender.name}" was revoked at ${sender.revoked_at.toISOString()}`, {
      'www-authenticate': 'Bearer error="invalid_token"',
    });
  return sender;
}

/**
 * Text from the document as the log can hold it: a NUL (which PostgreSQL text refuses) shown as
 * U+FFFD, and bounded, so that logging a refusal can never fail on what is being refused.
 */
function loggable(text: string | null | undefined): string | null {
  return text == null ? null : text.split('\u0000').join('\uFFFD').slice(0, 1000);
}

/** 201 stored, 200 the same document again, 409 a different document reusing a stored identity. */
function statusOf(r: IngestResult): number {
  return r.outcome === 'duplicate' ? 200 : r.outcome === 'rejected' ? 409 : 201;
}

async function deliveryOf(db: Db, alertId: number): Promise<IngestResult['delivery']> {
  const h = await findHandoff(db, alertId);
  return h ? { state: h.state, reason: h.reason } : null;
}

// SQLSTATE classes of a database that is away or busy (connection, shutdown, resources,
// serialization): the sender should post again, which is safe (a repeat is a duplicate).
const TRANSIENT = /^(08|53|57P|40001|40P01)/;

/**
 * The ingest threw. A database that is away is the sender's cue to retry (503); anything else came
 * from this document (storage choked on something validation let through): 422, never 500.
 */
async function failed(deps: CapIntakeDeps, err: unknown, refuse: (status: number, error: string) => Promise<Reply>): Promise<Reply> {
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  if ((typeof code === 'string' && TRANSIENT.test(code)) || /ECONNREFUSED|ECONNRESET|Connection terminated/i.test(message)) {
    deps.logger.warn({ err }, 'CAP intake: database unavailable');
    throw new HttpError(503, 'Siaga cannot store the document right now; nothing was stored, post it again shortly', {
      'retry-after': '30',
    });
  }
  deps.logger.warn({ err }, 'CAP intake: the document could not be stored');
  return refuse(422, `the CAP document could not be stored (${message.slice(0, 300)}); nothing was stored`);
}
