import { deadlineAfter } from '../domain/business-hours.js';
import { formatDuration } from '../domain/durations.js';
import { measureIssue, type Priority } from '../domain/sla-measure.js';
import type { Contract } from '../store/contracts.js';
import { issueLabel, timesOf, type VendorIssue } from '../store/issues.js';
import type { SlaPolicy } from '../store/sla-policies.js';
import { mention, when } from './format.js';
import type { Block, Button, Message } from './model.js';
import { encode } from './payloads.js';

/** "response 4 h, due 2026-11-23 14:00 Europe/Berlin" for each target the priority has. */
export function targetLines(issue: VendorIssue, policy: SlaPolicy, timezone: string): string[] {
  const target = policy.targets[issue.priority as Priority];
  const lines: string[] = [];
  for (const [measure, ms] of [['response', target?.responseMs], ['resolution', target?.resolutionMs]] as const) {
    if (ms === null || ms === undefined) continue;
    lines.push(`${measure} ${formatDuration(ms, policy.hoursKind)}, due ${when(deadlineAfter(issue.openedAt, ms, policy.hours), timezone)}`);
  }
  return lines;
}

function statusLine(issue: VendorIssue, policy: SlaPolicy, timezone: string, now: Date): string {
  const parts: string[] = [];
  for (const measure of ['response', 'resolution'] as const) {
    const m = measureIssue(timesOf(issue), measure, policy.targets, policy.hours, now);
    if (!m.finished) continue;
    const at = measure === 'response' ? (issue.respondedAt ?? issue.resolvedAt)! : issue.resolvedAt!;
    const verdict = m.outcome === 'met' ? ' ✅ within target' : m.outcome === 'breached' ? ' ❌ target missed' : '';
    parts.push(`${measure === 'response' ? 'Vendor responded' : 'Resolved'} ${when(at, timezone)} after ${formatDuration(m.elapsedMs, policy.hoursKind)}${verdict}`);
  }
  if (issue.reopenCount > 0 && !issue.resolvedAt) parts.push(`reopened ${issue.reopenCount}×`);
  return parts.length > 0 ? parts.join(' · ') : 'Open, waiting for the vendor';
}

/** What an issue without targets says, with the command that sets them. */
export function noTargetsLine(contractName: string, priority: string): string {
  return `No SLA targets for ${priority.toUpperCase()} on this contract yet: \`/sla set "${contractName}" ${priority} response:4h resolution:2d\`.`;
}

/** The message posted in the contract's channel when an issue is logged, updated as it progresses. */
export function issueMessage(issue: VendorIssue, contract: Contract, policy: SlaPolicy, timezone: string, now: Date): Message {
  const label = issueLabel(issue);
  const targets = targetLines(issue, policy, timezone);
  const value = encode({ i: issue.id });
  const buttons: Button[] = [];
  if (!issue.respondedAt && !issue.resolvedAt) buttons.push({ action: 'issue.respond', label: 'Vendor responded', value });
  if (!issue.resolvedAt) buttons.push({ action: 'issue.resolve', label: 'Resolved', value, style: 'primary' });
  const blocks: Block[] = [
    { type: 'header', text: `Vendor issue ${label}: ${issue.summary}`.slice(0, 150) },
    {
      type: 'section',
      text: `*${contract.name}* (${contract.vendor}) · *${issue.priority.toUpperCase()}*${issue.category ? ` · ${issue.category}` : ''} · logged by ${mention(issue.openedBy)}, opened ${when(issue.openedAt, timezone)}`,
    },
    {
      type: 'section',
      text: targets.length > 0
        ? `*Targets* (${policy.hoursKind === 'business' ? 'business hours' : '24x7'}): ${targets.join('; ')}`
        : noTargetsLine(contract.name, issue.priority),
    },
    { type: 'context', text: statusLine(issue, policy, timezone, now) },
  ];
  if (buttons.length > 0) blocks.push({ type: 'actions', buttons });
  const due = targets.length > 0 ? ` — ${targets.join('; ')}` : '';
  const state = issue.resolvedAt ? ' (resolved)' : '';
  return { text: `${label} (${issue.priority.toUpperCase()}) for ${contract.name}: ${issue.summary}${state}${due}`, blocks };
}
