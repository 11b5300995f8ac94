// Preloaded with `node --import` into a `siaga` process the bench times: at exit it writes the
// process's peak resident set size (kB, from getrusage) to the file the bench names, so that the
// peak of the measured process is known exactly without /usr/bin/time.
import { writeFileSync } from 'node:fs';

const out = process.env.SIAGA_BENCH_PEAK_RSS_FILE;
if (out) process.on('exit', () => writeFileSync(out, `${process.resourceUsage().maxRSS}\n`));
