// `siaga deliveries ALERT [--json] [--households]`: who was told what about one alert, on which
// channel, how fast, and why not where it failed.
import type { Command } from 'commander';
import { describeDelivery } from '../alerts/describe-delivery.ts';
import { showAlert, type AlertDelivery } from '../db/alert-queries.ts';
import { deliveryReport } from '../db/delivery-report.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { examples } from './help-examples.ts';

export function registerDeliveries(program: Command, ctx: CliContext): void {
  program
    .command('deliveries')
    .description("one alert's deliveries: counts per channel and state, latency percentiles, failures by reason")
    .argument('<alert>', "Siaga's alert id or the CAP identifier")
    .option('--json', 'print as JSON')
    .option('--households', 'also list every household row (for analysts)')
    .addHelpText('after', examples('siaga deliveries 12', 'siaga deliveries CGT20260924002 --households --json'))
    .action(async (alert: string, flags: { json?: boolean; households?: boolean }) => {
      const db = await ctx.db();
      const report = await deliveryReport(db, alert, { households: Boolean(flags.households) });
      if (!report) throw new CliError(`no alert with id or identifier "${alert}" (see \`siaga alerts list\`)`);
      const delivery = (await showAlert(db, report.alert.id, new Date()))?.alert.delivery as AlertDelivery | undefined;
      if (flags.json) {
        ctx.out(JSON.stringify({ ...report, delivery }, null, 2));
        return;
      }
      const a = report.alert;
      ctx.out(`alert ${a.id}: ${a.msg_type} ${a.identifier} from ${a.sender}, sent ${a.sent} (group ${a.group_id})`);
      if (delivery) ctx.out(`  delivery: ${describeDelivery(delivery)}`);
      if (report.counts.length === 0) ctx.out('  no ledger rows');
      for (const c of report.counts)
        ctx.out(`  ${c.channel.padEnd(5)} ${c.kind.padEnd(10)} ${c.state.padEnd(13)} ${String(c.n).padStart(8)}`);
      if (report.latency.length > 0) ctx.out('\n  latency from the CAP sent time (seconds):        n      p50      p90      p99      max');
      for (const l of report.latency) {
        ctx.out(
          `  ${l.channel.padEnd(5)} → ${l.to.padEnd(10)} ${' '.repeat(28)}${String(l.n).padStart(7)} ${[l.p50_s, l.p90_s, l.p99_s, l.max_s].map((v) => v.toFixed(1).padStart(8)).join(' ')}`,
        );
      }
      if (report.failures.length > 0) ctx.out('\n  failures by reason:');
      for (const f of report.failures) ctx.out(`  ${f.channel.padEnd(5)} ${String(f.n).padStart(7)}  ${f.reason}`);
      for (const u of report.outcomeUnknown) {
        ctx.out(
          `\n  ${u.channel} ${u.n} sent with their outcome unknown (a worker stopped before recording the answer; not resent; confirmation or the SMS fallback settles them)`,
        );
      }
      for (const h of report.households ?? []) {
        ctx.out(
          `  ${h.household_id.padEnd(20)} ${h.channel.padEnd(5)} ${h.kind.padEnd(10)} ${h.state.padEnd(13)} ${h.response ?? ''} ${h.failure_reason ?? ''}`.trimEnd(),
        );
      }
    });
}
