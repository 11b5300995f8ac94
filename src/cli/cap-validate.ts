// `siaga cap validate`: a verdict on CAP documents from files or URLs, e.g. for the BMKG liaison to
// check a message before (or instead of) ingesting it. Needs no database.
import type { Command } from 'commander';
import type { Issue } from '../cap/cap-types.ts';
import { checkCap } from '../cap/check-cap.ts';
import { DocumentSourceError } from '../adapters/document-source-error.ts';
import { readDocumentSource } from '../adapters/read-document-source.ts';
import { expandCapSources } from './expand-cap-sources.ts';
import type { Config } from '../config.ts';
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
}

export function registerCapValidate(parent: Command, ctx: CliContext): void {
  parent
    .command('validate')
    .description('check CAP documents (files or http/https URLs) against CAP 1.2; exit 1 when any is invalid, refused or unreadable')
    .argument('<sources...>', 'CAP XML files, folders of *.xml files, or http(s) URLs')
    .option('--json', 'print the verdicts as one JSON array')
    .addHelpText(
      'after',
      examples(
        'siaga cap validate fixtures/bmkg/cap-nowcast-CGT20260924002-id.xml',
        'siaga cap validate archive/ https://signature.bmkg.go.id/alert/public/CGT20260924002.xml --json',
      ),
    )
    .action(async (given: string[], opts: { json?: boolean }) => {
      const sources = await expandCapSources(given);
      const config = ctx.config();
      const verdicts: Verdict[] = [];
      for (const source of sources) verdicts.push(await checkSource(source, config, ctx));
      if (opts.json) {
        ctx.out(
          JSON.stringify(
            verdicts.map(({ file, valid, refused, errors, warnings }) => ({ file, valid, refused, errors, warnings })),
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

async function checkSource(source: string, config: Config, ctx: CliContext): Promise<Verdict> {
  let bytes: Uint8Array;
  try {
    if (/^https?:/i.test(source)) ctx.err(`fetching ${source}…`);
    bytes = await readDocumentSource(source, {
      maxBytes: config.capMaxBytes,
      timeoutMs: config.httpTimeoutMs,
      userAgent: config.httpUserAgent,
    });
  } catch (err) {
    if (!(err instanceof DocumentSourceError)) throw err;
    return {
      file: source,
      valid: false,
      refused: true,
      reason: err.reason,
      errors: [{ path: 'document', message: err.message }],
      warnings: [],
    };
  }
  const { valid, refused, reason, errors, warnings } = checkCap(bytes, { maxBytes: config.capMaxBytes });
  return { file: source, valid, refused, reason, errors, warnings };
}

function printVerdict(ctx: CliContext, v: Verdict): void {
  ctx.out(v.valid ? `OK ${v.file}` : v.refused ? `REFUSED ${v.file} (${v.reason ?? 'unreadable'})` : `INVALID ${v.file}`);
  for (const e of v.errors) ctx.out(`  error   ${e.path}: ${e.message}`);
  for (const w of v.warnings) ctx.out(`  warning ${w.path}: ${w.message}`);
}

function summarise(verdicts: Verdict[]): string {
  const count = (test: (v: Verdict) => boolean) => verdicts.filter(test).length;
  const valid = count((v) => v.valid);
  const refused = count((v) => v.refused);
  const warned = count((v) => v.valid && v.warnings.length > 0);
  return `${verdicts.length} document(s): ${valid} valid${warned > 0 ? ` (${warned} with warnings)` : ''}, ${verdicts.length - valid - refused} invalid, ${refused} refused`;
}
