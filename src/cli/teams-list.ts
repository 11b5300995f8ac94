// `siaga teams list [--json]`: the Tagana teams as imported (`siaga import teams`), so whoever runs
// Siaga can check which team a village's tasks go to and who is in it.
import type { Command } from 'commander';
import { listTeams } from '../db/tagana-team-listing.ts';
import type { CliContext } from './context.ts';

export function registerTeamsList(parent: Command, ctx: CliContext): void {
  parent
    .command('list')
    .description('Tagana teams: code, name, areas covered, members (active count and names)')
    .option('--json', 'print as JSON (every member, inactive ones too, with id, role and active)')
    .addHelpText(
      'after',
      `
Example:
  $ siaga teams list
  tagana-12.07  Tagana Kabupaten Deli Serdang
    covers:  12.07 Deli Serdang
    members: 3 active: Rina Siregar (coordinator), Budi Nasution, Siti Lubis`,
    )
    .action(async (opts: { json?: boolean }) => {
      const teams = await listTeams(await ctx.db());
      if (opts.json) return ctx.out(JSON.stringify(teams, null, 2));
      if (teams.length === 0) return ctx.out('no teams (siaga import teams FILE.json)');
      for (const t of teams) {
        const active = t.members.filter((m) => m.active);
        const inactive = t.members.length - active.length;
        ctx.out(`${t.code}  ${t.name}`);
        ctx.out(`  covers:  ${t.areas.map((a) => `${a.code} ${a.name ?? '(area not imported)'}`).join(', ') || 'no area'}`);
        ctx.out(
          `  members: ${active.length} active${active.length ? `: ${active.map((m) => (m.role === 'coordinator' ? `${m.name} (coordinator)` : m.name)).join(', ')}` : ''}` +
            (inactive ? `; ${inactive} no longer active` : ''),
        );
      }
    });
}
