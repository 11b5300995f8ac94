// `siaga cap ingest FILE|DIR|URL... [--dry-run] [--hold] [--json]`: stores each CAP document as an alert
// (or a translation, update, cancel of one) and reports whom it targets. A stored warning awaits
// delivery, recorded with it: the running service sends it (or the next one to start); --hold keeps
// it until `siaga alerts release`. --dry-run writes nothing. Each document stands alone: one refused
// (invalid, or failing in repair or storage) is reported and the rest are still stored; the exit
// code is then non-zero.
import type { Command } from 'commander';
import { DocumentSourceError } from '../adapters/document-source-error.ts';
import { readDocumentSource } from '../adapters/read-document-source.ts';
import { ingestCapDocuments } from '../alerts/ingest-cap-document.ts';
import { blankResult } from '../alerts/ingest-result.ts';
import { makeHandoffsReady } from '../db/delivery-handoffs.ts';
import { FEED_HANDOFF_GRACE_S } from '../feeds/create-feed-deps.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { deliveryOutlook } from './delivery-outlook.ts';
import { expandCapSources } from './expand-cap-sources.ts';
import { printIngestResult } from './print-ingest-result.ts';
import { examples } from './help-examples.ts';

interface Flags {
  dryRun?: boolean;
  hold?: boolean;
  json?: boolean;
}

export function registerCapIngest(parent: Command, ctx: CliContext): void {
  parent
    .command('ingest')
    .description('store CAP documents as alerts, link translations and Update/Cancel lineage, and target households')
    .argument('<sources...>', 'CAP files, folders of *.xml files, or http(s) URLs')
    .option('--dry-run', 'compute everything (outcome, villages, households) and write nothing')
    .option('--hold', 'store without delivering: held until `siaga alerts release ID`')
    .option('--json', 'print one JSON array, one object per document')
    .addHelpText(
      'after',
      examples(
        'siaga cap ingest fixtures/bmkg/cap-nowcast-CGT20260924002-id.xml --dry-run   # what it would target',
        'siaga cap ingest warning.xml --hold   # stored, sent after: siaga alerts release ID',
      ),
    )
    .action(async (given: string[], flags: Flags) => {
      const sources = await expandCapSources(given);
      const config = ctx.config();
      const dryRun = flags.dryRun === true;
      const limits = { maxBytes: config.capMaxBytes, timeoutMs: config.httpTimeoutMs, userAgent: config.httpUserAgent };
      // Read every source first: a dry run holds one transaction for the whole batch, and it should
      // not stay open while a slow server answers.
      const read = await Promise.all(sources.map((source) => readSource(source, limits)));
      const db = await ctx.db();
      const started = Date.now();
      // The batch's messages wait a short grace before delivery takes them (another language of the
      // same warning may follow in the batch), and are made ready together once the batch is stored.
      const handoff = { intake: 'cli', mode: flags.hold ? ('hold' as const) : ('deliver' as const), graceSeconds: FEED_HANDOFF_GRACE_S };
      const ingested = await ingestCapDocuments(db, read.filter(isReadable), {
        dryRun,
        maxBytes: config.capMaxBytes,
        marginM: config.targetMarginMetres,
        handoff,
      });
      const elapsedMs = Date.now() - started;
      const results = read.map(
        (r) =>
          (isReadable(r) ? ingested.shift() : undefined) ??
          blankResult(r.source, dryRun, undefined, [{ path: 'document', message: r.error ?? 'not read' }]),
      );
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

type ReadSource = { source: string; bytes: Uint8Array; error?: undefined } | { source: string; bytes?: undefined; error: string };

function isReadable(r: ReadSource): r is { source: string; bytes: Uint8Array } {
  return r.bytes !== undefined;
}

async function readSource(source: string, limits: { maxBytes: number; timeoutMs: number; userAgent: string }): Promise<ReadSource> {
  try {
    return { source, bytes: await readDocumentSource(source, limits) };
  } catch (err) {
    if (!(err instanceof DocumentSourceError)) throw err;
    return { source, error: err.message };
  }
}
