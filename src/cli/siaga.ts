// Entry point of the `siaga` command (bin/siaga.js).
import { createCliContext, processOutput } from './context.ts';
import { runCli } from './program.ts';

const code = await runCli(process.argv.slice(2), createCliContext(processOutput));
process.exitCode = code;
