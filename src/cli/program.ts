// Builds the `siaga` command tree. Each command lives in its own file and only parses flags,
// calls the core and prints; runCli turns every failure into a message and an exit code.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { registerDbMigrate } from './db-migrate.ts';
import { registerImportAreas } from './import-areas.ts';
import { registerImportHouseholds } from './import-households.ts';
import { registerImportTeams } from './import-teams.ts';
import { registerGenerateHouseholds } from './generate-households.ts';
import { registerStats } from './stats.ts';
import { registerCapValidate } from './cap-validate.ts';
import { registerCapIngest } from './cap-ingest.ts';
import { registerAlertsList } from './alerts-list.ts';
import { registerAlertsShow } from './alerts-show.ts';
import { registerAlertsRelease } from './alerts-release.ts';
import { registerFeedsList } from './feeds-list.ts';
import { registerFeedsStatus } from './feeds-status.ts';
import { registerFeedsLog } from './feeds-log.ts';
import { registerFeedsRun } from './feeds-run.ts';
import { registerBackfill } from './backfill.ts';
import { registerSchedulerAndWorker } from './scheduler-worker.ts';
import { registerDeliveries } from './deliveries.ts';
import { registerCoverage } from './coverage.ts';
import { registerTasks } from './tasks.ts';
import { registerRasterVectorize } from './raster-vectorize.ts';
import { registerUsersAdd } from './users-add.ts';
import { registerUsersToken } from './users-token.ts';
import { registerUsersList } from './users-list.ts';
import { registerUsersDisable } from './users-disable.ts';
import { registerHazards } from './hazards-command.ts';
import { registerTeamsList } from './teams-list.ts';
import { registerSenders } from './senders.ts';
import { registerSampleLoad } from './sample-load.ts';

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('siaga')
    .description('Siaga: BMKG warnings to the exact households threatened, with proof of delivery and Tagana tasks.')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) })
    .exitOverride();
  const db = program.command('db').description('database administration');
  registerDbMigrate(db, ctx);
  const imp = program.command('import').description('load boundaries, households and teams');
  registerImportAreas(imp, ctx);
  registerImportHouseholds(imp, ctx);
  registerImportTeams(imp, ctx);
  const gen = program.command('generate').description('make synthetic test data');
  registerGenerateHouseholds(gen, ctx);
  registerStats(program, ctx);
  const cap = program.command('cap').description('CAP documents: validate, ingest');
  registerCapValidate(cap, ctx);
  registerCapIngest(cap, ctx);
  const alerts = program.command('alerts').description('stored alerts: list, show, release');
  registerAlertsList(alerts, ctx);
  registerAlertsShow(alerts, ctx);
  registerAlertsRelease(alerts, ctx);
  const feeds = program.command('feeds').description('BMKG feeds: list, status, log, run');
  registerFeedsList(feeds, ctx);
  registerFeedsStatus(feeds, ctx);
  registerFeedsLog(feeds, ctx);
  registerFeedsRun(feeds, ctx);
  registerBackfill(program, ctx);
  registerSchedulerAndWorker(program, ctx);
  registerDeliveries(program, ctx);
  registerCoverage(program, ctx);
  registerTasks(program, ctx);
  registerRasterVectorize(program, ctx);
  const users = program.command('users').description('web sign-ins of BMKG liaisons and Tagana team members');
  registerUsersAdd(users, ctx);
  registerUsersList(users, ctx);
  registerUsersDisable(users, ctx);
  registerUsersToken(users, ctx);
  const teams = program.command('teams').description('Tagana teams: the areas they cover and their members');
  registerTeamsList(teams, ctx);
  registerHazards(program, ctx);
  registerSenders(program, ctx);
  registerSampleLoad(program, ctx);
  for (const group of [db, imp, gen, cap, alerts, feeds, users, teams])
    group.exitOverride().configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) });
  return program;
}

/** Runs one command line; resolves to the process exit code and never throws. */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    return reportFailure(err, ctx);
  } finally {
    await ctx.close().catch(() => undefined);
  }
}

function reportFailure(err: unknown, ctx: CliContext): number {
  if (err instanceof CommanderError) {
    // --help and --version end through here too, with exit code 0; commander already printed.
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof CliError) {
    if (!err.quiet) ctx.err(`error: ${err.message}`);
    return err.exitCode;
  }
  if (err instanceof ConfigError) {
    ctx.err(err.message);
    return 2;
  }
  const message = err instanceof Error ? err.message : String(err);
  ctx.err(`error: ${message}`);
  if (err instanceof Error && err.cause instanceof Error) ctx.err(`  caused by: ${err.cause.message}`);
  return 1;
}
