// A folder given to `siaga cap ingest` / `cap validate` stands for the CAP files in it: every
// `*.xml` directly inside, in name order (BMKG's file names sort by time). URLs and files pass as
// given; anything unreadable is left for the reader to report in its turn.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export async function expandCapSources(sources: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const source of sources) {
    if (/^[a-z][a-z0-9+.-]+:/i.test(source) || !(await isDirectory(source))) {
      out.push(source);
      continue;
    }
    const names = (await readdir(source)).filter((n) => n.toLowerCase().endsWith('.xml')).sort();
    // A folder with nothing to read stays in the list, so that the reader reports it.
    if (names.length === 0) out.push(source);
    else out.push(...names.map((n) => path.join(source, n)));
  }
  return out;
}

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}
