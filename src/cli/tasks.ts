// `siaga tasks [--alert A] [--team T] [--state S] [--json]`: Tagana tasks, most urgent first.
// `siaga tasks token TEAM [--label L]`: issues a team API token (shown once; Siaga keeps its hash).
import type { Command } from 'commander';
import { listTasks } from '../db/tagana-task-queries.ts';
import type { TaskState } from '../db/tagana-task-queries.ts';
import { issueTeamToken, UnknownTeamError } from '../tagana/team-tokens.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { examples } from './help-examples.ts';

const STATES = ['open', 'acknowledged', 'in_progress', 'done', 'stood_down'];

export function registerTasks(program: Command, ctx: CliContext): void {
  const tasks = program
    .command('tasks')
    .description('Tagana tasks, most urgent first (villages of standing warnings, door knocks); `tasks token TEAM` issues a team API token')
    .option('--alert <alert>', "only this warning's tasks (Siaga's alert id or the CAP identifier)")
    .option('--team <team>', 'only tasks of this team (its own and those escalated to it)')
    .option('--state <state>', `only tasks in this state (${STATES.join(', ')})`)
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('siaga tasks --team tagana-12.07 --state open', 'siaga tasks --alert CGT20260924002 --json'))
    .action(async (flags: { alert?: string; team?: string; state?: string; json?: boolean }) => {
      if (flags.state && !STATES.includes(flags.state)) throw new CliError(`--state: must be one of ${STATES.join(', ')}`, 2);
      const rows = await listTasks(await ctx.db(), {
        alert: flags.alert,
        team: flags.team,
        state: flags.state as TaskState | undefined,
        limit: 100_000,
      });
      if (flags.json) {
        ctx.out(JSON.stringify(rows, null, 2));
        return;
      }
      if (rows.length === 0) {
        ctx.out('no tasks');
        return;
      }
      ctx.out(
        `${'task'.padStart(6)} ${'priority'.padStart(8)} ${'state'.padEnd(12)} ${'team'.padEnd(16)} ${'kind'.padEnd(10)} ${'village'.padEnd(34)} ${'hh'.padStart(5)} ${'people'.padStart(6)} ${'vuln'.padStart(5)} esc cluster`,
      );
      for (const t of rows) {
        const place = `${t.village_code} ${t.village_name}`.slice(0, 34);
        const what = t.kind === 'door_knock' ? `knock:${t.reason === 'need_help' ? 'help' : 'unrch'}` : 'village';
        ctx.out(
          `${String(t.id).padStart(6)} ${String(Math.round(t.priority)).padStart(8)} ${t.state.padEnd(12)} ${t.team_code.padEnd(16)} ${what.padEnd(10)} ${place.padEnd(34)} ${String(t.households).padStart(5)} ${String(t.people).padStart(6)} ${String(t.vulnerable).padStart(5)} ${(t.escalation_level > 0 ? `L${t.escalation_level}` : '').padEnd(3)} ${t.cluster_id ?? ''}${t.household_id ? ` ${t.household_id}` : ''}`.trimEnd(),
        );
      }
    });
  tasks
    .command('token')
    .description('issue an API token for a Tagana team (printed once; only its SHA-256 is stored)')
    .argument('<team>', 'team code, e.g. tagana-12.07')
    .option('--label <label>', 'what the token is for (a device, a person)')
    .addHelpText('after', examples('siaga tasks token tagana-12.07 --label "coordinator phone"'))
    .action(async (team: string, flags: { label?: string }) => {
      try {
        const token = await issueTeamToken(await ctx.db(), team, new Date(), flags.label ?? null);
        ctx.out(token);
        ctx.err(`token for team ${team}: keep it private; send it as "Authorization: Bearer <token>" to /api/team/tasks`);
      } catch (err) {
        if (err instanceof UnknownTeamError) throw new CliError(err.message);
        throw err;
      }
    });
  tasks.exitOverride().configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) });
}
