// `siaga alerts list [--active] [--json]`: the stored messages, newest first, with their state.
import type { Command } from 'commander';
import { describeDelivery } from '../alerts/describe-delivery.ts';
import { listAlerts } from '../db/alert-queries.ts';
import type { CliContext } from './context.ts';
import { examples } from './help-examples.ts';

export function registerAlertsList(parent: Command, ctx: CliContext): void {
  parent
    .command('list')
    .description('stored alerts, newest first: state (active, expired, cancelled, superseded), languages, households reached, delivery')
    .option('--active', 'only the messages in force now (the standing Alert or Update of a group that is neither cancelled nor expired)')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('siaga alerts list --active', 'siaga alerts list --json'))
    .action(async (flags: { active?: boolean; json?: boolean }) => {
      const rows = await listAlerts(await ctx.db(), { activeOnly: flags.active === true, now: new Date() });
      if (flags.json) {
        ctx.out(JSON.stringify(rows, null, 2));
        return;
      }
      if (rows.length === 0) {
        ctx.out(flags.active ? 'no alert is in force' : 'no alert stored yet');
        return;
      }
      for (const r of rows) {
        const reach = r.households_inside === null ? '' : `  ${r.households_inside} hh in ${r.affected_villages} villages`;
        const alarmed = r.time_alarms > 0 ? `  TIME ALARM x${r.time_alarms} (alerts show ${r.id})` : '';
        ctx.out(
          `${String(r.id).padStart(5)}  group ${String(r.group_id).padEnd(4)} ${r.state.padEnd(10)} ${r.msg_type.padEnd(6)} ${r.sent}  ` +
            `${r.event ?? ''} (${r.severity ?? '?'}) [${r.languages.join(',')}]${r.deliverable ? '' : ` ${r.status}`}${reach}${alarmed}\n        ${r.identifier}\n        delivery: ${describeDelivery(r.delivery)}`,
        );
      }
    });
}
