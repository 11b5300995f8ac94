// `siaga users add NAME --role liaison|team [--team CODE] [--member ID]`: a staff account for the
// web pages. The secret is generated and printed once (only its scrypt hash is stored); with
// --password-stdin the first line of standard input is used instead, so a script can set one.
import type { Command } from 'commander';
import { insertWebUser, teamExists, type StaffRole } from '../db/web-users.ts';
import { generateSecret, hashSecret } from '../web/passwords.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { examples } from './help-examples.ts';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export function registerUsersAdd(parent: Command, ctx: CliContext, readStdin: () => Promise<string> = readFirstLine): void {
  parent
    .command('add')
    .description('create a web sign-in for a BMKG liaison or a Tagana team member; prints the secret once')
    .argument('<username>', '3–64 of a-z, 0-9, . _ - (lower case)')
    .requiredOption('--role <role>', 'liaison or team')
    .option('--team <code>', 'the Tagana team code (role team)')
    .option('--member <id>', 'the Tagana member id this account is (role team; recorded with task actions)')
    .option('--password-stdin', 'read the secret from the first line of standard input instead of generating one')
    .addHelpText(
      'after',
      examples(
        'siaga users add rina.bmkg --role liaison',
        'siaga users add budi.tagana --role team --team tagana-12.07 --member ds-002',
        "echo 'a long passphrase' | siaga users add andi.bmkg --role liaison --password-stdin",
      ),
    )
    .action(async (username: string, opts: { role: string; team?: string; member?: string; passwordStdin?: boolean }) => {
      if (!USERNAME.test(username))
        throw new CliError(`username "${username}": use 3–64 of a-z, 0-9, . _ - (starting with a letter or digit)`, 2);
      if (opts.role !== 'liaison' && opts.role !== 'team') throw new CliError(`--role: "${opts.role}" is neither liaison nor team`, 2);
      const role: StaffRole = opts.role;
      if (role === 'team' && !opts.team) throw new CliError('--team CODE is required for a team account', 2);
      if (role === 'liaison' && (opts.team || opts.member)) throw new CliError('--team and --member are for team accounts only', 2);
      const secret = opts.passwordStdin ? (await readStdin()).trim() : generateSecret();
      if (secret.length < 12) throw new CliError('the password must have at least 12 characters', 2);
      const db = await ctx.db();
      if (opts.team && !(await teamExists(db, opts.team)))
        throw new CliError(`--team: no Tagana team "${opts.team}" (import teams first: siaga import teams FILE)`);
      const secretScrypt = await hashSecret(secret);
      try {
        await insertWebUser(db, { username, role, teamCode: opts.team ?? null, memberId: opts.member ?? null, secretScrypt });
      } catch (err) {
        if (/duplicate key|unique/i.test(err instanceof Error ? err.message : '')) throw new CliError(`user "${username}" already exists`);
        throw err;
      }
      ctx.out(`added ${role} account "${username}"${opts.team ? ` for team ${opts.team}` : ''}; sign in at /signin`);
      if (!opts.passwordStdin) ctx.out(`secret (shown once, store it safely): ${secret}`);
    });
}

async function readFirstLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split('\n')[0] ?? '';
}
