// `siaga alerts release ID [--json]`: sends a held message (stored with `cap ingest --hold`), or one
// stored as history by a backfill, on to delivery. Delivery still decides whether it stands.
import type { Command } from 'commander';
import { findHandoff, releaseHandoff } from '../db/delivery-handoffs.ts';
import { findAlertId } from '../db/alert-queries.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { deliveryOutlook } from './delivery-outlook.ts';
import { examples } from './help-examples.ts';

export function registerAlertsRelease(parent: Command, ctx: CliContext): void {
  parent
    .command('release')
    .description('send a held (or backfilled) alert on to delivery; delivery still checks that it stands')
    .argument('<id>', 'alert id (from `alerts list`) or CAP identifier')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', examples('siaga alerts release 12', 'siaga alerts release CGT20260924002 --json'))
    .action(async (id: string, flags: { json?: boolean }) => {
      const db = await ctx.db();
      const alertId = await findAlertId(db, id);
      if (alertId === undefined) throw new CliError(`no alert with id or identifier "${id}" (see \`siaga alerts list\`)`);
      const now = new Date();
      const before = await releaseHandoff(db, alertId, `cli (${process.env.USER ?? 'unknown user'})`, now);
      if (before === undefined) throw new CliError(`alert ${alertId} has no hand-off record`);
      const after = await findHandoff(db, alertId);
      const released = before !== 'awaiting' && before !== 'planned';
      const outlook = released ? await deliveryOutlook(db, now) : undefined;
      if (flags.json) return ctx.out(JSON.stringify({ alertId, before, state: after?.state, released, outlook }, null, 2));
      if (!released)
        throw new CliError(
          `alert ${alertId} is already ${before === 'planned' ? 'planned for delivery' : 'awaiting delivery'}; nothing to release`,
        );
      ctx.out(`alert ${alertId}: ${before} → awaiting delivery; ${outlook ?? ''}`);
    });
}
