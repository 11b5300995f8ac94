// A progress line on stderr for anything that runs more than a couple of seconds, at most every
// two seconds, so that a long import never looks hung to the person watching it. Only when stderr
// is a terminal: in a pipe or a log the lines would only bury the result and the errors.
import type { Output } from './context.ts';

export interface Progress {
  update(stage: string, count: number): void;
  done(): void;
}

const SILENT: Progress = { update: () => undefined, done: () => undefined };

export function createProgress(output: Output, noun: string, everyMs = 2000): Progress {
  if (output.errIsTerminal !== true) return SILENT;
  const started = Date.now();
  let last = started;
  let lastStage = '';
  return {
    update(stage, count) {
      const now = Date.now();
      if (stage === lastStage && now - last < everyMs) return;
      if (now - started < everyMs && stage === lastStage) return;
      last = now;
      lastStage = stage;
      output.err(`  ${stage}… ${count.toLocaleString('en')} ${noun} (${((now - started) / 1000).toFixed(0)} s)`);
    },
    done() {
      const secs = (Date.now() - started) / 1000;
      if (secs >= 2) output.err(`  finished in ${secs.toFixed(1)} s`);
    },
  };
}
