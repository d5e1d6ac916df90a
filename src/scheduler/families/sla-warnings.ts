import { deadlineAfter } from '../../domain/business-hours.js';
import { formatDuration } from '../../domain/durations.js';
import type { Priority, SlaMeasure } from '../../domain/sla-measure.js';
import { formatInstant } from '../../domain/zoned-time.js';
import type { Db } from '../../store/client.js';
import { seriesAs } from '../../store/ledger-keys.js';
import { requireContractOfRow, type Contract } from '../../store/contracts.js';
import { siblingDue } from '../../store/reminder-ledger.js';
import { issueLabel, issueOfRow } from '../../store/issues.js';
import { escalationContact } from '../../store/contacts.js';
import { slaPolicyOf } from '../../store/sla-policies.js';
import { mention } from '../../messages/format.js';
import { markLate } from '../../messages/late.js';
import type { ReminderFamily } from '../family.js';

function measureOf(step: string): SlaMeasure {
  return step === 'resolution' ? 'resolution' : 'response';
}

/**
 * Who to escalate a breach to: the escalation contact of the next level (a response breach is the
 * first level, a resolution breach the second), else the contract owner.
 */
export async function escalationFor(db: Db, contract: Contract, level: number): Promise<string> {
  const contact = await escalationContact(db, contract.id, level);
  if (contact?.userId) return `${mention(contact.userId)} (escalation-${level})`;
  if (contact?.name) return `${contact.name}${contact.email ? ` <${contact.email}>` : ''}${contact.phone ? `, ${contact.phone}` : ''} (escalation-${level})`;
  return `${mention(contract.ownerId)} (owner; no escalation-${level} contact on record)`;
}

/** 75 % warnings and 100 % breaches of an open issue's response and resolution targets. */
export const slaWarnings: ReminderFamily = {
  kinds: ['sla-warning', 'sla-breach'],

  async whyNotPost({ db, row, now }) {
    const { issueId } = seriesAs('issue', row);
    const issue = await issueOfRow(db, issueId);
    if (!issue) return 'issue gone';
    const measure = measureOf(row.step);
    if (issue.reopenCount !== row.cycle) return 'issue reopened since';
    if (issue.resolvedAt || (measure === 'response' && issue.respondedAt)) return 'clock stopped';
    if (row.kind === 'sla-warning') {
      if (await siblingDue(db, row, 'sla-breach', now)) return 'the breach supersedes the warning';
    }
    return null;
  },

  async build({ db, row, workspace, late }) {
    const { issueId } = seriesAs('issue', row);
    const issue = await issueOfRow(db, issueId);
    if (!issue) throw new Error(`reminder ledger: issue ${issueId} of a due warning is gone`);
    const contract = await requireContractOfRow(db, issue.contractId);
    const policy = await slaPolicyOf(db, contract.id, workspace.timezone);
    const measure = measureOf(row.step);
    const target = policy.targets[issue.priority as Priority];
    const targetMs = (measure === 'response' ? target?.responseMs : target?.resolutionMs) ?? null;
    if (targetMs === null) return null;
    const label = issueLabel(issue);
    const due = deadlineAfter(issue.openedAt, targetMs, policy.hours);
    const tz = workspace.timezone;
    const what = measure === 'response' ? 'response' : 'resolution';
    const target_ = formatDuration(targetMs, policy.hoursKind);
    const channelId = issue.channelId ?? contract.channelId;
    if (row.kind === 'sla-warning') {
      const text = `SLA warning: ${label} (${issue.priority.toUpperCase()}, ${contract.name}) has used 75 % of its ${what} target of ${target_}; it is due ${formatInstant(due, tz)} ${tz}.`;
      return {
        channelId,
        message: markLate({
          text,
          blocks: [
            { type: 'section', text: `⚠ *SLA warning:* *${label}* (${issue.priority.toUpperCase()}, ${contract.name}: ${issue.summary}) has used 75 % of its ${what} target of ${target_}. Due *${formatInstant(due, tz)}* ${tz}. Owner: ${mention(contract.ownerId)}.` },
          ],
        }, 'SLA warning', late),
      };
    }
    const escalate = await escalationFor(db, contract, measure === 'response' ? 1 : 2);
    const text = `SLA breach: ${label} (${issue.priority.toUpperCase()}, ${contract.name}) missed its ${what} target of ${target_} (due ${formatInstant(due, tz)} ${tz}). Escalate to ${escalate.replace(/<@(\w+)>/g, '@$1')}.`;
    return {
      channelId,
      message: markLate({
        text,
        blocks: [
          { type: 'section', text: `🚨 *SLA breach:* *${label}* (${issue.priority.toUpperCase()}, ${contract.name}: ${issue.summary}) missed its ${what} target of ${target_}; it was due ${formatInstant(due, tz)} ${tz}.` },
          { type: 'section', text: `Escalate to ${escalate}.` },
        ],
      }, 'SLA breach', late),
    };
  },
};
