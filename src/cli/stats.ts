import type { Command } from 'commander';
import type { CliContext } from './context.ts';
import { registryStats, type AreaHouseholds } from '../db/stats.ts';
import { examples } from './help-examples.ts';

export function registerStats(parent: Command, ctx: CliContext): void {
  parent
    .command('stats')
    .description('counts of areas per level, households per regency and per district, teams')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('siaga stats', 'siaga stats --json'))
    .action(async (opts: { json?: boolean }) => {
      const stats = await registryStats(await ctx.db());
      if (opts.json) {
        ctx.out(JSON.stringify(stats, null, 2));
        return;
      }
      const a = stats.areas;
      const h = stats.households;
      ctx.out(`areas: ${a.province} provinces, ${a.regency} regencies/cities, ${a.district} districts, ${a.village} villages`);
      ctx.out(
        `households: ${h.total} (${h.people} people; ${h.vulnerable_households} with vulnerable members, ${h.vulnerable_people} vulnerable people; ${h.with_phone} with a phone)`,
      );
      ctx.out(`tagana: ${stats.teams.teams} teams, ${stats.teams.members} active members`);
      printTable(ctx, 'households per regency', stats.households_by_regency);
      printTable(ctx, 'households per district', stats.households_by_district);
    });
}

function printTable(ctx: CliContext, title: string, rows: AreaHouseholds[]): void {
  if (rows.length === 0) return;
  ctx.out(`\n${title}:`);
  for (const r of rows) {
    ctx.out(
      `  ${r.code.padEnd(9)} ${(r.name ?? '(area not imported)').padEnd(28)} ${String(r.households).padStart(9)} households ${String(r.vulnerable_households).padStart(8)} vulnerable ${String(r.vulnerable_people).padStart(8)} vulnerable people`,
    );
  }
}
