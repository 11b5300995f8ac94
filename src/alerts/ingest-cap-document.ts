// From one CAP document to a stored, targeted alert: check → identify → classify (duplicate,
// translation, new, update, cancel) → link the lineage → target in PostGIS → store. Everything
// happens in one transaction: a document is stored whole or not at all, and a dry run is the same
// transaction rolled back, so it reports exactly what a real ingest would do.
import { buildTargetSpec, type TargetSpec } from '../cap/build-target-spec.ts';
import { capContentHash, rawSha256 } from '../cap/cap-content-hash.ts';
import type { CapAlert, Issue } from '../cap/cap-types.ts';
import { checkCap } from '../cap/check-cap.ts';
import { unverifiedSignatureWarning } from '../cap/validate-cap.ts';
import { alertLanguages, mergeTranslation } from '../cap/merge-translation.ts';
import { readAlertTimes, type AlertTimes } from '../cap/read-alert-times.ts';
import { resolveGroupStanding } from '../cap/resolve-group-standing.ts';
import type { TimeAlarm } from '../cap/time-alarm.ts';
import { createGroup, groupHead, groupMessages, mergeGroups, setGroupStanding } from '../db/alert-groups.ts';
import { countReferences, groupsReferenced, groupsWaitingFor, insertReferences, resolvePendingReferences } from '../db/alert-references.ts';
import { computeTargeting, storeTargeting, type TargetingResult } from '../db/alert-targeting.ts';
import {
  findAlertByIdentity,
  hasDocument,
  insertAlert,
  insertDocument,
  insertInfos,
  latestExpiry,
  updateMergedAlert,
  type DocumentSignature,
  type Identity,
  type StoredAlert,
} from '../db/alerts.ts';
import type { Db, Queryable } from '../db/db.ts';
import { recordHandoff, type HandoffIntake } from '../db/delivery-handoffs.ts';
import { releaseSavepoint, rollbackToSavepoint, setSavepoint } from '../db/savepoints.ts';
import { documentFaultIssue, isDocumentFault } from './document-fault.ts';
import { blankResult, type IngestOutcome, type IngestResult } from './ingest-result.ts';
import { checkCapSignature } from './check-cap-signature.ts';

export interface IngestOptions {
  dryRun: boolean;
  maxBytes: number;
  marginM: number;
  /**
   * How the stored message is handed to delivery: recorded in the same transaction as the message
   * (src/db/delivery-handoffs.ts). Default: delivered at once, intake `direct`.
   */
  handoff?: HandoffIntake;
  /** Siaga's clock, against which the document's times are read (readAlertTimes) and the hand-off is stamped; the system clock by default. */
  now?: () => Date;
}

const DIRECT: HandoffIntake = { intake: 'direct', mode: 'deliver', graceSeconds: 0 };

export interface CapSource {
  /** Where the document came from (file path or URL), recorded with it. */
  source: string;
  bytes: string | Uint8Array;
  /** Contradictory times the issuer found in what it derived the document from (a BMKG bulletin), kept as alarms with it. */
  timeAlarms?: readonly TimeAlarm[];
}

// All lineage changes take this lock: two workers ingesting the id and en documents of one warning
// at the same moment must not both create the alert, and group merges must see a settled state.
const LINEAGE_LOCK = `SELECT pg_advisory_xact_lock(7411362025)`;

class DryRunRollback extends Error {
  constructor(readonly results: IngestResult[]) {
    super('dry run: rolled back');
  }
}

/**
 * Ingests documents in order. Each is stored in its own transaction, whole or not at all. A dry
 * run puts them all in one transaction and rolls it back: the second language of a warning in the
 * same batch then shows as the translation it would be, and nothing is written.
 */
export async function ingestCapDocuments(db: Db, documents: readonly CapSource[], options: IngestOptions): Promise<IngestResult[]> {
  if (!options.dryRun) {
    const results: IngestResult[] = [];
    for (const doc of documents) {
      try {
        results.push(await db.transaction((tx) => ingestInTransaction(tx, doc, options)));
      } catch (err) {
        results.push(refusedForFault(doc, options, err));
      }
    }
    return results;
  }
  try {
    await db.transaction(async (tx) => {
      const results: IngestResult[] = [];
      for (const doc of documents) {
        // A savepoint per document: one that fails is undone alone, as in a real ingest.
        await setSavepoint(tx);
        try {
          results.push(await ingestInTransaction(tx, doc, options));
          await releaseSavepoint(tx);
        } catch (err) {
          results.push(refusedForFault(doc, options, err));
          await rollbackToSavepoint(tx);
        }
      }
      throw new DryRunRollback(results);
    });
  } catch (err) {
    if (err instanceof DryRunRollback) return err.results;
    throw err;
  }
  throw new Error('unreachable: a dry run always rolls back');
}

/**
 * A document that passed validation but failed in repair, projection or storage is refused alone
 * (its transaction rolled back, nothing of it kept) so that the documents after it are still
 * stored. A lost database is not the document's fault: that error propagates.
 */
function refusedForFault(doc: CapSource, options: IngestOptions, err: unknown): IngestResult {
  if (!isDocumentFault(err)) throw err;
  return { ...blankResult(doc.source, options.dryRun, alertOf(doc, options)), errors: [documentFaultIssue(err)] };
}

/** The document's alert, to name it in the refusal; undefined when even reading it failed. */
function alertOf(doc: CapSource, options: IngestOptions): CapAlert | undefined {
  try {
    return checkCap(doc.bytes, { maxBytes: options.maxBytes }).alert;
  } catch {
    return undefined;
  }
}

export async function ingestCapDocument(db: Db, document: CapSource, options: IngestOptions): Promise<IngestResult> {
  const [result] = await ingestCapDocuments(db, [document], options);
  if (!result) throw new Error('unreachable: one document gives one result');
  return result;
}

/**
 * One document inside a transaction the caller holds: a message Siaga issues on a decision (an
 * approved hazard candidate) is stored together with that decision, or neither is.
 */
export function ingestCapInTransaction(tx: Queryable, document: CapSource, options: Omit<IngestOptions, 'dryRun'>): Promise<IngestResult> {
  return ingestInTransaction(tx, document, { ...options, dryRun: false });
}

async function ingestInTransaction(tx: Queryable, input: CapSource, options: IngestOptions): Promise<IngestResult> {
  const opts: Options = { ...options, source: input.source };
  const check = checkCap(input.bytes, { maxBytes: options.maxBytes });
  if (!check.valid || !check.alert || check.rawXml === undefined) {
    return { ...blankResult(input.source, options.dryRun, check.alert), errors: check.errors, warnings: check.warnings };
  }
  const signature = await checkCapSignature(tx, check.rawXml, check.alert);
  if (signature.state === 'rejected') {
    const refusal = { path: 'alert/Signature', message: `The XML signature is not accepted: ${signature.message}. Nothing was stored.` };
    return { ...blankResult(input.source, options.dryRun, check.alert), errors: [refusal], warnings: check.warnings };
  }
  // Verified: only what the signature covers is used, and "not verified" is no longer true.
  const alert = signature.state === 'verified' ? signature.alert : check.alert;
  const unverified = unverifiedSignatureWarning(alert.signatureCount).message;
  await tx.query(LINEAGE_LOCK);
  const doc: DocumentFacts = {
    alert,
    rawXml: check.rawXml,
    rawSha256: rawSha256(input.bytes),
    contentHash: capContentHash(alert),
    signature:
      signature.state === 'verified' ? { state: 'verified', keySha256: signature.keySha256 } : { state: signature.state, keySha256: null },
    warnings:
      signature.state === 'verified'
        ? check.warnings.filter((w) => w.message !== unverified)
        : signature.state === 'not_verified' && signature.integrity === 'mismatch'
          ? [...check.warnings, SIGNATURE_MISMATCH]
          : check.warnings,
    identity: identityOf(alert),
    issuerAlarms: input.timeAlarms ?? [],
    nowMs: (options.now?.() ?? new Date()).getTime(),
  };
  const stored = await findAlertByIdentity(tx, doc.identity);
  return stored ? ingestSameIdentity(tx, stored, doc, opts) : ingestNewMessage(tx, doc, opts);
}

/** A signature no trusted key covers, that does not match the document under its own certificate. */
export const SIGNATURE_MISMATCH = {
  path: 'alert/Signature',
  message:
    'The XML signature does not match the document under the certificate it carries: the alert was changed after it was signed, or re-serialised on the way. No key is trusted for this sender, so it is kept, not verified (siaga senders trust to verify and refuse such documents).',
};

/** The options with the document's source, which every stored row and result names. */
type Options = IngestOptions & { source: string };

interface DocumentFacts {
  alert: CapAlert;
  rawXml: string;
  rawSha256: string;
  contentHash: string;
  signature: DocumentSignature;
  warnings: Issue[];
  identity: Identity;
  issuerAlarms: readonly TimeAlarm[];
  nowMs: number;
}

async function ingestSameIdentity(tx: Queryable, stored: StoredAlert, doc: DocumentFacts, options: Options): Promise<IngestResult> {
  if (await hasDocument(tx, stored.id, doc.rawSha256, doc.contentHash)) return describeStored(tx, stored, 'duplicate', doc, options);
  const merge = mergeTranslation(stored.model, doc.alert);
  if (merge.kind === 'duplicate') return describeStored(tx, stored, 'duplicate', doc, options);
  if (merge.kind === 'conflict') {
    const message =
      `A different document with the same identity (sender ${doc.identity.sender}, identifier ${doc.identity.identifier}, sent ${doc.alert.sent.raw}) ` +
      `and the same language(s) ${merge.languages.join(', ')} is already stored. CAP requires a new identifier for a changed message: send it as an Update that references the earlier one.`;
    return {
      ...blankResult(options.source, options.dryRun, doc.alert),
      errors: [{ path: 'alert/identifier', message }],
      warnings: doc.warnings,
    };
  }
  const languages = alertLanguages(merge.merged);
  const documentId = await insertDocument(tx, stored.id, documentRow(doc, options));
  await insertInfos(tx, stored.id, documentId, merge.addedInfos);
  const target = buildTargetSpec(merge.merged.infos, options.marginM);
  const targeting = await computeTargeting(tx, target.spec);
  const warnings = [...doc.warnings, ...target.warnings, ...targetingWarnings(targeting)];
  const times = timesOf(merge.merged, doc);
  await updateMergedAlert(tx, stored.id, merge.merged, languages, times, warnings);
  await storeTargeting(tx, stored.id, target.spec, targeting);
  const standing = await settleGroup(tx, stored.group_id);
  const delivery = await handOn(tx, stored.id, merge.merged, options);
  return {
    ...describe(options, merge.merged, 'translation', languages, targeting, warnings, times),
    delivery,
    alertId: stored.id,
    group: {
      id: stored.group_id,
      state: standing.state,
      superseded: standing.headId !== stored.id,
      references: await countReferences(tx, stored.id),
    },
  };
}

async function ingestNewMessage(tx: Queryable, doc: DocumentFacts, options: Options): Promise<IngestResult> {
  const { alert } = doc;
  // The groups this message joins: those of the messages it references, and those of stored
  // messages that referenced it before it arrived. Several groups become one (the oldest).
  const related = [...new Set([...(await groupsReferenced(tx, alert.references)), ...(await groupsWaitingFor(tx, doc.identity))])].sort(
    (a, b) => a - b,
  );
  const groupId = related[0] ?? (await createGroup(tx));
  await mergeGroups(tx, groupId, related.slice(1));
  const previousHead = await groupHead(tx, groupId);

  const languages = alertLanguages(alert);
  const own = buildTargetSpec(alert.infos, options.marginM);
  // A Cancel usually carries no area of its own: it ends what the group targeted, and those are the
  // households to be told that it is over.
  const inherits = alert.msgType === 'Cancel' && !hasArea(own.spec) && previousHead?.target_spec;
  const spec = inherits ? inherits : own.spec;
  const specWarnings = inherits ? [] : own.warnings;
  const targeting = await computeTargeting(tx, spec);
  const warnings = [...doc.warnings, ...specWarnings, ...targetingWarnings(targeting)];
  const times = timesOf(alert, doc);

  const alertId = await insertAlert(tx, {
    groupId,
    identity: doc.identity,
    alert,
    deliverable: isDeliverable(alert),
    languages,
    times,
    warnings,
  });
  const documentId = await insertDocument(tx, alertId, documentRow(doc, options));
  await insertInfos(tx, alertId, documentId, alert.infos);
  const references = await insertReferences(tx, alertId, alert.references);
  await mergeGroups(
    tx,
    groupId,
    (await resolvePendingReferences(tx, alertId, doc.identity)).filter((g) => g !== groupId),
  );
  await storeTargeting(tx, alertId, spec, targeting);
  const standing = await settleGroup(tx, groupId);
  const delivery = await handOn(tx, alertId, alert, options);
  return {
    ...describe(options, alert, outcomeOf(alert.msgType), languages, targeting, warnings, times),
    delivery,
    alertId,
    group: { id: groupId, state: standing.state, superseded: standing.headId !== alertId, references },
  };
}

/** Records, with the message, that it awaits delivery (or why it does not). */
function handOn(tx: Queryable, alertId: number, alert: CapAlert, options: Options): ReturnType<typeof recordHandoff> {
  const notDeliverableReason = `a ${alert.status}, ${alert.scope} ${alert.msgType} message is not for residents (only Actual, Public Alert, Update and Cancel messages are)`;
  return recordHandoff(
    tx,
    alertId,
    options.handoff ?? DIRECT,
    { deliverable: isDeliverable(alert), notDeliverableReason },
    (options.now ?? (() => new Date()))(),
  );
}

/** Recomputes which message stands for the group (latest `sent` wins) and records it. */
async function settleGroup(tx: Queryable, groupId: number): Promise<{ headId: number; state: 'active' | 'cancelled' }> {
  const standing = resolveGroupStanding(await groupMessages(tx, groupId));
  await setGroupStanding(tx, groupId, standing);
  return standing;
}

async function describeStored(
  tx: Queryable,
  stored: StoredAlert,
  outcome: IngestOutcome,
  doc: DocumentFacts,
  options: Options,
): Promise<IngestResult> {
  const targeting = stored.target_spec ? await computeTargeting(tx, stored.target_spec) : undefined;
  const standing = resolveGroupStanding(await groupMessages(tx, stored.group_id));
  return {
    ...describe(options, stored.model, outcome, stored.languages, targeting, doc.warnings),
    alertId: stored.id,
    group: {
      id: stored.group_id,
      state: standing.state,
      superseded: standing.headId !== stored.id,
      references: await countReferences(tx, stored.id),
    },
  };
}

/** The times Siaga acts on, with the alarms of what contradicts (the issuer's first). */
function timesOf(alert: CapAlert, doc: DocumentFacts): AlertTimes {
  const read = readAlertTimes(alert, doc.nowMs);
  return { ...read, alarms: [...doc.issuerAlarms, ...read.alarms] };
}

function describe(
  options: Options,
  alert: CapAlert,
  outcome: IngestOutcome,
  languages: string[],
  targeting: TargetingResult | undefined,
  warnings: Issue[],
  times?: AlertTimes,
): IngestResult {
  const first = alert.infos[0];
  const expires = times ? times.expires : latestExpiry(alert.infos);
  const nowMs = (options.now?.() ?? new Date()).getTime();
  return {
    ...blankResult(options.source, options.dryRun, alert),
    outcome,
    languages,
    event: first?.event ?? null,
    severity: first?.severity ?? null,
    urgency: first?.urgency ?? null,
    certainty: first?.certainty ?? null,
    expires,
    villages: targeting?.villages ?? [],
    households: targeting?.households ?? { inside: 0, margin_only: 0, district_outside: 0 },
    outsideCoverage: targeting?.uncovered ?? [],
    expired: expires !== null && Date.parse(expires) <= nowMs,
    warnings,
    timeAlarms: times?.alarms ?? [],
    deliverable: isDeliverable(alert),
  };
}

function targetingWarnings(t: TargetingResult): Issue[] {
  return [
    ...t.geocodes
      .filter((g) => g.villages === 0)
      .map((g) => ({
        path: g.path,
        message: `geocode ${g.code} names no village Siaga knows (not imported, or not a Kemendagri code); it reaches no household.`,
      })),
    ...t.repaired.map((path) => ({
      path,
      message:
        'The polygon was still not a valid shape after its ring was repaired; PostGIS (ST_MakeValid) made it valid before targeting.',
    })),
    ...t.emptyPolygons.map((path) => ({ path, message: 'The polygon has no area after repair; it reaches no household.' })),
    ...t.uncovered.map((path) => ({
      path,
      message: 'outside coverage: this area touches no village Siaga has boundaries for, so it reaches no household here.',
    })),
  ];
}

function documentRow(doc: DocumentFacts, options: Options) {
  return {
    source: options.source,
    rawXml: doc.rawXml,
    rawSha256: doc.rawSha256,
    contentHash: doc.contentHash,
    signature: doc.signature,
    languages: alertLanguages(doc.alert),
    warnings: doc.warnings,
  };
}

function identityOf(alert: CapAlert): Identity {
  // A valid message has a readable sent (validation refuses it otherwise).
  return { sender: alert.sender, identifier: alert.identifier, sent: new Date(alert.sent.epochMs ?? Number.NaN).toISOString() };
}

function outcomeOf(msgType: string): IngestOutcome {
  return msgType === 'Update' ? 'update' : msgType === 'Cancel' ? 'cancel' : 'new';
}

function isDeliverable(alert: CapAlert): boolean {
  return alert.status === 'Actual' && alert.scope === 'Public' && ['Alert', 'Update', 'Cancel'].includes(alert.msgType);
}

function hasArea(spec: TargetSpec): boolean {
  return spec.polygons.length + spec.circles.length + spec.geocodes.length > 0;
}
