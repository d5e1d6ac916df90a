import { deadlineAfter } from '../../domain/business-hours.js';
import { formatDuration } from '../../domain/durations.js';
import type { Priority, SlaMeasure } from '../../domain/sla-measure.js';
import { seriesAs } from '../../store/ledger-keys.js';
import type { Contract } from '../../store/contracts.js';
import { issueLabel } from '../../store/issues.js';
import { slaBreach, slaWarning, type Escalation } from '../../messages/sla-alerts.js';
import type { ReminderFamily } from '../family.js';
import type { RowReads } from '../row-reads.js';

function measureOf(step: string): SlaMeasure {
  return step === 'resolution' ? 'resolution' : 'response';
}

/**
 * Who to escalate a breach to: the escalation contact of the next level (a response breach is the
 * first level, a resolution breach the second), else the contract owner.
 */
async function escalationFor(reads: RowReads, contract: Contract, level: number): Promise<Escalation> {
  const contact = await reads.escalationContact(contract.id, level);
  if (contact?.userId) return { to: 'user', userId: contact.userId, level };
  if (contact?.name) return { to: 'person', name: contact.name, email: contact.email, phone: contact.phone, level };
  return { to: 'owner', ownerId: contract.ownerId, level };
}

/** 75 % warnings and 100 % breaches of an open issue's response and resolution targets. */
export const slaWarnings: ReminderFamily = {
  kinds: ['sla-warning', 'sla-breach'],

  async whyNotPost({ reads, row, now }) {
    const { issueId } = seriesAs('issue', row);
    const issue = await reads.issue(issueId);
    if (!issue) return 'issue gone';
    const measure = measureOf(row.step);
    if (issue.reopenCount !== row.cycle) return 'issue reopened since';
    if (issue.resolvedAt || (measure === 'response' && issue.respondedAt)) return 'clock stopped';
    if (row.kind === 'sla-warning') {
      if (await reads.siblingDue(row, 'sla-breach', now)) return 'the breach supersedes the warning';
    }
    return null;
  },

  async build({ reads, row, workspace, late }) {
    const { issueId } = seriesAs('issue', row);
    const issue = await reads.issue(issueId);
    if (!issue) throw new Error(`reminder ledger: issue ${issueId} of a due warning is gone`);
    const contract = await reads.contract(issue.contractId);
    if (!contract) throw new Error(`reminder ledger: contract ${issue.contractId} of issue ${issueId} is gone`);
    const policy = await reads.slaPolicy(contract.id, workspace.timezone);
    const measure = measureOf(row.step);
    const target = policy.targets[issue.priority as Priority];
    const targetMs = (measure === 'response' ? target?.responseMs : target?.resolutionMs) ?? null;
    if (targetMs === null) return null;
    const clock = {
      label: issueLabel(issue),
      priority: issue.priority,
      contractName: contract.name,
      summary: issue.summary,
      measure,
      target: formatDuration(targetMs, policy.hoursKind),
      due: deadlineAfter(issue.openedAt, targetMs, policy.hours),
      timezone: workspace.timezone,
    };
    const channelId = issue.channelId ?? contract.channelId;
    if (row.kind === 'sla-warning') return { channelId, message: slaWarning(clock, contract.ownerId, late) };
    const escalation = await escalationFor(reads, contract, measure === 'response' ? 1 : 2);
    return { channelId, message: slaBreach(clock, escalation, late) };
  },
};
