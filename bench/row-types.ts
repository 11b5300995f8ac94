// What passes between the runner and a row's child process. Plain data only: it crosses an IPC
// channel as JSON.

export type BenchMode = 'quick' | 'full';

/** The PostgreSQL side prepared once by the runner and shared by the household rows of a run. */
export interface HouseholdFixture {
  /** Connection string of the bench database (or of DATABASE_URL with the bench schema on its search_path). */
  databaseUrl: string;
  /** Where the tables live: a database of the bench's own, or a schema of it inside DATABASE_URL's database. */
  where: string;
  /** The generated households CSV. */
  csvPath: string;
  households: number;
}

export interface RowJob {
  row: string;
  mode: BenchMode;
  households?: HouseholdFixture;
}

/** One measured figure: a throughput, with how it was obtained. */
export interface Figure {
  perSecond: number;
  /** Samples the figure is the median of. */
  samples: number;
  /** Seconds of one run, for measurements that are a single run of a long job. */
  seconds?: number;
}

/** One line of the table. A row may print several (the same measurement on different inputs). */
export interface RowLine {
  row: string;
  measures: string;
  unit: string;
  siaga: Figure;
  baseline: Figure & { label: string };
  /** Baseline throughput ÷ Siaga throughput: how many times slower Siaga is than the bare baseline. */
  slowdown: number;
  /** The goal set for this line, when it has one; `met` is decided from this run's figures. */
  goal?: Goal;
  /** Peak RSS of the process doing Siaga's work, when that is not the row's own process (a CLI child). */
  peakRssKb?: number;
  details: Record<string, unknown>;
}

/** The child's answer. */
export type RowReply = { ok: true; lines: RowLine[]; peakRssKb: number } | { ok: false; error: string; skipped?: boolean };

export class RowSkipped extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RowSkipped';
  }
}

/** A goal as a floor on Siaga's speed ÷ the baseline's (a time goal "≤ 2× the baseline" is a floor of 0.5). */
export interface Goal {
  text: string;
  minSpeedRatio: number;
  met: boolean;
}

export function goalAtLeast(minSpeedRatio: number, slowdown: number, text?: string): Goal {
  return { text: text ?? `≥ ${minSpeedRatio}×`, minSpeedRatio, met: 1 / slowdown >= minSpeedRatio };
}
