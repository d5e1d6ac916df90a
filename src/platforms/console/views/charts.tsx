export interface ChartSeries {
  id: 'response' | 'resolution' | 'uptime';
  label: string;
  /** Percent per month; null where there is nothing to measure (no issue opened that month). */
  values: readonly (number | null)[];
  /** What each point's tooltip says. */
  notes: readonly string[];
}

export interface ChartProps {
  title: string;
  /** "2026-03" per month, oldest first. */
  months: readonly string[];
  series: readonly ChartSeries[];
  /** The target line, in percent. */
  target: number | null;
  targetLabel: string;
  yMin: number;
  yMax: number;
  /** A badge above the months that earned something (a service credit), with what its tooltip says. */
  marks?: readonly (ChartMark | null)[];
  markLabel?: string;
}

export interface ChartMark {
  /** Short: "C-1". */
  label: string;
  note: string;
}

const W = 560;
const H = 230;
const PAD = { left: 60, right: 14, top: 24, bottom: 34 };
const MARK_H = 15;
/** Series side by side within a month, so that equal values do not hide each other. */
const NUDGE = 4;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function percent(value: number, span: number): string {
  const digits = span < 1 ? 2 : span < 10 ? 1 : 0;
  return `${value.toFixed(digits)} %`;
}

/**
 * A line chart of one value per month against a target: one marker per month for every series that
 * has a value (a hollow marker on the axis when none has), the target as a dashed line; drawn as SVG
 * on the server.
 */
export function MonthlyChart(props: ChartProps) {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const span = props.yMax - props.yMin;
  const x = (i: number) => PAD.left + ((i + 0.5) * plotW) / props.months.length;
  const y = (v: number) => PAD.top + ((props.yMax - Math.min(props.yMax, Math.max(props.yMin, v))) / span) * plotH;
  const ticks = [0, 1, 2, 3, 4].map((i) => props.yMin + (span * i) / 4);
  const shift = (k: number) => (k - (props.series.length - 1) / 2) * NUDGE;
  const path = (values: readonly (number | null)[], k: number) => {
    let d = '';
    values.forEach((v, i) => {
      if (v === null) return;
      d += `${d && values[i - 1] !== null && i > 0 ? 'L' : 'M'}${(x(i) + shift(k)).toFixed(1)},${y(v).toFixed(1)}`;
    });
    return d;
  };
  return (
    <figure class="chart-box">
      <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.title} data-chart={props.series.map((s) => s.id).join(' ')}>
        <title>{props.title}</title>
        {ticks.map((t) => (
          <>
            <line class="grid" x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} />
            <text class="tick" x={PAD.left - 6} y={y(t) + 4} text-anchor="end">{percent(t, span)}</text>
          </>
        ))}
        <line class="axis" x1={PAD.left} x2={W - PAD.right} y1={PAD.top + plotH} y2={PAD.top + plotH} />
        {/* The target is named in the legend: a label on the line would cover the points near it. */}
        {props.target !== null && <line class="target" x1={PAD.left} x2={W - PAD.right} y1={y(props.target)} y2={y(props.target)}><title>{props.targetLabel}</title></line>}
        {props.series.map((s, k) => <path class={`series ${s.id}`} d={path(s.values, k)} />)}
        {props.months.map((month, i) => {
          const measured = props.series.map((s, k) => ({ s, k })).filter(({ s }) => s.values[i] !== null && s.values[i] !== undefined);
          const name = `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
          return (
            <g class="month" data-month={month}>
              {measured.length === 0 ? (
                <circle class="point no-data" cx={x(i)} cy={PAD.top + plotH} r={4}><title>{`${name}: no issues opened`}</title></circle>
              ) : (
                measured.map(({ s, k }) => {
                  const v = s.values[i]!;
                  const missed = props.target !== null && v < props.target - 1e-9;
                  return (
                    <circle class={`point ${s.id}${missed ? ' missed' : ''}`} cx={x(i) + shift(k)} cy={y(v)} r={4.5} data-value={v.toFixed(3)}>
                      <title>{`${name}: ${s.label} ${percent(v, span)}${s.notes[i] ? ` (${s.notes[i]})` : ''}${missed ? ', below target' : ''}`}</title>
                    </circle>
                  );
                })
              )}
              <text class="tick" x={x(i)} y={H - PAD.bottom + 16} text-anchor="middle">{MONTH_NAMES[Number(month.slice(5, 7)) - 1]}</text>
              {props.marks?.[i] && <Mark mark={props.marks[i]} x={x(i)} name={name} />}
            </g>
          );
        })}
      </svg>
      <figcaption class="chart-legend">
        {props.series.map((s) => <span><i class={s.id} />{s.label}</span>)}
        {props.target !== null && <span><i class="target" />{props.targetLabel}</span>}
        {props.marks?.some((m) => m !== null) && <span><i class="mark" />{props.markLabel ?? 'marked'}</span>}
      </figcaption>
    </figure>
  );
}

/** A badge in the band above the plot, over its month: nothing it covers. */
function Mark({ mark, x, name }: { mark: ChartMark; x: number; name: string }) {
  const width = 10 + mark.label.length * 6.5;
  return (
    <g class="mark" data-mark={mark.label}>
      <title>{`${name}: ${mark.note}`}</title>
      <rect x={x - width / 2} y={(PAD.top - MARK_H) / 2} width={width} height={MARK_H} rx={4} />
      <text x={x} y={(PAD.top - MARK_H) / 2 + 11} text-anchor="middle">{mark.label}</text>
    </g>
  );
}

/** The lower end of an uptime axis: room below the lowest value and the target, at least half a percent. */
export function uptimeAxisMin(values: readonly (number | null)[], target: number | null): number {
  const lowest = Math.min(100, target ?? 100, ...values.filter((v): v is number => v !== null));
  const span = Math.max(0.5, (100 - lowest) * 1.25);
  return Math.max(0, Math.floor((100 - span) * 10) / 10);
}
