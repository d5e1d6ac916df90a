import { performance } from 'node:perf_hooks';

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Progress {
  /** `done` of `total` units; `rows` is what the line counts (rows read, contracts stored). */
  update(done: number, rows: number): void;
  finish(rows: number): void;
}

const BAR_WIDTH = 24;
/** Redraws of the bar per phase at most, and plain lines (for logs and pipes) at these fractions. */
const BAR_STEPS = 200;
const PLAIN_STEPS = [0.25, 0.5, 0.75];

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Progress of one phase on stderr: a bar redrawn in place on a terminal, else a line at each quarter
 * (a log file or a CI job gets a few lines, not hundreds). Phases smaller than `minTotal` say nothing.
 */
export function progress(stream: ProgressStream, label: string, total: number, options: { minTotal?: number; clock?: () => number } = {}): Progress {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const silent = total < (options.minTotal ?? 0);
  let drawnStep = -1;
  let plainStep = 0;
  const rate = (rows: number) => {
    const seconds = (clock() - started) / 1000;
    return seconds > 0 ? `, ${count(Math.round(rows / seconds))} rows/s` : '';
  };
  const bar = (fraction: number, rows: number) => {
    const filled = Math.round(fraction * BAR_WIDTH);
    const pct = `${Math.floor(fraction * 100)}`.padStart(3);
    stream.write(`\r\x1b[2K${label} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${pct}% ${count(rows)} rows${rate(rows)}`);
  };
  return {
    update(done, rows) {
      if (silent || total <= 0) return;
      const fraction = Math.min(1, done / total);
      if (stream.isTTY) {
        const step = Math.floor(fraction * BAR_STEPS);
        if (step === drawnStep) return;
        drawnStep = step;
        bar(fraction, rows);
      } else {
        while (plainStep < PLAIN_STEPS.length && fraction >= PLAIN_STEPS[plainStep]!) {
          stream.write(`${label}: ${PLAIN_STEPS[plainStep]! * 100}% (${count(rows)} rows${rate(rows)})\n`);
          plainStep += 1;
        }
      }
    },
    finish(rows) {
      if (silent) return;
      if (stream.isTTY) {
        bar(1, rows);
        stream.write('\n');
      } else stream.write(`${label}: done (${count(rows)} rows${rate(rows)})\n`);
    },
  };
}
