import type { Contract } from '../store/contracts.js';
import type { SlaReport } from '../store/sla-data.js';
import { count, uptimeShort } from './format.js';
import { markLate, type Late } from './late.js';
import type { Block, Message } from './model.js';
import { verdict } from './sla-status.js';

const MAX_CONTRACTS_PER_MESSAGE = 40;
/** Contracts named in the plain-text fallback before "and N more". */
const NAMED_IN_TEXT = 3;

/** "Globex Support, Initech and 3 more (5 contracts in this channel)". */
export function reportedContracts(names: readonly string[]): string {
  const named = names.slice(0, NAMED_IN_TEXT);
  const rest = names.length - named.length;
  const list = rest > 0 ? `${named.join(', ')} and ${rest} more` : named.join(', ');
  return `${list} (${names.length} contract${names.length === 1 ? '' : 's'} in this channel)`;
}

/** Whether a contract has anything to report: issues, downtime, or targets to measure against. */
export function isMeasured(report: SlaReport): boolean {
  return report.current.issueCount > 0 || report.current.uptime !== 1 || Object.keys(report.policy.targets).length > 0 || report.policy.uptimeTarget !== null;
}

/**
 * A channel's monthly SLA report: one line per measured contract (at most 40), for `month`
 * ("2026-11", titled "November 2026").
 */
export interface ReportedContract {
  contract: Contract;
  report: SlaReport;
  /** The month's service credit, if it earned one ("C-3", "250.00 USD"). */
  credit?: { label: string; amount: string } | null;
}

export function monthlyReport(month: { id: string; title: string }, reports: readonly ReportedContract[], late: Late): Message {
  const sections: Block[] = reports.slice(0, MAX_CONTRACTS_PER_MESSAGE).map(({ contract, report, credit }) => {
    const { current, policy } = report;
    const up = current.uptime === null ? '' : ` · uptime ${uptimeShort(current.uptime)}${policy.uptimeTarget !== null ? ` (target ${policy.uptimeTarget} %)` : ''}`;
    const earned = credit ? ` · service credit ${credit.label}: ${credit.amount}` : '';
    return { type: 'section', text: `• *${verdict(contract, report)}*\n   ${count(current.issueCount, 'issue')}, ${count(current.breachCount, 'breach', 'breaches')}${up}${earned}` };
  });
  const names = reports.map((r) => r.contract.name);
  const more = reports.length - sections.length;
  const kind = `Monthly SLA report for ${month.title}`;
  return markLate({
    text: `${kind}: ${reportedContracts(names)}.`,
    blocks: [
      { type: 'header', text: `Monthly SLA report: ${month.title}` },
      ...sections,
      { type: 'context', text: `Details: \`/sla "${names[0]}" month:${month.id}\`${names.length > 1 ? ' (or another contract\'s name)' : ''}${more > 0 ? ` · ${count(more, 'more contract')} not shown` : ''}` },
    ],
  }, kind, late);
}
