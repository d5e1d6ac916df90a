import type { VendorIssue } from '../generated/prisma/client.js';
import type { IssueTimes, Priority } from '../domain/sla-measure.js';
import type { Db, Tx } from './client.js';

export type { VendorIssue };

/** The times the SLA maths needs. */
export function timesOf(issue: Pick<VendorIssue, 'id' | 'priority' | 'category' | 'openedAt' | 'respondedAt' | 'resolvedAt'>): IssueTimes {
  return { id: issue.id, priority: issue.priority as Priority, category: issue.category, opened: issue.openedAt, responded: issue.respondedAt, resolved: issue.resolvedAt };
}

/** `I-12`, `i-12` or `12` → 12. */
export function issueNumber(text: string): number | null {
  const match = /^(?:i-?)?(\d{1,9})$/i.exec(text.trim());
  return match ? Number(match[1]) : null;
}

export function issueLabel(issue: Pick<VendorIssue, 'number'>): string {
  return `I-${issue.number}`;
}

export async function findIssue(db: Db | Tx, workspaceId: string, number: number): Promise<VendorIssue | null> {
  return db.vendorIssue.findUnique({ where: { workspaceId_number: { workspaceId, number } } });
}

export async function findIssueById(db: Db | Tx, workspaceId: string, id: string): Promise<VendorIssue | null> {
  return db.vendorIssue.findFirst({ where: { id, workspaceId } });
}

/** Hands out the next I-<n> of the workspace inside the caller's transaction. */
export async function nextIssueNumber(tx: Tx, workspaceId: string): Promise<number> {
  const ws = await tx.workspace.update({ where: { id: workspaceId }, data: { issueSeq: { increment: 1 } }, select: { issueSeq: true } });
  return ws.issueSeq;
}

export async function recordIssueEvent(tx: Tx, issue: VendorIssue, action: string, actorId: string, at: Date): Promise<void> {
  await tx.issueEvent.create({ data: { workspaceId: issue.workspaceId, issueId: issue.id, action, actorId, at } });
}

export async function listIssues(db: Db, workspaceId: string, options: { contractId?: string; openOnly: boolean; limit: number }): Promise<VendorIssue[]> {
  return db.vendorIssue.findMany({
    where: { workspaceId, ...(options.contractId && { contractId: options.contractId }), ...(options.openOnly && { resolvedAt: null }) },
    orderBy: [{ openedAt: 'desc' }, { number: 'desc' }],
    take: options.limit,
  });
}

/** The issues and outages of one contract that matter for a period (opened in it, or still open). */
export async function issuesOpenedBetween(db: Db | Tx, contractId: string, start: Date, end: Date): Promise<VendorIssue[]> {
  return db.vendorIssue.findMany({ where: { contractId, openedAt: { gte: start, lt: end } } });
}

export async function outagesOverlapping(db: Db | Tx, contractId: string, start: Date, end: Date) {
  return db.outage.findMany({ where: { contractId, startAt: { lt: end }, endAt: { gt: start } } });
}
