// `siaga users list [--json]`: every web sign-in account, so whoever runs Siaga can see who can
// sign in, for which team, and which accounts are disabled. Sign-ins themselves are not recorded;
// open sessions and the last use of an API token are what the data holds about activity.
import type { Command } from 'commander';
import { listWebUsers } from '../db/web-users.ts';
import type { CliContext } from './context.ts';

export function registerUsersList(parent: Command, ctx: CliContext): void {
  parent
    .command('list')
    .description('every web sign-in account: name, role, team, active or disabled, created, open sessions, API tokens')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      `
Example:
  $ siaga users list
  budi.tagana  team     tagana-12.07 (member ds-002)  active    created 2026-11-02 08:14:09+07  1 open session  0 API tokens
  rina.bmkg    liaison  -                             disabled 2026-12-01 10:00:00+07  created 2026-10-30 …`,
    )
    .action(async (opts: { json?: boolean }) => {
      const users = await listWebUsers(await ctx.db(), new Date());
      if (opts.json) return ctx.out(JSON.stringify(users, null, 2));
      if (users.length === 0) return ctx.out('no accounts (siaga users add NAME --role liaison|team)');
      const nameWidth = Math.max(...users.map((u) => u.username.length));
      for (const u of users) {
        const team = u.team_code ? `${u.team_code}${u.member_id ? ` (member ${u.member_id})` : ''}` : '-';
        const state = u.disabled_at ? `disabled ${u.disabled_at}` : 'active';
        ctx.out(
          [
            u.username.padEnd(nameWidth),
            u.role.padEnd(7),
            team,
            state,
            `created ${u.created_at}`,
            `${u.open_sessions} open session${u.open_sessions === 1 ? '' : 's'}`,
            `${u.api_tokens} API token${u.api_tokens === 1 ? '' : 's'}${u.last_api_use ? ` (last used ${u.last_api_use})` : ''}`,
          ].join('\t'),
        );
      }
    });
}
