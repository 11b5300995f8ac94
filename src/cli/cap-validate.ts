// `siaga cap validate`: a verdict on CAP documents from files or URLs, e.g. for the BMKG liaison to
// check a message before (or instead of) ingesting it. An Atom or RSS feed gets a verdict on the feed
// itself and one per entry, on the alert it embeds or links to. Needs no database, except with
// --coverage (the imported villages, read only) and --verify (XML signatures checked against the
// keys trusted for each sender: siaga senders trust).
import type { Command } from 'commander';
import { buildTargetSpec } from '../cap/build-target-spec.ts';
import type { CapAlert, Issue } from '../cap/cap-types.ts';
import { computeTargeting } from '../db/alert-targeting.ts';
import { checkCap } from '../cap/check-cap.ts';
import { unverifiedSignatureWarning } from '../cap/validate-cap.ts';
import { checkCapSignature } from '../alerts/check-cap-signature.ts';
import { SIGNATURE_MISMATCH } from '../alerts/ingest-cap-document.ts';
import { expandCapSources } from './expand-cap-sources.ts';
import type { Config } from '../config.ts';
import { readCapSource, type CapDocumentRead } from './read-cap-sources.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { examples } from './help-examples.ts';

interface Verdict {
  file: string;
  valid: boolean;
  refused: boolean;
  /** Why a refused document was not read as CAP (printed as text only; the JSON keeps it in the error). */
  reason?: string;
  errors: Issue[];
  warnings: Issue[];
  /** A feed's own verdict: its kind and number of entries. */
  feed?: { kind: 'atom' | 'rss'; entries: number };
  /** An entry's verdict: which feed and entry, and the link its CAP message was fetched from. */
  feedEntry?: { feed: string; entry: number; id: string | null; link: string | null };
  /** The alert read (kept for --coverage; not printed). */
  alert?: CapAlert;
  /** With --coverage: the polygons and circles that touch no imported village. */
  outsideCoverage?: string[];
  /** The document as read (kept for --verify; not printed). */
  rawXml?: string;
  /** With --verify: verified, not_verified, unsigned or rejected (then an error says why). */
  signature?: string;
}

export function registerCapValidate(parent: Command, ctx: CliContext): void {
  parent
    .command('validate')
    .description('check CAP documents (files or http/https URLs) against CAP 1.2; exit 1 when any is invalid, refused or unreadable')
    .argument('<sources...>', 'CAP XML files, Atom/RSS feeds of CAP, folders of *.xml files, or http(s) URLs')
    .option('--json', 'print the verdicts as one JSON array')
    .option(
      '--coverage',
      "also check each area against the villages imported into Siaga's database (read only) and name those outside Siaga's coverage",
    )
    .option('--verify', 'check XML signatures against the keys trusted for each sender (reads the database)')
    .addHelpText(
      'after',
      examples(
        'siaga cap validate fixtures/bmkg/cap-nowcast-CGT20260924002-id.xml',
        'siaga cap validate --verify signed-alert.xml',
        'siaga cap validate archive/ https://signature.bmkg.go.id/alert/public/CGT20260924002.xml --json',
        'siaga cap validate https://www.bmkg.go.id/alerts/nowcast/id   # an RSS feed: a verdict per entry',
        'siaga cap validate warning.xml --coverage   # and which areas lie outside every imported village',
      ),
    )
    .action(async (given: string[], opts: { json?: boolean; coverage?: boolean; verify?: boolean }) => {
      const sources = await expandCapSources(given);
      const config = ctx.config();
      const verdicts: Verdict[] = [];
      for (const source of sources) verdicts.push(...(await checkSource(source, config, ctx)));
      if (opts.coverage) await checkCoverage(verdicts, config.targetMarginMetres, ctx);
      if (opts.verify) await checkSignatures(verdicts, ctx);
      if (opts.json) {
        ctx.out(
          JSON.stringify(
            verdicts.map(({ file, valid, refused, errors, warnings, feed, feedEntry, outsideCoverage, signature }) => ({
              file,
              valid,
              refused,
              errors,
              warnings,
              ...(feed && { feed }),
              ...(feedEntry && { feedEntry }),
              ...(outsideCoverage && { outsideCoverage }),
              ...(signature && { signature }),
            })),
            null,
            2,
          ),
        );
      } else {
        for (const v of verdicts) printVerdict(ctx, v);
        ctx.out(summarise(verdicts));
      }
      const failed = verdicts.filter((v) => !v.valid).length;
      // The verdicts above already say what is wrong with each document: no extra error line.
      if (failed > 0) throw new CliError(`${failed} of ${verdicts.length} CAP document(s) not valid`, 1, { quiet: true });
    });
}

async function checkSource(source: string, config: Config, ctx: CliContext): Promise<Verdict[]> {
  const limits = { maxBytes: config.capMaxBytes, timeoutMs: config.httpTimeoutMs, userAgent: config.httpUserAgent };
  const read = await readCapSource(source, limits, (url) => ctx.err(`fetching ${url}…`));
  const documents = read.documents.map((d) => checkDocument(d, config.capMaxBytes));
  if (read.feed === undefined) return documents;
  const { errors, warnings } = read.feed.issues;
  const feed: Verdict = {
    file: source,
    valid: errors.length === 0,
    refused: false,
    errors,
    warnings,
    feed: { kind: read.feed.kind, entries: read.feed.entries },
  };
  return [feed, ...documents];
}

function checkDocument(d: CapDocumentRead, maxBytes: number): Verdict {
  const entry = d.feedEntry;
  const feedEntry = entry && { feed: entry.feed, entry: entry.entry, id: entry.id, link: entry.link };
  const entryErrors = entry?.issues.errors ?? [];
  const entryWarnings = entry?.issues.warnings ?? [];
  if (d.failure !== undefined)
    return {
      file: d.file,
      valid: false,
      refused: true,
      reason: d.failure.reason,
      errors: [...entryErrors, { path: 'document', message: d.failure.message }],
      warnings: entryWarnings,
      feedEntry,
    };
  // A feed entry with no CAP to read: its issues say so.
  if (d.bytes === undefined) return { file: d.file, valid: false, refused: false, errors: entryErrors, warnings: entryWarnings, feedEntry };
  const { valid, refused, reason, errors, warnings, alert, rawXml } = checkCap(d.bytes, { maxBytes });
  return {
    alert,
    rawXml,
    file: d.file,
    valid: valid && entryErrors.length === 0,
    refused,
    reason,
    errors: [...entryErrors, ...errors],
    warnings: [...entryWarnings, ...warnings],
    feedEntry,
  };
}

/**
 * Which polygons and circles of each readable alert touch no imported village, by the targeting
 * SQL ingest uses (computed, nothing written). Said as a warning: the message itself is not wrong.
 */
async function checkCoverage(verdicts: Verdict[], marginM: number, ctx: CliContext): Promise<void> {
  const db = await ctx.db();
  for (const v of verdicts) {
    if (v.alert === undefined) continue;
    const { spec } = buildTargetSpec(v.alert.infos, marginM);
    if (spec.polygons.length + spec.circles.length === 0) continue;
    const reach = await computeTargeting(db, spec);
    v.outsideCoverage = reach.uncovered;
    for (const path of reach.uncovered)
      v.warnings.push({
        path,
        message: "outside Siaga's coverage: this area lies outside every village imported into Siaga, so it would reach no household here.",
      });
  }
}

/** Each valid document's XML signature against the keys trusted for its sender; a rejected one becomes invalid, saying why. */
async function checkSignatures(verdicts: Verdict[], ctx: CliContext): Promise<void> {
  const db = await ctx.db();
  for (const v of verdicts) {
    if (!v.valid || v.alert === undefined || v.rawXml === undefined) continue;
    const verdict = await checkCapSignature(db, v.rawXml, v.alert);
    v.signature = verdict.state;
    if (verdict.state === 'rejected') {
      v.valid = false;
      v.errors.push({ path: 'alert/Signature', message: `The XML signature is not accepted: ${verdict.message}.` });
      continue;
    }
    if (verdict.state === 'not_verified') {
      v.signature = `not_verified (${verdict.integrity === 'intact' ? 'intact under the certificate it carries' : verdict.integrity === 'mismatch' ? 'DOES NOT MATCH the document under the certificate it carries' : 'not checkable without a trusted key'})`;
      if (verdict.integrity === 'mismatch') v.warnings.push(SIGNATURE_MISMATCH);
    }
    if (verdict.state === 'verified') {
      const unverified = unverifiedSignatureWarning(v.alert.signatureCount).message;
      v.warnings = v.warnings.filter((w) => w.message !== unverified);
      v.signature = `verified (trusted key sha256 ${verdict.keySha256})`;
    }
  }
}

function printVerdict(ctx: CliContext, v: Verdict): void {
  if (v.feed !== undefined) {
    const what = `${v.feed.kind === 'atom' ? 'Atom' : 'RSS'} feed, ${v.feed.entries} entr${v.feed.entries === 1 ? 'y' : 'ies'}`;
    ctx.out(`${v.valid ? 'FEED' : 'INVALID FEED'} ${v.file} (${what}${v.feed.entries > 0 ? ', each judged below' : ''})`);
  } else {
    const verdict = v.valid ? 'OK' : v.refused ? 'REFUSED' : 'INVALID';
    const via = v.feedEntry?.link ? ` via ${v.feedEntry.link}` : '';
    ctx.out(`${verdict} ${v.file}${v.refused ? ` (${v.reason ?? 'unreadable'})` : ''}${via}`);
  }
  if (v.signature) ctx.out(`  signature ${v.signature}`);
  for (const e of v.errors) ctx.out(`  error   ${e.path}: ${e.message}`);
  for (const w of v.warnings) ctx.out(`  warning ${w.path}: ${w.message}`);
}

function summarise(all: Verdict[]): string {
  // A feed's own verdict is not a CAP document; its entries are.
  const verdicts = all.filter((v) => v.feed === undefined);
  const feeds = all.length - verdicts.length;
  const count = (test: (v: Verdict) => boolean) => verdicts.filter(test).length;
  const valid = count((v) => v.valid);
  const refused = count((v) => v.refused);
  const warned = count((v) => v.valid && v.warnings.length > 0);
  const badFeeds = all.filter((v) => v.feed !== undefined && !v.valid).length;
  const feedNote = feeds > 0 ? ` · ${feeds} feed(s)${badFeeds > 0 ? `, ${badFeeds} with errors of its own` : ''}` : '';
  return `${verdicts.length} document(s): ${valid} valid${warned > 0 ? ` (${warned} with warnings)` : ''}, ${verdicts.length - valid - refused} invalid, ${refused} refused${feedNote}`;
}
