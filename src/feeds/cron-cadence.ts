// The expected interval of a feed, read off its cron schedule: the longest gap among its next runs,
// so that an irregular schedule (busier by day) is never reported late when it is merely quiet.
import cron from 'node-cron';

const RUNS_LOOKED_AT = 24;

export function cronCadenceMs(schedule: string): number {
  const task = cron.createTask(schedule, () => undefined);
  try {
    const runs = task.getNextRuns(RUNS_LOOKED_AT).map((d) => d.getTime());
    let longest = 60_000;
    for (let i = 1; i < runs.length; i++) longest = Math.max(longest, (runs[i] ?? 0) - (runs[i - 1] ?? 0));
    return longest;
  } finally {
    void task.destroy();
  }
}
