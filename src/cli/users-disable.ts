// `siaga users disable NAME`: the account can no longer sign in, and its sessions and API tokens
// stop working at once (someone left, or a secret leaked). Running it again changes nothing.
// Accounts are disabled, never deleted: decisions and task actions stay recorded under them.
import type { Command } from 'commander';
import { disableWebUser } from '../db/web-users.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';

export function registerUsersDisable(parent: Command, ctx: CliContext): void {
  parent
    .command('disable')
    .description('stop an account: no sign-in, its sessions and API tokens are refused at once; idempotent')
    .argument('<username>', 'the account (siaga users list)')
    .addHelpText(
      'after',
      `
Example:
  $ siaga users disable budi.tagana
  disabled "budi.tagana": 1 session ended, 0 API tokens revoked`,
    )
    .action(async (username: string) => {
      const outcome = await disableWebUser(await ctx.db(), username, new Date());
      if (outcome === undefined) throw new CliError(`no account "${username}" (siaga users list shows them all)`);
      if (!outcome.disabled) return ctx.out(`"${username}" was already disabled (since ${outcome.since}); nothing changed`);
      const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
      ctx.out(`disabled "${username}": ${plural(outcome.sessions, 'session')} ended, ${plural(outcome.tokens, 'API token')} revoked`);
    });
}
