// `siaga cap validate`: a verdict on CAP documents from files or URLs, e.g. for the BMKG liaison to
// check a message before (or instead of) ingesting it. Needs no database, except with --verify,
// which checks XML signatures against the keys trusted for each sender (siaga senders trust).
import type { Command } from 'commander';
import type { Issue } from '../cap/cap-types.ts';
import { checkCap } from '../cap/check-cap.ts';
import { unverifiedSignatureWarning } from '../cap/validate-cap.ts';
import { checkCapSignature } from '../alerts/check-cap-signature.ts';
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
  /** With --verify: verified, not_verified, unsigned or rejected (then an error says why). */
  signature?: string;
}

export function registerCapValidate(parent: Command, ctx: CliContext): void {
  parent
    .command('validate')
    .description('check CAP documents (files or http/https URLs) against CAP 1.2; exit 1 when any is invalid, refused or unreadable')
    .argument('<sources...>', 'CAP XML files, folders of *.xml files, or http(s) URLs')
    .option('--json', 'print the verdicts as one JSON array')
    .option('--verify', 'check XML signatures against the keys trusted for each sender (reads the database)')
    .addHelpText(
      'after',
      examples(
        'siaga cap validate fixtures/bmkg/cap-nowcast-CGT20260924002-id.xml',
        'siaga cap validate archive/ https://signature.bmkg.go.id/alert/public/CGT20260924002.xml --json',
        'siaga cap validate --verify signed-alert.xml',
      ),
    )
    .action(async (given: string[], opts: { json?: boolean; verify?: boolean }) => {
      const sources = await expandCapSources(given);
      const config = ctx.config();
      const verdicts: Verdict[] = [];
      for (const source of sources) verdicts.push(await checkSource(source, config, ctx, opts.verify === true));
      if (opts.json) {
        ctx.out(
          JSON.stringify(
            verdicts.map(({ file, valid, refused, errors, warnings, signature }) => ({
              file,
              valid,
              refused,
              errors,
              warnings,
              signature,
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

async function checkSource(source: string, config: Config, ctx: CliContext, verify: boolean): Promise<Verdict> {
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
  const { valid, refused, reason, errors, warnings, alert, rawXml } = checkCap(bytes, { maxBytes: config.capMaxBytes });
  if (!verify || !valid || !alert || rawXml === undefined) return { file: source, valid, refused, reason, errors, warnings };
  const verdict = await checkCapSignature(await ctx.db(), rawXml, alert);
  if (verdict.state === 'rejected') {
    const error = { path: 'alert/Signature', message: `The XML signature is not accepted: ${verdict.message}.` };
    return { file: source, valid: false, refused, errors: [...errors, error], warnings, signature: verdict.state };
  }
  const unverified = unverifiedSignatureWarning(alert.signatureCount).message;
  const kept = verdict.state === 'verified' ? warnings.filter((w) => w.message !== unverified) : warnings;
  const signature = verdict.state === 'verified' ? `verified (trusted key sha256 ${verdict.keySha256})` : verdict.state;
  return { file: source, valid, refused, errors, warnings: kept, signature };
}

function printVerdict(ctx: CliContext, v: Verdict): void {
  ctx.out(v.valid ? `OK ${v.file}` : v.refused ? `REFUSED ${v.file} (${v.reason ?? 'unreadable'})` : `INVALID ${v.file}`);
  if (v.signature) ctx.out(`  signature ${v.signature}`);
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
