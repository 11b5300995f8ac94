// `siaga cap ingest FILE|DIR|URL... [--dry-run] [--hold] [--json]`: stores each CAP document as an alert
// (or a translation, update, cancel of one) and reports whom it targets. A stored warning awaits
// delivery, recorded with it: the running service sends it (or the next one to start); --hold keeps
// it until `siaga alerts release`. --dry-run writes nothing. Each document stands alone: one refused
// (invalid, or failing in repair or storage) is reported and the rest are still stored; the exit
// code is then non-zero. An Atom or RSS feed stands for its entries: each entry's alert (embedded,
// or fetched from its link) is a document of its own.
import type { Command } from 'commander';
import { ingestCapDocuments } from '../alerts/ingest-cap-document.ts';
import { blankResult, type IngestResult } from '../alerts/ingest-result.ts';
import { makeHandoffsReady } from '../db/delivery-handoffs.ts';
import { FEED_HANDOFF_GRACE_S } from '../feeds/create-feed-deps.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { deliveryOutlook } from './delivery-outlook.ts';
import { expandCapSources } from './expand-cap-sources.ts';
import { printIngestResult } from './print-ingest-result.ts';
import { examples } from './help-examples.ts';
import { readCapSource, type CapDocumentRead, type CapSourceRead } from './read-cap-sources.ts';

interface Flags {
  dryRun?: boolean;
  hold?: boolean;
  json?: boolean;
}

export function registerCapIngest(parent: Command, ctx: CliContext): void {
  parent
    .command('ingest')
    .description('store CAP documents as alerts, link translations and Update/Cancel lineage, and target households')
    .argument('<sources...>', 'CAP files, Atom/RSS feeds of CAP, folders of *.xml files, or http(s) URLs')
    .option('--dry-run', 'compute everything (outcome, villages, households) and write nothing')
    .option('--hold', 'store without delivering: held until `siaga alerts release ID`')
    .option('--json', 'print one JSON array, one object per document')
    .addHelpText(
      'after',
      examples(
        'siaga cap ingest fixtures/bmkg/cap-nowcast-CGT20260924002-id.xml --dry-run   # what it would target',
        'siaga cap ingest warning.xml --hold   # stored, sent after: siaga alerts release ID',
        'siaga cap ingest alerts.atom --dry-run   # each entry of a feed on its own',
      ),
    )
    .action(async (given: string[], flags: Flags) => {
      const sources = await expandCapSources(given);
      const config = ctx.config();
      const dryRun = flags.dryRun === true;
      const limits = { maxBytes: config.capMaxBytes, timeoutMs: config.httpTimeoutMs, userAgent: config.httpUserAgent };
      // Read every source first: a dry run holds one transaction for the whole batch, and it should
      // not stay open while a slow server answers.
      const sourcesRead = await Promise.all(sources.map((source) => readCapSource(source, limits)));
      for (const s of sourcesRead) reportFeed(ctx, s);
      const read = sourcesRead.flatMap((s) => s.documents);
      const db = await ctx.db();
      const started = Date.now();
      // The batch's messages wait a short grace before delivery takes them (another language of the
      // same warning may follow in the batch), and are made ready together once the batch is stored.
      const handoff = { intake: 'cli', mode: flags.hold ? ('hold' as const) : ('deliver' as const), graceSeconds: FEED_HANDOFF_GRACE_S };
      const ingested = await ingestCapDocuments(
        db,
        // A fetched entry is recorded as coming from its link; an embedded one from the feed's entry.
        read.filter(isReadable).map((r) => ({ source: r.feedEntry?.link ?? r.file, bytes: r.bytes })),
        { dryRun, maxBytes: config.capMaxBytes, marginM: config.targetMarginMetres, handoff },
      );
      const elapsedMs = Date.now() - started;
      const results = read.map((r) => withEntryIssues(r, (isReadable(r) ? ingested.shift() : undefined) ?? unread(r, dryRun)));
      if (flags.json) ctx.out(JSON.stringify(results, null, 2));
      else for (const r of results) printIngestResult(ctx, r);
      ctx.err(`${results.length} document(s) in ${(elapsedMs / 1000).toFixed(2)} s${dryRun ? ' (dry run: nothing written)' : ''}`);
      const awaiting = [
        ...new Set(results.filter((r) => r.delivery?.state === 'awaiting' && r.alertId !== null).map((r) => r.alertId as number)),
      ];
      if (!dryRun && awaiting.length > 0) {
        await makeHandoffsReady(db, awaiting, new Date());
        ctx.err(`${awaiting.length} message(s) await delivery: ${await deliveryOutlook(db, new Date())}`);
      }
      const rejected = results.filter((r) => r.outcome === 'rejected').length;
      if (rejected > 0) throw new CliError(`${rejected} of ${results.length} document(s) rejected${dryRun ? ' (dry run)' : ''}`);
    });
}

function isReadable(r: CapDocumentRead): r is CapDocumentRead & { bytes: Uint8Array | string } {
  return r.bytes !== undefined;
}

/** A document that could not be read, or a feed entry with no CAP in it: rejected, saying why. */
function unread(r: CapDocumentRead, dryRun: boolean): IngestResult {
  const errors = r.failure
    ? [{ path: 'document', message: r.failure.message }]
    : r.feedEntry
      ? []
      : [{ path: 'document', message: 'not read' }];
  return blankResult(r.file, dryRun, undefined, errors);
}

/**
 * A feed entry's issues as an entry (no id, a duplicate id…) travel with its result. They do not stop
 * a valid alert from being stored: the alert is judged as CAP, the feed is only how it was found.
 * With no alert to store, they are the reason.
 */
function withEntryIssues(r: CapDocumentRead, result: IngestResult): IngestResult {
  const issues = r.feedEntry?.issues;
  if (issues === undefined) return result;
  result = { ...result, file: r.file };
  if (result.outcome === 'rejected' && !isReadable(r))
    return { ...result, errors: [...issues.errors, ...result.errors], warnings: [...issues.warnings, ...result.warnings] };
  return { ...result, warnings: [...issues.errors, ...issues.warnings, ...result.warnings] };
}

/** A feed's own issues, and how many entries it gave, on stderr: the results are per entry. */
function reportFeed(ctx: CliContext, s: CapSourceRead): void {
  if (s.feed === undefined) return;
  const n = s.feed.entries;
  ctx.err(
    `${s.source}: ${s.feed.kind === 'atom' ? 'Atom' : 'RSS'} feed, ${n} entr${n === 1 ? 'y' : 'ies'}${n === 0 ? ', nothing to ingest' : ', each ingested on its own'}`,
  );
  for (const e of s.feed.issues.errors) ctx.err(`  feed error   ${e.path}: ${e.message}`);
  for (const w of s.feed.issues.warnings) ctx.err(`  feed warning ${w.path}: ${w.message}`);
}
