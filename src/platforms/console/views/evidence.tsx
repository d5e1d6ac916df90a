import { Markup, type Names } from './markup.js';

/** How a credit's state is shown: its words and its colour (the calendar's pill colours). */
export type CreditTone = 'urgent' | 'soon' | 'pending' | 'later' | 'past';

export interface CreditRow {
  label: string;
  month: string;
  uptime: string;
  tier: string;
  amount: string;
  state: string;
  stateWords: string;
  tone: CreditTone;
  deadline: string;
  recovered: string;
  /** Who claimed or settled it, when (markup with mentions); null while simply due. */
  status: string | null;
}

export interface CreditTotalsRow {
  currency: string;
  owed: string;
  claimed: string;
  recovered: string;
  lost: string;
  open: string;
}

export interface CreditEvidenceProps {
  names: Names;
  /** "below 99.9 % → 10 %, …", the fee they apply to and the claim window; null without tiers. */
  terms: string | null;
  credits: readonly CreditRow[];
  totals: readonly CreditTotalsRow[];
  /** What to type (markup): set tiers, or move a credit. */
  hint: string;
}

/** Service credits: the tiers and claim window, every credit of the contract, totals per currency. */
export function CreditEvidence(props: CreditEvidenceProps) {
  const md = (text: string) => <Markup text={text} names={props.names} />;
  return (
    <>
      <p class="small" data-credit-terms>{props.terms ? md(props.terms) : 'No service credit tiers are set for this contract.'}</p>
      {props.credits.length > 0 && (
        <table class="list" data-section="credits">
          <thead><tr><th>Credit</th><th>Month</th><th>Uptime</th><th>Tier</th><th>Amount</th><th>State</th><th>Claim deadline</th><th>Recovered</th></tr></thead>
          {props.credits.map((c) => (
            <tbody data-credit={c.label} data-state={c.state}>
              <tr class={c.status ? 'has-status' : ''}>
                <td><b>{c.label}</b></td>
                <td>{c.month}</td>
                <td>{c.uptime}</td>
                <td>{c.tier}</td>
                <td>{c.amount}</td>
                <td><span class={`pill ${c.tone}`}>{c.stateWords}</span></td>
                <td>{c.deadline}</td>
                <td>{c.recovered}</td>
              </tr>
              {c.status && <tr class="credit-status"><td /><td colSpan={7} class="small muted">{md(c.status)}</td></tr>}
            </tbody>
          ))}
        </table>
      )}
      {props.totals.length > 0 && (
        <table class="list totals" data-section="credit-totals">
          <thead><tr><th>Totals</th><th>Owed</th><th>Claimed</th><th>Recovered</th><th>Lost</th><th>Still open</th></tr></thead>
          <tbody>
            {props.totals.map((t) => (
              <tr data-currency={t.currency}><td>{t.currency}</td><td>{t.owed}</td><td>{t.claimed}</td><td>{t.recovered}</td><td>{t.lost}</td><td>{t.open}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="small muted">{md(props.hint)}</p>
    </>
  );
}

export interface SurveyResult {
  /** "4.2/5 from 9 people", or "no votes". */
  result: string;
  /** Votes for 5 … 1, with their share of the count. */
  bars: readonly { rating: number; votes: number; share: number }[];
}

export interface SurveyView {
  state: 'open' | 'closed';
  /** "Open until 2026-12-18 (Fri), or the renewal decision" / "Closed on 2026-12-18 (Fri)". */
  when: string;
  count: number;
  comments: number;
  /** Only once closed: while a survey is open, only how many have voted is shown (as in the channel). */
  results: SurveyResult | null;
}

export interface SurveyEvidenceProps {
  question: string;
  /** The open survey or the last one; and the last closed one before an open one. */
  surveys: readonly SurveyView[];
  hint: string;
  names: Names;
}

function Distribution({ result }: { result: SurveyResult }) {
  const widest = Math.max(1, ...result.bars.map((b) => b.votes));
  return (
    <table class="distribution" data-section="survey-distribution">
      <tbody>
        {result.bars.map((b) => (
          <tr data-rating={String(b.rating)}>
            <th>{`${'★'.repeat(b.rating)}${'☆'.repeat(5 - b.rating)}`}</th>
            <td class="bar-cell"><svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect x="0" y="0" height="10" width={String((b.votes / widest) * 100)} /></svg></td>
            <td>{`${b.votes} (${b.share} %)`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The pulse survey: the open one (how many have voted) and the last result (average, distribution, count); never who voted or wrote. */
export function SurveyEvidence(props: SurveyEvidenceProps) {
  return (
    <>
      {props.surveys.length > 0 && <p><b>{props.question}</b></p>}
      {props.surveys.length === 0 && <p class="small">No pulse survey yet.</p>}
      {props.surveys.map((s) => (
        <div class="survey" data-survey={s.state}>
          <p>
            <span class={`pill ${s.state === 'open' ? 'soon' : 'decided'}`}>{s.state}</span>{' '}
            {s.when} · {s.count === 1 ? '1 person has voted' : `${s.count} people have voted`}
            {s.comments > 0 && ` · ${s.comments === 1 ? '1 comment' : `${s.comments} comments`} for the owner and approvers, without names`}
          </p>
          {s.results ? (
            <>
              <p class="survey-result">Survey: <b>{s.results.result}</b></p>
              {s.results.bars.some((b) => b.votes > 0) && <Distribution result={s.results} />}
            </>
          ) : (
            <p class="small muted">The average and the distribution are shown when it closes, as on its message in the channel.</p>
          )}
        </div>
      ))}
      <p class="small muted"><Markup text={props.hint} names={props.names} /></p>
    </>
  );
}

export interface VerdictProps {
  verdict: 'green' | 'amber' | 'red';
  reasons: readonly string[];
  period: string;
  command: string;
}

/** The scorecard's verdict and its reasons, at the top of the contract page. */
export function VerdictCard(props: VerdictProps) {
  return (
    <section class={`card verdict ${props.verdict}`} id="scorecard" data-verdict={props.verdict}>
      <h2>
        <span class={`pill verdict-${props.verdict}`}>{props.verdict[0]!.toUpperCase() + props.verdict.slice(1)}</span>{' '}
        Scorecard, {props.period}
      </h2>
      <ul class="reasons">{props.reasons.map((r) => <li>{r[0]!.toUpperCase() + r.slice(1)}</li>)}</ul>
      <p class="small muted">The verdict rule is in the README (green / amber / red). In chat: <code>{props.command}</code></p>
    </section>
  );
}
