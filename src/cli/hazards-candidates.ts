// `siaga hazards candidates [--state S | --all] [--json]`: candidates awaiting review (pending, by
// default), newest product time first, with their reach and review so far.
import type { Command } from 'commander';
import { listCandidates, type CandidateState } from '../db/hazard-candidate-queries.ts';
import { expirePendingCandidates } from '../db/hazard-candidates.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { examples } from './help-examples.ts';

const STATES: CandidateState[] = ['pending', 'approved', 'rejected', 'expired'];

export function registerHazardsCandidates(parent: Command, ctx: CliContext): void {
  parent
    .command('candidates')
    .description('hazard candidates, newest first: pending ones unless --state or --all')
    .option('--state <state>', `only this state (${STATES.join(', ')})`)
    .option('--all', 'every state (rejected and expired ones are kept for audit)')
    .option('--json', 'print as JSON, geometry (GeoJSON, EPSG:4326) included')
    .addHelpText('after', examples('siaga hazards candidates', 'siaga hazards candidates --state approved --json'))
    .action(async (flags: { state?: string; all?: boolean; json?: boolean }) => {
      if (flags.state !== undefined && !STATES.includes(flags.state as CandidateState))
        throw new CliError(`--state: must be one of ${STATES.join(', ')}`, 2);
      if (flags.state !== undefined && flags.all) throw new CliError('give --state or --all, not both', 2);
      const db = await ctx.db();
      await expirePendingCandidates(db, new Date());
      const state = flags.all ? undefined : ((flags.state as CandidateState | undefined) ?? 'pending');
      const config = ctx.config();
      const rows = await listCandidates(db, { state, limit: 1000, geometry: Boolean(flags.json) });
      if (flags.json) {
        ctx.out(JSON.stringify(rows, null, 2));
        return;
      }
      if (rows.length === 0) {
        ctx.out(state ? `no ${state} hazard candidates` : 'no hazard candidates');
        return;
      }
      ctx.out(
        `${'id'.padStart(5)} ${'state'.padEnd(8)} ${'product'.padEnd(16)} ${'product time'.padEnd(20)} ${'threshold'.padStart(12)} ${'km²'.padStart(8)} ${'villages'.padStart(8)} ${'hh'.padStart(7)} ${'vuln'.padStart(5)} ${'approvals'.padEnd(12)} drafted by`,
      );
      for (const c of rows) {
        const approvals =
          c.state === 'pending' ? `${c.approvals.length}/${config.hazards.approvalsRequired}` : c.approvals.map((a) => a.by).join(', ');
        ctx.out(
          `${String(c.id).padStart(5)} ${c.state.padEnd(8)} ${c.product.slice(0, 16).padEnd(16)} ${c.product_time.slice(0, 16).replace('T', ' ').padEnd(20)} ${`≥${c.threshold}${c.unit ? ` ${c.unit}` : ''}`.padStart(12)} ` +
            `${c.area_km2.toFixed(1).padStart(8)} ${String(c.affected_villages.length).padStart(8)} ${String(c.households_inside).padStart(7)} ${String(c.vulnerable_households).padStart(5)} ${approvals.slice(0, 12).padEnd(12)} ${c.drafted_by}` +
            (c.state === 'rejected' ? `\n      rejected by ${c.rejected_by ?? '?'}: ${c.rejection_reason ?? ''}` : '') +
            (c.alert_identifier ? `\n      alert ${c.alert_identifier}` : ''),
        );
      }
    });
}
