// Runs `siaga …` in-process against a test database, capturing what it prints.
import type { Db } from '../../src/db/db.ts';
import { createCliContext } from '../../src/cli/context.ts';
import { runCli } from '../../src/cli/program.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `stderrIsTerminal`: run as if stderr were a terminal (progress lines are written only then). */
export async function runSiaga(
  args: string[],
  db?: Db,
  env: NodeJS.ProcessEnv = {},
  options: { stderrIsTerminal?: boolean } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const ctx = createCliContext(
    {
      out: (t) => (stdout += t.endsWith('\n') ? t : `${t}\n`),
      err: (t) => (stderr += t.endsWith('\n') ? t : `${t}\n`),
      errIsTerminal: options.stderrIsTerminal ?? false,
    },
    env,
    db,
  );
  const code = await runCli(args, ctx);
  return { code, stdout, stderr };
}
