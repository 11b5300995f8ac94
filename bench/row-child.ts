// One row in a process of its own, forked by bench/run.ts, so that the peak RSS it reports is the
// row's alone. The job comes in over IPC; the answer goes back the same way.
import { ROWS, type RowSpec } from './rows.ts';
import { RowSkipped, type RowJob, type RowLine, type RowReply } from './row-types.ts';

process.once('message', (job: RowJob) => {
  void runJob(job).then((reply) => process.send?.(reply, () => process.disconnect()));
});

async function runJob(job: RowJob): Promise<RowReply> {
  try {
    const spec = ROWS.find((r) => r.name === job.row);
    if (!spec) throw new Error(`unknown row ${job.row}`);
    const lines = await runSpec(spec, job);
    return { ok: true, lines, peakRssKb: process.resourceUsage().maxRSS };
  } catch (err) {
    if (err instanceof RowSkipped) return { ok: false, skipped: true, error: err.message };
    return { ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

async function runSpec(spec: RowSpec, job: RowJob): Promise<RowLine[]> {
  if (spec.needs === 'nothing') return (await spec.load()).runRow(job.mode);
  if (!job.households) throw new RowSkipped('no household database was prepared');
  return (await spec.load()).runRow(job.mode, job.households);
}
