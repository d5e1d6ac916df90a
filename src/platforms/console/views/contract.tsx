import type { VNode } from 'preact';
import { MonthlyChart, type ChartProps } from './charts.js';
import { VerdictCard, type VerdictProps } from './evidence.js';
import { Page, type Chrome } from './layout.js';
import { Markup, type Names } from './markup.js';

/** A section the evidence features add to the contract page (service credits, the pulse survey). */
export interface EvidenceSection {
  id: string;
  title: string;
  body: VNode;
}

export interface ContractPageProps {
  chrome: Chrome;
  names: Names;
  title: string;
  vendor: string;
  /** Label → value in the message markup (mentions, bold). */
  facts: readonly { label: string; value: string }[];
  contacts: readonly { role: string; who: string }[];
  decision: string | null;
  upcoming: readonly { when: string; what: string }[];
  audit: readonly { at: string; who: string; what: string }[];
  sla: { summary: string; charts: readonly ChartProps[] };
  evidence: readonly EvidenceSection[];
  /** The scorecard's verdict (green / amber / red) and its reasons. */
  verdict: VerdictProps;
}

/** One contract: its fields, contacts, decision history and 12 months of SLA evidence. */
export function ContractPage(props: ContractPageProps) {
  const md = (text: string) => <Markup text={text} names={props.names} />;
  return (
    <Page title={props.title} chrome={props.chrome}>
      <p class="small"><a href="/renewals">← Renewal calendar</a></p>
      <h1>{props.title}</h1>
      <p class="lead">{props.vendor}</p>
      {props.decision && <div class="card">{md(props.decision)}</div>}
      <VerdictCard {...props.verdict} />
      <div class="cols">
        <section class="card">
          <h2>Contract</h2>
          <dl class="facts">
            {props.facts.map((f) => (
              <>
                <dt>{f.label}</dt>
                <dd>{md(f.value)}</dd>
              </>
            ))}
          </dl>
        </section>
        <section class="card">
          <h2>Contacts</h2>
          <table class="list" data-section="contacts">
            <tbody>{props.contacts.map((c) => <tr><td>{c.role}</td><td>{md(c.who)}</td></tr>)}</tbody>
          </table>
          <h2>Next reminders</h2>
          {props.upcoming.length === 0 ? <p class="muted small">None planned.</p> : (
            <table class="list"><tbody>{props.upcoming.map((r) => <tr><td>{r.when}</td><td>{r.what}</td></tr>)}</tbody></table>
          )}
        </section>
      </div>
      <section class="card" id="sla">
        <h2>SLA, last 12 months</h2>
        <p class="small muted">{props.sla.summary}</p>
        <div class="charts">{props.sla.charts.map((chart) => <MonthlyChart {...chart} />)}</div>
      </section>
      {props.evidence.map((section) => (
        <section class="card" id={section.id} data-section="evidence">
          <h2>{section.title}</h2>
          {section.body}
        </section>
      ))}
      <section class="card" id="audit">
        <h2>Decision history and changes</h2>
        {props.audit.length === 0 ? <p class="muted">Nothing recorded yet.</p> : (
          <table class="list" data-section="audit">
            <thead><tr><th>When</th><th>Who</th><th>What</th></tr></thead>
            <tbody>{props.audit.map((a) => <tr><td>{a.at}</td><td>{md(a.who)}</td><td>{md(a.what)}</td></tr>)}</tbody>
          </table>
        )}
      </section>
    </Page>
  );
}
