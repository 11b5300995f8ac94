// `siaga senders add NAME --sender PATTERN`, `siaga senders list [--json]`, `siaga senders revoke NAME`,
// `siaga senders log [NAME]`: the other alerting authorities allowed to post CAP to POST /api/cap.
// A sender's token is printed once by `add`; only its SHA-256 is stored.
import type { Command } from 'commander';
import { parseSenderPattern } from '../cap/sender-pattern.ts';
import { findCapSender, insertCapSender, listCapIntakes, listCapSenders, revokeCapSender } from '../db/cap-senders.ts';
import { newSecretToken, sha256Hex } from '../secret-token.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { examples } from './help-examples.ts';
import { registerSendersTrust } from './senders-trust.ts';

const NAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export function registerSenders(program: Command, ctx: CliContext): void {
  const senders = program.command('senders').description('other alerting authorities that may post CAP to POST /api/cap');
  senders
    .command('add')
    .description('allow an authority to post CAP for the senders PATTERN covers; prints its token once')
    .argument('<name>', '2–64 of a-z, 0-9, . _ - (lower case), e.g. bpbd-jatim')
    .requiredOption('--sender <pattern>', 'the CAP <sender> it may post for: an exact address, or *@domain / *.domain')
    .addHelpText('after', examples("siaga senders add bpbd-jatim --sender '*@bpbd.jatimprov.go.id'"))
    .action(async (name: string, opts: { sender: string }) => {
      if (!NAME.test(name)) throw new CliError(`name "${name}": use 2–64 of a-z, 0-9, . _ - (starting with a letter or digit)`, 2);
      const parsed = parseSenderPattern(opts.sender);
      if ('error' in parsed) throw new CliError(`--sender: ${parsed.error}`, 2);
      const token = newSecretToken();
      const db = await ctx.db();
      if (!(await insertCapSender(db, { name, pattern: parsed.pattern, tokenSha256: sha256Hex(token) }, new Date()))) {
        throw new CliError(`sender "${name}" already exists (revoke it and add it under a new name to issue a new token)`);
      }
      ctx.out(`added sender "${name}": may post CAP whose <sender> matches "${parsed.pattern}" to POST /api/cap`);
      ctx.out(`token (shown once, give it to ${name} over a safe channel): ${token}`);
    });
  senders
    .command('list')
    .description('every sender with its pattern, state and what it posted')
    .option('--json', 'print JSON')
    .addHelpText('after', examples('siaga senders list', 'siaga senders list --json'))
    .action(async (opts: { json?: boolean }) => {
      const rows = await listCapSenders(await ctx.db());
      if (opts.json) return ctx.out(JSON.stringify(rows, null, 2));
      if (rows.length === 0) return ctx.out('no senders (add one: siaga senders add NAME --sender PATTERN)');
      for (const s of rows) {
        const state = s.revoked_at ? `revoked ${s.revoked_at.toISOString()}` : 'active';
        const last = s.last_post_at ? `, last ${s.last_post_at.toISOString()}` : '';
        ctx.out(`${s.name}  ${s.pattern}  ${state}  posts ${s.posts} (stored or duplicate ${s.stored}, refused ${s.refused}${last})`);
      }
    });
  senders
    .command('revoke')
    .description("revoke a sender's token: its posts are refused (401) from now on")
    .argument('<name>')
    .addHelpText('after', examples('siaga senders revoke bpbd-jatim'))
    .action(async (name: string) => {
      const db = await ctx.db();
      const sender = await findCapSender(db, name);
      if (!sender) throw new CliError(`no sender "${name}" (see siaga senders list)`);
      if (!(await revokeCapSender(db, name, new Date())))
        return ctx.out(`sender "${name}" was already revoked at ${sender.revoked_at?.toISOString()}`);
      ctx.out(`revoked sender "${name}": its token is refused from now on`);
    });
  senders
    .command('log')
    .description('what senders posted, newest first: status, outcome, CAP sender and identifier, alert, error')
    .argument('[name]')
    .option('--limit <n>', 'at most this many posts', '50')
    .option('--json', 'print JSON')
    .addHelpText('after', examples('siaga senders log', 'siaga senders log bpbd-jatim --limit 10 --json'))
    .action(async (name: string | undefined, opts: { limit: string; json?: boolean }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new CliError('--limit: a whole number from 1 to 10000', 2);
      const rows = await listCapIntakes(await ctx.db(), name ?? null, limit);
      if (opts.json) return ctx.out(JSON.stringify(rows, null, 2));
      if (rows.length === 0) return ctx.out(name ? `no posts from "${name}"` : 'no posts yet');
      for (const r of rows) {
        const what = [r.cap_sender, r.identifier].filter(Boolean).join(' ');
        ctx.out(
          `${r.received_at.toISOString()}  ${r.sender_name}  ${r.status} ${r.outcome}${what ? `  ${what}` : ''}${r.alert_id ? `  alert ${r.alert_id}` : ''}${r.error ? `  — ${r.error}` : ''}`,
        );
      }
    });
  registerSendersTrust(senders, ctx);
}
