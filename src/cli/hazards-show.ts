// `siaga hazards show ID [--json]`: one candidate with the villages it reaches and its review.
import type { Command } from 'commander';
import { getCandidate } from '../db/hazard-candidate-queries.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { candidateId } from './hazards-args.ts';
import { examples } from './help-examples.ts';

export function registerHazardsShow(parent: Command, ctx: CliContext): void {
  parent
    .command('show')
    .description('one hazard candidate: product, threshold, area, villages and households reached, review')
    .argument('<id>', 'candidate id (see `siaga hazards candidates`)')
    .option('--json', 'print as JSON, geometry (GeoJSON, EPSG:4326) included')
    .addHelpText('after', examples('siaga hazards show 7', 'siaga hazards show 7 --json'))
    .action(async (idText: string, flags: { json?: boolean }) => {
      const c = await getCandidate(await ctx.db(), candidateId(idText));
      if (!c) throw new CliError(`no hazard candidate ${idText} (see \`siaga hazards candidates --all\`)`);
      if (flags.json) {
        ctx.out(JSON.stringify(c, null, 2));
        return;
      }
      ctx.out(
        `candidate ${c.id}: ${c.state}; ${c.product} at ${c.product_time}, ≥ ${c.threshold}${c.unit ? ` ${c.unit}` : ''} (${c.event ?? '?'}, ${c.severity ?? '?'})`,
      );
      const pixels = c.pixel_size_m ? `pixels ${c.pixel_size_m.x.toFixed(0)} × ${c.pixel_size_m.y.toFixed(0)} m` : 'drawn by hand';
      ctx.out(`  ${c.polygons} polygon(s), ${c.area_km2.toFixed(1)} km², ${pixels}; would expire ${c.expires_at}`);
      ctx.out(
        `  reaches ${c.households_inside} households (${c.vulnerable_households} with vulnerable members; ${c.households_margin_only} more in the margin) in ${c.villages.length} villages`,
      );
      ctx.out(
        `  drafted by ${c.drafted_by} at ${c.drafted_at}; approvals: ${c.approvals.map((a) => `${a.by} (${a.at})`).join(', ') || 'none'}`,
      );
      if (c.state === 'rejected') ctx.out(`  rejected by ${c.rejected_by ?? '?'} at ${c.decided_at ?? '?'}: ${c.rejection_reason ?? ''}`);
      if (c.alert_identifier)
        ctx.out(`  issued as alert ${c.alert_id ?? '?'} (${c.alert_identifier}); see \`siaga deliveries ${c.alert_identifier}\``);
      for (const v of c.villages)
        ctx.out(
          `  ${v.code} ${v.name.padEnd(28)} ${String(v.households).padStart(6)} hh ${String(v.vulnerable_households).padStart(5)} vuln ${(v.area_fraction * 100).toFixed(0).padStart(4)} % of the village`,
        );
    });
}
