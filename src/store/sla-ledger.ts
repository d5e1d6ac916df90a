import { deadlineAfter } from '../domain/business-hours.js';
import type { Priority } from '../domain/sla-measure.js';
import type { Tx } from './client.js';
import type { VendorIssue } from './issues.js';
import { cancelSeries, syncPlan, type PlannedRow } from './reminder-ledger.js';
import type { SlaPolicy } from './sla-policies.js';

export const WARNING_FRACTION = 0.75;

/**
 * Plans the 75 % warning and the 100 % breach of each running SLA clock of an issue; clocks that
 * stopped (responded, resolved) or have no target get nothing. A reopened issue plans a new cycle.
 */
export async function planIssueWarnings(tx: Tx, issue: VendorIssue, policy: SlaPolicy): Promise<void> {
  const target = policy.targets[issue.priority as Priority];
  for (const measure of ['response', 'resolution'] as const) {
    const series = { of: 'issue', issueId: issue.id, measure, cycle: issue.reopenCount } as const;
    const ms = measure === 'response' ? target?.responseMs : target?.resolutionMs;
    const stopped = measure === 'response' ? issue.respondedAt !== null || issue.resolvedAt !== null : issue.resolvedAt !== null;
    if (ms === null || ms === undefined || stopped) {
      await cancelSeries(tx, issue.workspaceId, series);
      continue;
    }
    const plan: PlannedRow[] = [
      { kind: 'sla-warning', step: measure, dueAt: deadlineAfter(issue.openedAt, ms * WARNING_FRACTION, policy.hours) },
      { kind: 'sla-breach', step: measure, dueAt: deadlineAfter(issue.openedAt, ms, policy.hours) },
    ];
    await syncPlan(tx, { workspaceId: issue.workspaceId, series, contractId: issue.contractId }, plan);
  }
}
