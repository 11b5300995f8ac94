// Per-client request limit for the residents' API (registration is open to anyone, so it must not
// be a way to flood the registry): a fixed one-minute window per remote address, in memory. Behind
// several replicas each counts alone, which bounds a client at N times the limit; the window is
// short enough that this keeps floods out without a shared store.
export interface ClientRateLimit {
  /** Undefined when allowed; else the seconds to wait. */
  check(client: string): number | undefined;
}

export function createClientRateLimit(perMinute: number, now: () => number = Date.now): ClientRateLimit {
  let windowStart = now();
  let counts = new Map<string, number>();
  return {
    check(client) {
      const t = now();
      if (t - windowStart >= 60_000) {
        windowStart = t;
        counts = new Map();
      }
      const n = (counts.get(client) ?? 0) + 1;
      counts.set(client, n);
      return n > perMinute ? Math.max(1, Math.ceil((windowStart + 60_000 - t) / 1000)) : undefined;
    },
  };
}
