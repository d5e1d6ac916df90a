import { addMonths, daysBetween, type Day } from '../../../domain/days.js';
import { Page, type Chrome } from './layout.js';

export type EventState = 'urgent' | 'soon' | 'later' | 'decided' | 'pending';

export interface CalendarEvent {
  contractId: string;
  kind: 'deadline' | 'end';
  day: Day;
  /** "in 45 days", "tomorrow". */
  left: string;
  state: EventState;
  /** What the colour means here: "decided: Renew", "45 days left". */
  stateLabel: string;
}

export interface CalendarRow {
  contractId: string;
  name: string;
  vendor: string;
  owner: string;
  events: readonly CalendarEvent[];
}

export interface CalendarProps {
  chrome: Chrome;
  today: Day;
  until: Day;
  rows: readonly CalendarRow[];
  /** Contracts with dates in the window beyond those shown. */
  more: number;
}

const W = 1180;
const LABEL_W = 250;
const ROW_H = 34;
const TOP = 34;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const STATE_NAMES: Record<EventState, string> = {
  urgent: '30 days or less',
  soon: '31 to 90 days',
  later: 'more than 90 days',
  decided: 'decided',
  pending: 'awaiting approval',
};

function Timeline({ props }: { props: CalendarProps }) {
  const span = daysBetween(props.today, props.until);
  const plot = W - LABEL_W - 20;
  const x = (day: Day) => LABEL_W + (daysBetween(props.today, day) / span) * plot;
  const height = TOP + props.rows.length * ROW_H + 10;
  const monthStarts: Day[] = [];
  for (let m = addMonths(`${props.today.slice(0, 7)}-01`, 1); m <= props.until; m = addMonths(m, 1)) monthStarts.push(m);
  return (
    <svg class="timeline" viewBox={`0 0 ${W} ${height}`} role="img" aria-label={`Notice deadlines and ends from ${props.today} to ${props.until}`}>
      {monthStarts.map((m) => (
        <>
          <line class="month-line" x1={x(m)} x2={x(m)} y1={TOP - 14} y2={height} />
          <text class="month-label" x={x(m) + 4} y={TOP - 18}>{`${MONTHS[Number(m.slice(5, 7)) - 1]}${m.slice(5, 7) === '01' ? ` ${m.slice(0, 4)}` : ''}`}</text>
        </>
      ))}
      <line class="today" x1={LABEL_W} x2={LABEL_W} y1={TOP - 14} y2={height} />
      <text class="today-label" x={LABEL_W + 4} y={TOP - 4}>today</text>
      {props.rows.map((row, i) => {
        const cy = TOP + i * ROW_H + ROW_H / 2;
        const xs = row.events.map((e) => x(e.day));
        return (
          <a href={`/contracts/${encodeURIComponent(row.contractId)}`} data-contract={row.contractId}>
            <title>{`${row.name} (${row.vendor}), owner ${row.owner}`}</title>
            {/* The whole row is the link, not only its label and markers. */}
            <rect class="row-hit" x={0} y={cy - ROW_H / 2} width={W} height={ROW_H} />
            <text class="row-label" x={8} y={cy + 4}>{row.name.length > 32 ? `${row.name.slice(0, 31)}…` : row.name}</text>
            {xs.length > 1 && <line class="lane" x1={Math.min(...xs)} x2={Math.max(...xs)} y1={cy} y2={cy} />}
            {row.events.map((e) => {
              const ex = x(e.day);
              const title = `${e.kind === 'deadline' ? 'Notice deadline' : 'Ends'} ${e.day}, ${e.left}: ${e.stateLabel}`;
              return e.kind === 'deadline'
                ? <polygon class={`event ${e.state}`} data-kind="deadline" points={`${ex},${cy - 8} ${ex + 8},${cy} ${ex},${cy + 8} ${ex - 8},${cy}`}><title>{title}</title></polygon>
                : <circle class={`event ${e.state}`} data-kind="end" cx={ex} cy={cy} r={7}><title>{title}</title></circle>;
            })}
          </a>
        );
      })}
    </svg>
  );
}

/** The renewal calendar: the next 12 months of notice deadlines and ends, coloured by days left and decision. */
export function CalendarPage(props: CalendarProps) {
  const rows = props.rows.flatMap((row) => row.events.map((e) => ({ row, e }))).sort((a, b) => (a.e.day < b.e.day ? -1 : a.e.day > b.e.day ? 1 : 0));
  return (
    <Page title="Renewal calendar" chrome={props.chrome}>
      <h1>Renewal calendar</h1>
      <p class="lead">Notice deadlines (◆) and ends (●) of the active contracts from {props.today} to {props.until}. Click a contract for its details and SLA.</p>
      <div class="legend">
        {(Object.keys(STATE_NAMES) as EventState[]).map((state) => <span><i class={state} />{STATE_NAMES[state]}</span>)}
      </div>
      <section class="card">
        {props.rows.length === 0 ? <p class="muted">Nothing falls due in the next 12 months.</p> : <Timeline props={props} />}
        {props.more > 0 && <p class="small muted">{`And ${props.more} more contracts with dates in these 12 months: `}<code>/renewals within:12m</code> lists them all.</p>}
      </section>
      {rows.length > 0 && (
        <section class="card">
          <table class="list">
            <thead><tr><th>Date</th><th>When</th><th>What</th><th>Contract</th><th>Owner</th><th>State</th></tr></thead>
            <tbody>
              {rows.map(({ row, e }) => (
                <tr>
                  <td>{e.day}</td>
                  <td>{e.left}</td>
                  <td>{e.kind === 'deadline' ? 'Notice deadline' : 'Ends'}</td>
                  <td><a href={`/contracts/${encodeURIComponent(row.contractId)}`}>{row.name}</a> <span class="muted">{row.vendor}</span></td>
                  <td>{row.owner}</td>
                  <td><span class={`pill ${e.state}`}>{e.stateLabel}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </Page>
  );
}
