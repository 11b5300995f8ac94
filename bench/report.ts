// The two outputs of a run: the aligned table on stdout and bench/results/<date>.json.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Machine } from './machine.ts';
import type { BenchMode, Figure, RowLine } from './row-types.ts';

export type RowOutcome =
  | { row: string; status: 'ok'; lines: RowLine[]; rowProcessPeakRssKb: number }
  | { row: string; status: 'skipped' | 'failed'; measures: string; reason: string };

export interface RunHeader {
  /** Local date of the run, YYYY-MM-DD: the name of the results file. */
  date: string;
  startedAt: string;
  durationSeconds: number;
  mode: BenchMode;
  only: string[] | null;
  machine: Machine;
  /** How to read the figures. */
  notes: string[];
}

/** The ratio column: Siaga's throughput over the baseline's, both from this run (above 1: Siaga is faster). */
export const RATIO_HEADING = 'Siaga/s ÷ baseline/s';

export function formatTable(outcomes: readonly RowOutcome[]): string {
  const head = ['row', 'what is measured', 'Siaga', 'baseline', RATIO_HEADING, 'goal', 'peak RSS'];
  const body: string[][] = [];
  for (const o of outcomes) {
    if (o.status !== 'ok') {
      const reason = o.status === 'skipped' ? `skipped: ${o.reason}` : `FAILED: ${o.reason.split('\n')[0] ?? ''}`;
      body.push([o.row, o.measures, reason, '', '', '', '']);
      continue;
    }
    for (const line of o.lines) {
      body.push([
        line.row,
        line.measures,
        rate(line.siaga, line.unit),
        rate(line.baseline, line.unit),
        ratio(1 / line.slowdown),
        line.goal ? `${line.goal.text}: ${line.goal.met ? 'met' : 'MISSED'}` : '',
        `${Math.round((line.peakRssKb ?? o.rowProcessPeakRssKb) / 1024)} MiB`,
      ]);
    }
  }
  const numeric = new Set([2, 3, 4, 6]);
  // A skipped or failed row's reason spans the figure columns and does not widen them.
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (isSpanning(r) && i >= 2 ? 0 : (r[i] ?? '').length))));
  const format = (cells: string[]) =>
    cells
      .map((c, i) => (isSpanning(cells) && i === 2 ? c : numeric.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const baselines = new Map<string, Set<string>>();
  for (const o of outcomes)
    if (o.status === 'ok')
      for (const l of o.lines) baselines.set(l.baseline.label, (baselines.get(l.baseline.label) ?? new Set()).add(l.row));
  const legend = [...baselines].map(([label, rowNames]) => `baseline of ${[...rowNames].join(', ')}: ${label}`);
  return [format(head), rule, ...body.map(format), ...(legend.length ? ['', ...legend] : [])].join('\n');
}

/**
 * Writes bench/results/<date>.json (pretty, rounded, so that a diff between runs reads well). A run
 * of some rows only (--only) writes <date>-only-<rows>.json instead, so that trying one row never
 * overwrites the day's run of every row.
 */
export async function writeResults(dir: string, header: RunHeader, outcomes: readonly RowOutcome[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${header.date}${header.only ? `-only-${header.only.join('+')}` : ''}.json`);
  const rows = outcomes.flatMap((o): Record<string, unknown>[] =>
    o.status !== 'ok'
      ? [{ row: o.row, status: o.status, measures: o.measures, reason: o.reason }]
      : o.lines.map((l) => ({
          row: l.row,
          status: o.status,
          measures: l.measures,
          unit: l.unit,
          siaga: roundFigure(l.siaga),
          baseline: { label: l.baseline.label, ...roundFigure(l.baseline) },
          slowdown: round(l.slowdown, 3),
          speedRatio: round(1 / l.slowdown, 3),
          goal: l.goal ?? null,
          peakRssKb: l.peakRssKb ?? o.rowProcessPeakRssKb,
          peakRssOf: l.peakRssKb === undefined ? 'the row process' : 'the siaga CLI process',
          rowProcessPeakRssKb: o.rowProcessPeakRssKb,
          details: l.details,
        })),
  );
  await writeFile(file, `${JSON.stringify({ header, rows }, null, 2)}\n`);
  return file;
}

/** Local calendar date, YYYY-MM-DD. */
export function localDate(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

function isSpanning(cells: readonly string[]): boolean {
  return cells[3] === '' && cells[4] === '';
}

function ratio(x: number): string {
  // Three decimals below 1, so that a ratio just under a goal of 0.5 never prints as 0.50.
  return `${x < 1 ? x.toFixed(3) : x < 10 ? x.toFixed(2) : x.toFixed(0)}×`;
}

function rate(figure: Figure, unit: string): string {
  // A latency line (unit "s …"): the seconds themselves, not their inverse.
  if (/^s\b/.test(unit) && figure.seconds !== undefined) return `${figure.seconds.toFixed(2)} ${unit}`;
  const x = figure.perSecond;
  const digits = x >= 100 ? 0 : x >= 10 ? 1 : 2;
  return `${x.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${unit}`;
}

function roundFigure(f: Figure): Figure {
  return { perSecond: round(f.perSecond, 1), samples: f.samples, ...(f.seconds === undefined ? {} : { seconds: round(f.seconds, 3) }) };
}

function round(x: number, decimals: number): number {
  const k = 10 ** decimals;
  return Math.round(x * k) / k;
}
