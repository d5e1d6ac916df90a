import { writeFileSync } from 'node:fs';

/** A target on a measured figure: at most (times, memory) or at least (throughput) `limit`, on the value or on its ratio to the floor. */
export interface Target {
  of: 'value' | 'ratio';
  atMost?: number;
  atLeast?: number;
}

/** One measured figure of the bench, with what it is compared with. */
export interface Figure {
  section: string;
  name: string;
  /** SQLite, PostgreSQL, or empty when the database does not matter. */
  database: string;
  value: number;
  unit: string;
  /** What the same work costs without this code around it (null: no floor). */
  floor: number | null;
  floorIs?: string;
  target?: Target;
  note?: string;
}

export interface Recorded extends Figure {
  /** value ÷ floor. */
  ratio: number | null;
  /** Whether the target is met (null: no target). */
  met: boolean | null;
}

function judge(f: Figure, judging: boolean): Recorded {
  const ratio = f.floor ? f.value / f.floor : null;
  const subject = f.target?.of === 'ratio' ? ratio : f.value;
  const met = !judging || !f.target || subject === null ? null : (f.target.atMost === undefined || subject <= f.target.atMost) && (f.target.atLeast === undefined || subject >= f.target.atLeast);
  return { ...f, ratio, met };
}

function amount(value: number, unit: string): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
}

function targetText(f: Recorded): string {
  if (!f.target) return '';
  const bound = f.target.atMost !== undefined ? `≤ ${f.target.atMost}` : `≥ ${f.target.atLeast}`;
  return f.target.of === 'ratio' ? `${bound}×` : `${bound} ${f.unit}`;
}

/** The figures of one run: printed as one table, written as JSON. */
export class Figures {
  readonly all: Recorded[] = [];

  /** `judging`: whether targets are checked (the issue's targets are for its sizes, not a quick run's). */
  constructor(private readonly judging = true) {}

  add(figure: Figure): Recorded {
    const recorded = judge(figure, this.judging);
    this.all.push(recorded);
    const ratio = recorded.ratio === null ? '' : ` (${recorded.ratio.toFixed(2)}× its floor)`;
    console.log(`  ${figure.name}${figure.database ? ` [${figure.database}]` : ''}: ${amount(figure.value, figure.unit)}${ratio}${figure.note ? ` — ${figure.note}` : ''}`);
    return recorded;
  }

  table(): string {
    const rows = this.all.map((f) => [
      f.section,
      f.name,
      f.database,
      amount(f.value, f.unit),
      f.floor === null ? '' : amount(f.floor, f.unit),
      f.ratio === null ? '' : `${f.ratio.toFixed(2)}×`,
      targetText(f),
      f.met === null ? '' : f.met ? 'yes' : 'NO',
    ]);
    const head = ['section', 'figure', 'database', 'measured', 'floor', 'ratio', 'target', 'met'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
    return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
  }

  write(path: string, run: object): void {
    writeFileSync(path, `${JSON.stringify({ ...run, figures: this.all }, null, 2)}\n`);
  }
}
