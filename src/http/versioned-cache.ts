// Answers computed once per data version, not per request: the public map's village outlines are
// the same for everyone until villages are imported again, so a flood of map requests is served
// from memory and cannot hold the database (and /api/stats behind it) busy. The version itself is
// asked at most every `versionTtlMs`; concurrent requests for the same key share one computation.
import { createHash } from 'node:crypto';

export interface Cached {
  bytes: Buffer;
  /** Strong ETag: a hash of the bytes. */
  etag: string;
}

export interface VersionedCache {
  get(key: string, compute: () => Promise<unknown>): Promise<Cached>;
}

export function createVersionedCache(options: {
  version: () => Promise<string>;
  versionTtlMs: number;
  maxEntries: number;
  now?: () => number;
}): VersionedCache {
  const now = options.now ?? Date.now;
  let version: { value: Promise<string>; at: number } | undefined;
  const entries = new Map<string, Promise<Cached>>();
  const currentVersion = () => {
    if (!version || now() - version.at >= options.versionTtlMs) {
      const value = options.version();
      version = { value, at: now() };
      // A failed version lookup is not remembered: the next request asks again.
      value.catch(() => (version = undefined));
    }
    return version.value;
  };
  return {
    async get(key, compute) {
      const full = `${await currentVersion()}|${key}`;
      let entry = entries.get(full);
      if (entry) {
        // Most recently used last, so the oldest key is evicted first.
        entries.delete(full);
        entries.set(full, entry);
        return entry;
      }
      entry = compute().then((value) => {
        const bytes = Buffer.from(JSON.stringify(value));
        return { bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"` };
      });
      entries.set(full, entry);
      entry.catch(() => entries.delete(full));
      while (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string);
      return entry;
    },
  };
}
