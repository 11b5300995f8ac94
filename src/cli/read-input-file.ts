// Reading a user's input file with errors that say what is wrong and where.
import { readFile, stat } from 'node:fs/promises';
import { CliError } from './cli-error.ts';

/** Fails clearly for a missing, unreadable, empty or non-regular file. */
export async function checkInputFile(file: string): Promise<number> {
  let size: number;
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new CliError(`${file} is not a regular file`);
    size = s.size;
  } catch (err) {
    if (err instanceof CliError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${code ?? String(err)})`, 1, { cause: err });
  }
  if (size === 0) throw new CliError(`${file} is empty (0 bytes)`);
  return size;
}

export async function readJsonFile(file: string): Promise<unknown> {
  await checkInputFile(file);
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(`${file} is not valid JSON: ${describeJsonError(err, text)}`, 1, { cause: err });
  }
}

/** Node reports a character position; people want a line and column, and a hint when cut short. */
function describeJsonError(err: unknown, text: string): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/Unexpected end of JSON input|Unterminated string/.test(message)) {
    const lines = text.split('\n');
    return `it ends unexpectedly at line ${lines.length} (the file looks truncated)`;
  }
  const pos = /position (\d+)/.exec(message);
  if (!pos?.[1]) return message;
  if (Number(pos[1]) >= text.trimEnd().length) return `it ends unexpectedly at line ${text.split('\n').length} (the file looks truncated)`;
  const before = text.slice(0, Number(pos[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}
