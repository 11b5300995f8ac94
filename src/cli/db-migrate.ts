import type { Command } from 'commander';
import type { CliContext } from './context.ts';
import { migrate } from '../db/migrate.ts';
import { describeDatabase } from '../config.ts';
import { examples } from './help-examples.ts';

export function registerDbMigrate(parent: Command, ctx: CliContext): void {
  parent
    .command('migrate')
    .description('apply the SQL migrations that have not run yet (forward-only)')
    .addHelpText('after', examples('siaga db migrate', 'DATABASE_URL=postgres://siaga@db.internal/siaga siaga db migrate'))
    .action(async () => {
      const db = await ctx.db({ migrate: false });
      const applied = await migrate(db);
      ctx.out(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database is up to date');
      ctx.err(`database: ${describeDatabase(ctx.config())}`);
    });
}
