// `siaga coverage [ALERT] [--json]`: for every standing warning (or the one named), what became of
// each household it targets. Exits 1 when any household is unaccounted: a script or a monitor
// running it must notice, not only a person reading it.
import type { Command } from 'commander';
import { coverageReports, type CoverageReport } from '../db/coverage-audit.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { examples } from './help-examples.ts';

export function registerCoverage(program: Command, ctx: CliContext): void {
  program
    .command('coverage')
    .description(
      'coverage audit: per standing warning, households targeted, told, reached, unreachable, failed, door knocks, and unaccounted (must be 0)',
    )
    .argument('[alert]', "Siaga's alert id or the CAP identifier (default: every standing warning)")
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      examples('siaga coverage   # every standing warning; exit 1 if a household is unaccounted', 'siaga coverage CGT20260924002 --json'),
    )
    .action(async (alert: string | undefined, flags: { json?: boolean }) => {
      const db = await ctx.db();
      const reports = await coverageReports(db, new Date(), alert);
      if (!reports) throw new CliError(`no alert with id or identifier "${alert ?? ''}" (see \`siaga alerts list\`)`);
      const unaccounted = reports.reduce((sum, r) => sum + r.unaccounted, 0);
      if (flags.json) ctx.out(JSON.stringify({ unaccounted, warnings: reports }, null, 2));
      else printReports(ctx, reports, alert === undefined);
      if (unaccounted > 0) {
        throw new CliError(`ALARM: ${unaccounted} targeted household(s) have neither a ledger row nor a recorded reason`, 1, {
          quiet: Boolean(flags.json),
        });
      }
    });
}

function printReports(ctx: CliContext, reports: CoverageReport[], all: boolean): void {
  if (reports.length === 0 && all) {
    ctx.out('no standing warning');
    return;
  }
  for (const r of reports) {
    ctx.out(
      `alert ${r.id}: ${r.msg_type} ${r.identifier} — ${r.event ?? '?'} (${r.severity ?? '?'}, ${r.urgency ?? '?'})${r.standing ? '' : ' [not standing]'}`,
    );
    ctx.out(`  hand-off: ${r.handoff_state ?? 'none recorded'}${r.handoff_reason ? ` — ${r.handoff_reason}` : ''}`);
    ctx.out(`  targeted ${r.targeted} households (${r.vulnerable} vulnerable)`);
    const h = r.households;
    ctx.out(
      `    acknowledged ${h.acknowledged} · delivered ${h.delivered} · sent, unconfirmed ${h.sent} · pending ${h.pending} · failed ${h.failed} · expired ${h.expired}`,
    );
    ctx.out(
      `    unreachable (no phone, no push) ${h.unreachable} · not planned yet (hand-off ${r.handoff_state ?? '—'}) ${h.not_planned} · unaccounted ${h.unaccounted}`,
    );
    ctx.out(
      `  delivered ${r.delivered} (acknowledged ${r.acknowledged}); unreachable ${r.unreachable} (${r.unreachable_vulnerable} vulnerable)`,
    );
    ctx.out(
      `  door knocks for the ${r.unreached_vulnerable} unreached vulnerable: open ${r.knocks.open} · done ${r.knocks.done} · stood down ${r.knocks.stood_down} · none ${r.knocks.none}`,
    );
    for (const l of r.ledger) ctx.out(`  ledger ${l.channel.padEnd(5)} ${l.state.padEnd(13)} ${String(l.n).padStart(8)}`);
    for (const f of r.failures) ctx.out(`  failed ${f.channel.padEnd(5)} ${String(f.n).padStart(8)}  ${f.reason}`);
    if (r.unaccounted > 0) ctx.out(`  ALARM: ${r.unaccounted} unaccounted, e.g. ${r.unaccounted_sample.join(', ')}`);
  }
}
