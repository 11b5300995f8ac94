// Reading a user's input file with errors that say what is wrong and where.
import { readFile, stat } from 'node:fs/promises';
import { CliError } from './cli-error.ts';

/**
 * Fails clearly for a missing, unreadable, empty or non-regular file. `role` names what the file is
 * for ("villages file") so that a command with several inputs says which one is wrong.
 */
export async function checkInputFile(file: string, role?: string): Promise<number> {
  const name = role ? `${role} ${file}` : file;
  let size: number;
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new CliError(`${name} is not a regular file`);
    size = s.size;
  } catch (err) {
    if (err instanceof CliError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${name}: no such file` : `${name}: cannot read (${code ?? String(err)})`, 1, { cause: err });
  }
  if (size === 0) throw new CliError(`${name} is empty (0 bytes)`);
  return size;
}

export async function readJsonFile(file: string, role?: string): Promise<unknown> {
  await checkInputFile(file, role);
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(`${role ? `${role} ${file}` : file} is not valid JSON: ${describeJsonError(err, text)}`, 1, { cause: err });
  }
}

/**
 * Node gives a character offset for most JSON syntax errors; people want a line and column. For
 * "Unexpected token" errors V8 quotes the text around the bad character instead, so find that.
 */
function describeJsonError(err: unknown, text: string): string {
  const message = err instanceof Error ? err.message : String(err);
  let position: number | undefined;
  const offset = /at position (\d+)/.exec(message)?.[1];
  if (offset !== undefined) position = Number(offset);
  else if (/Unexpected end of JSON input/.test(message)) position = text.length;
  else {
    // `Unexpected token 'x', ..."ten before x ten after"... is not valid JSON`: ten characters of
    // context each side, cut short (without that side's `...`) at the start or end of the text. A
    // short text is quoted whole, with no `...`, and then the position stays unknown.
    const quoted = /^Unexpected token .*?, (\.\.\.)?"(.*)"(\.\.\.)? is not valid JSON$/s.exec(message);
    const snippet = quoted?.[2];
    const at = snippet ? text.indexOf(snippet) : -1;
    if (snippet && at >= 0 && quoted[1]) position = at + 10;
    else if (snippet && at >= 0 && quoted[3]) position = at + snippet.length - 10;
  }
  const what = message.replace(/ in JSON at position \d+.*$/s, '').replace(/, (\.\.\.)?".*" is not valid JSON$/s, '');
  if (position === undefined) return what;
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return position >= text.trimEnd().length
    ? `${what} (the file ends at line ${line}; it looks truncated)`
    : `${what} at line ${line}, column ${column}`;
}
