// What every command gets: config, a lazily opened database, and where to print.
import { loadConfig, type Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { openDb } from '../db/open-db.ts';

export interface Output {
  /** Results: stdout, machine-readable with --json. */
  out(text: string): void;
  /** Progress and notices: stderr, so that stdout stays clean. */
  err(text: string): void;
  /**
   * True when stderr is a terminal someone watches. Progress lines are written only then: in a
   * pipe, a cron mail or a log they are noise that buries the result and the errors.
   */
  readonly errIsTerminal?: boolean;
}

export interface CliContext extends Output {
  config(): Config;
  /** Opens the database (migrating it unless told not to); closed by the CLI runner at exit. */
  db(options?: { migrate?: boolean }): Promise<Db>;
  close(): Promise<void>;
}

export function createCliContext(output: Output, env: NodeJS.ProcessEnv = process.env, preopened?: Db): CliContext {
  let config: Config | undefined;
  let opened: Promise<Db> | undefined = preopened ? Promise.resolve(preopened) : undefined;
  let migrated = false;
  const ctx: CliContext = {
    ...output,
    config: () => (config ??= loadConfig(env)),
    async db(options = {}) {
      opened ??= openDb(ctx.config(), (msg) => output.err(msg));
      const db = await opened;
      if (options.migrate !== false && !migrated) {
        const applied = await migrate(db);
        if (applied.length > 0) output.err(`applied migrations: ${applied.join(', ')}`);
        migrated = true;
      }
      return db;
    },
    async close() {
      if (opened && !preopened) await (await opened).close();
    },
  };
  return ctx;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  errIsTerminal: process.stderr.isTTY === true,
};
