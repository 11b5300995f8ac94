// The BMKG fixtures the benchmark rows read: the largest real nowcast CAP document is the one the
// issue names for parse and for alert-to-queued.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BMKG_FIXTURES = fileURLToPath(new URL('../fixtures/bmkg/', import.meta.url));

/** The largest fixtures/bmkg/cap-nowcast-*.xml by bytes (name order breaks ties, so the pick is stable). */
export async function largestNowcastFixture(): Promise<string> {
  const names = (await readdir(BMKG_FIXTURES)).filter((n) => /^cap-nowcast-.*\.xml$/.test(n)).sort();
  let best: { name: string; size: number } | undefined;
  for (const name of names) {
    const { size } = await stat(path.join(BMKG_FIXTURES, name));
    if (!best || size > best.size) best = { name, size };
  }
  if (!best) throw new Error(`no cap-nowcast-*.xml in ${BMKG_FIXTURES}`);
  return best.name;
}
