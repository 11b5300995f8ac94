import type { Command } from 'commander';
import type { CliContext } from './context.ts';
import { CliError } from './cli-error.ts';
import { readJsonFile } from './read-input-file.ts';
import { readTeamFile, TeamFileError } from '../registry/team-file.ts';
import { findUnknownAreaCodes, upsertTeam } from '../db/tagana-teams.ts';
import { examples } from './help-examples.ts';

export function registerImportTeams(parent: Command, ctx: CliContext): void {
  parent
    .command('teams')
    .description('upsert Tagana teams, the areas they cover and their members from a JSON file (see README)')
    .argument('<file>', 'teams JSON file')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', examples('siaga import teams fixtures/tagana/teams-deli-serdang.json', 'siaga import teams teams.json --json'))
    .action(async (file: string, opts: { json?: boolean }) => {
      let teams;
      try {
        teams = readTeamFile(await readJsonFile(file)).teams;
      } catch (err) {
        if (err instanceof TeamFileError) throw new CliError(`${file}: ${err.message}\nnothing was imported`);
        throw err;
      }
      const db = await ctx.db();
      const result = await db.transaction(async (tx) => {
        let inserted = 0;
        let deactivated = 0;
        for (const team of teams) {
          const r = await upsertTeam(tx, team);
          inserted += r.inserted ? 1 : 0;
          deactivated += r.deactivated;
        }
        return { inserted, updated: teams.length - inserted, members: teams.reduce((n, t) => n + t.members.length, 0), deactivated };
      });
      const unknownAreas = await findUnknownAreaCodes(
        db,
        teams.flatMap((t) => t.areas),
      );
      if (opts.json) {
        ctx.out(JSON.stringify({ file, ...result, unknown_areas: unknownAreas }, null, 2));
        return;
      }
      ctx.out(
        `${file}: ${result.inserted} new team(s), ${result.updated} updated, ${result.members} member(s), ${result.deactivated} member(s) deactivated`,
      );
      if (unknownAreas.length > 0) ctx.out(`  warning: no boundaries imported yet for ${unknownAreas.join(', ')}`);
    });
}
