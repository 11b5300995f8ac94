// `siaga users token add USERNAME [--label TEXT]`, `siaga users token list`, `siaga users token revoke ID`:
// personal API tokens of liaison accounts. The liaison API records approvals and rejections under
// the token's account, so each person needs their own; the token is printed once, only its SHA-256
// is stored, and a revoked token (or a disabled account's) stops working at once.
import type { Command } from 'commander';
import { insertStaffToken, listStaffTokens, revokeStaffToken } from '../db/staff-api-tokens.ts';
import { findActiveWebUser } from '../db/web-users.ts';
import { newSecretToken, sha256Hex } from '../secret-token.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { examples } from './help-examples.ts';

export function registerUsersToken(parent: Command, ctx: CliContext): void {
  const token = parent
    .command('token')
    .description("personal API tokens of liaison accounts (the liaison API's approvals are recorded under them)");
  token.exitOverride().configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) });
  token
    .command('add')
    .description('issue an API token for a liaison account; prints it once')
    .argument('<username>', 'an existing liaison account (siaga users add NAME --role liaison)')
    .option('--label <text>', 'what the token is for, e.g. the machine it lives on', '')
    .addHelpText('after', examples('siaga users token add rina.bmkg --label "ops laptop"'))
    .action(async (username: string, opts: { label: string }) => {
      const label = opts.label.trim();
      if (label.length > 80) throw new CliError('--label: at most 80 characters', 2);
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u001f\u007f]/.test(label)) throw new CliError('--label: control characters are not allowed', 2);
      const db = await ctx.db();
      const user = await findActiveWebUser(db, username);
      if (!user) throw new CliError(`no active account "${username}" (siaga users add ${username} --role liaison)`);
      if (user.role !== 'liaison')
        throw new CliError(`"${username}" is a team account; API tokens are for liaison accounts (teams use team tokens)`);
      const secret = newSecretToken();
      const id = await insertStaffToken(db, user.id, sha256Hex(secret), label, new Date());
      ctx.out(`token ${id} for "${username}"; send it as "Authorization: Bearer <token>" to /api/hazards/…`);
      ctx.out(`token (shown once, store it safely): ${secret}`);
    });
  token
    .command('list')
    .description('every token: id, account, label, created, last used, revoked')
    .addHelpText('after', examples('siaga users token list'))
    .action(async () => {
      const rows = await listStaffTokens(await ctx.db());
      if (rows.length === 0) return ctx.out('no API tokens');
      for (const r of rows)
        ctx.out(
          `${r.id}\t${r.username}\t${r.label || '-'}\tcreated ${r.created_at}\tused ${r.last_used_at ?? 'never'}\t${r.revoked_at ? `revoked ${r.revoked_at}` : 'active'}`,
        );
    });
  token
    .command('revoke')
    .description('revoke one token by its id (siaga users token list)')
    .argument('<id>', 'the token id')
    .addHelpText('after', examples('siaga users token revoke 3'))
    .action(async (text: string) => {
      if (!/^[1-9]\d{0,15}$/.test(text)) throw new CliError(`id "${text}": a token id is a positive whole number`, 2);
      if (!(await revokeStaffToken(await ctx.db(), Number(text), new Date()))) throw new CliError(`no working token ${text}`);
      ctx.out(`token ${text} revoked`);
    });
}
