// PGlite is one process's database: a second process opening the same folder would corrupt it.
// A lock file holding the owner's pid keeps `siaga …` from opening what `npm start` has open.
import { open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { DbError } from './db.ts';

export interface DataDirLock {
  release(): Promise<void>;
}

export async function lockDataDir(dir: string): Promise<DataDirLock> {
  const file = path.join(dir, 'siaga.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => unlink(file).catch(() => undefined) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new DbError(
          `the embedded database in ${dir} is in use by process ${owner} (is \`npm start\` running?). ` +
            'Stop it first, or run Siaga on PostgreSQL with DATABASE_URL so that several processes can share it.',
        );
      }
      // The owner is gone (crash, kill -9): the lock is stale.
      await unlink(file).catch(() => undefined);
    }
  }
  throw new DbError(`could not lock ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
